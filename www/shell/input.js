// Inputs: each article input read, checked and limited (2 MiB, enforced while reading) and each setting validated, before the wasm sees a byte.

// Bytes an article input may hold (the wasm's MAX_INPUT_BYTES). Larger inputs are refused while
// they are read, before any byte is copied into wasm memory; an article object is held to the
// wasm's MAX_PARAGRAPHS and MAX_TEXT_BYTES the same way.
const MAX_INPUT_BYTES = 2 * 1024 * 1024;
const MAX_PARAGRAPHS = 2000;
const MAX_TEXT_BYTES = 1024 * 1024;

const encoder = new TextEncoder();

/**
 * An input is one of: `{ kind: 'embedded' }`, `{ kind: 'text', data }` (UTF-8 bytes of the
 * plain-text format), `{ kind: 'article', value }` (an object in the JSON format: the article
 * property, or JSON the browser parsed), `{ kind: 'refused', field, reason }` (an input the
 * shell refused: the wasm shows why, for `field`). Each has its own wasm export (Card#mount).
 */
export function refused(field, reason) {
  return { kind: 'refused', field, reason };
}

/** Text in one of the two formats, refused without being copied when over the limit. */
export function textInput(kind, text, field) {
  // UTF-8 needs at least one byte per UTF-16 unit: a longer string is over before encoding.
  if (text.length > MAX_INPUT_BYTES) {
    return refused(field, `more than ${MAX_INPUT_BYTES} bytes: over the limit of ${MAX_INPUT_BYTES} bytes`);
  }
  if (kind === 'json') return jsonInput(text);
  return bytesInput('text', encoder.encode(text), field);
}

function bytesInput(kind, bytes, field) {
  if (bytes.length > MAX_INPUT_BYTES) {
    return refused(field, `${bytes.length} bytes is over the limit of ${MAX_INPUT_BYTES} bytes`);
  }
  if (kind === 'json') {
    let text;
    try {
      text = strictDecoder.decode(bytes);
    } catch {
      // Not UTF-8: the wasm's reader names the line of the first bad byte, whatever the format.
      return { kind: 'text', data: bytes };
    }
    return jsonInput(text);
  }
  return { kind: 'text', data: bytes };
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON text, parsed by the browser (the wasm carries no JSON parser). A syntax error is reported
 * the same in every engine, without the engine's own wording, which differs: "article: is not
 * valid JSON". A leading byte-order mark is dropped, as `response.json()` drops it.
 */
function jsonInput(text) {
  let value;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refused('article', 'is not valid JSON');
  }
  return articleInput(value);
}

/** What a JavaScript value is, in the JSON format's words. */
function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return { object: 'an object', undefined: 'undefined', boolean: 'a boolean', number: 'a number', bigint: 'a BigInt' }[type] ??
    `a ${type}`;
}

/**
 * The `article` property or option: an object in the JSON format, handed to the wasm as the
 * object itself (no JSON.stringify: the wasm reads only the members it knows, so any other
 * member may hold anything). Refused here, before the wasm copies a byte of it, when over the
 * limits the wasm applies: more than 2,000 paragraphs, or more than 1 MiB of text.
 */
export function articleInput(value) {
  const kind = kindOf(value);
  if (kind !== 'an object') return refused('article', `expected an object, found ${kind}`);
  const body = Array.isArray(value.body) ? value.body : [];
  if (body.length > MAX_PARAGRAPHS) return refused('body', `has more than ${MAX_PARAGRAPHS} paragraphs`);
  const member = (name) => (typeof value[name] === 'object' && value[name] !== null ? value[name] : {});
  const author = member('author');
  const image = member('image');
  let bytes = 0;
  for (const text of [value.title, value.summary, value.url, value.published, value.source, author.name, author.bio,
    image.src, image.alt, image.srcset, image.sizes, image.caption, image.credit, ...body]) {
    // Encoded here, in JavaScript's memory, only to count: the wasm sees none of it yet.
    if (typeof text === 'string') bytes += encoder.encode(text).length;
  }
  if (bytes > MAX_TEXT_BYTES) return refused('article', `has more than ${MAX_TEXT_BYTES} bytes of text`);
  return { kind: 'article', value };
}

/** Whether a fetched `src` is JSON: by Content-Type, else by the URL's extension. */
function isJson(response, url) {
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return true;
  if (type === 'text/plain') return false;
  return url.pathname.toLowerCase().endsWith('.json');
}

/** The body, read as a stream and cancelled at the limit (decompressed bytes count); null if over. */
async function readLimited(response) {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length > MAX_INPUT_BYTES ? null : bytes;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_INPUT_BYTES) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** The input for `src`: every failure (not a URL, network, HTTP status, size) is an input too. */
export async function srcInput(src, signal) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return refused('src', `not a URL: ${src}`);
  }
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) return refused('src', `HTTP ${response.status} ${response.statusText} for ${src}`.replace(/ +/g, ' ').trim());
    const declared = Number(response.headers.get('content-length'));
    const json = isJson(response, url);
    if (declared > MAX_INPUT_BYTES && !response.headers.get('content-encoding')) {
      response.body?.cancel().catch(() => {});
      return refused('src', `${declared} bytes is over the limit of ${MAX_INPUT_BYTES} bytes`);
    }
    const bytes = await readLimited(response);
    if (!bytes) return refused('src', `the response is over the limit of ${MAX_INPUT_BYTES} bytes`);
    return bytesInput(json ? 'json' : 'text', bytes, 'src');
  } catch (error) {
    if (signal.aborted) return null; // a newer input replaced this one
    return refused('src', `${error.name}: ${error.message} for ${src}`);
  }
}

/** The input `mountCard`'s options name: the first present of article, json, text, bytes, failure. */
export function optionsInput({ article, json, text, bytes, format, failure }) {
  if (failure !== undefined) return refused('src', String(failure));
  if (article !== undefined && article !== null) return articleInput(article);
  if (json !== undefined) return textInput('json', String(json), 'article');
  if (text !== undefined) return textInput('text', String(text), 'article');
  if (bytes !== undefined) return bytesInput(format === 'json' ? 'json' : 'text', new Uint8Array(bytes), 'article');
  return EMBEDDED;
}

export const EMBEDDED = { kind: 'embedded' };

// ---- Settings: every attribute and option is validated here, with a documented fallback ------

const NUMERALS = ['latn', 'arab', 'auto'];
const MAX_WPM = 10_000;

/** Words per minute: a number from 1 to 10,000 once rounded, else 180 (the wasm's default). */
function readingSpeed(value) {
  const wpm = value === null || value === undefined || value === '' ? NaN : Math.round(Number(value));
  return wpm >= 1 && wpm <= MAX_WPM ? wpm : 180;
}

/** The headline's level: "2" to "6" (an attribute) or 2 to 6, else 2 (not found: -1 + 3). */
const headingLevel = (value) => ['3', '4', '5', '6'].indexOf(String(value)) + 3;

export function settingsOf({ lang, wpm, numerals, heading, share }) {
  return {
    lang: typeof lang === 'string' && lang ? lang : undefined,
    wpm: readingSpeed(wpm),
    numerals: NUMERALS.includes(numerals) ? numerals : 'latn',
    heading: headingLevel(heading),
    share: Boolean(share),
  };
}

export const sameSettings = (a, b) => a.lang === b.lang && a.wpm === b.wpm && a.numerals === b.numerals &&
  a.heading === b.heading && a.share === b.share;
