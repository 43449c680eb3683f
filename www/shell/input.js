// Inputs: each article input read, checked and limited (2 MiB, enforced while reading) and each setting validated, before the wasm sees a byte.

// The wasm's limits (src/input/limits.rs, prerender::MAX_WPM), read from it when it starts
// (wasm.js), so that they are written only in Rust: the bytes an article input may hold
// (larger inputs are refused while they are read, before any byte is copied into wasm memory),
// the paragraphs and bytes of text an article object may hold (held the same way), and the
// reading speed's highest and default values. Every input is read once the wasm is running.
let MAX_INPUT_BYTES, MAX_PARAGRAPHS, MAX_TEXT_BYTES, MAX_WPM, DEFAULT_WPM;

/** Takes the wasm's `limits()`. */
export function setLimits(values) {
  [MAX_INPUT_BYTES, MAX_PARAGRAPHS, MAX_TEXT_BYTES, MAX_WPM, DEFAULT_WPM] = values;
}

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
export function textInput(kind, text, field, base = document.baseURI) {
  // UTF-8 needs at least one byte per UTF-16 unit: a longer string is over before encoding.
  if (text.length > MAX_INPUT_BYTES) {
    return refused(field, `more than ${MAX_INPUT_BYTES} bytes: over the limit of ${MAX_INPUT_BYTES} bytes`);
  }
  if (kind === 'json') return jsonInput(text, base);
  return bytesInput('text', encoder.encode(text), field, base);
}

function bytesInput(kind, bytes, field, base = document.baseURI) {
  if (bytes.length > MAX_INPUT_BYTES) {
    return refused(field, `${bytes.length} bytes is over the limit of ${MAX_INPUT_BYTES} bytes`);
  }
  if (kind === 'json') {
    let text;
    try {
      text = strictDecoder.decode(bytes);
    } catch {
      // Not UTF-8: the wasm's reader names the line of the first bad byte, whatever the format.
      return { kind: 'text', data: bytes, base };
    }
    return jsonInput(text, base);
  }
  return { kind: 'text', data: bytes, base };
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON text, parsed by the browser (the wasm carries no JSON parser). A syntax error is reported
 * the same in every engine, without the engine's own wording, which differs: "article: is not
 * valid JSON". A leading byte-order mark is dropped, as `response.json()` drops it.
 */
function jsonInput(text, base) {
  let value;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refused('article', 'is not valid JSON');
  }
  return articleInput(value, base);
}

/** What a JavaScript value is, in the JSON format's words. */
function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return { object: 'an object', undefined: 'undefined', boolean: 'a boolean', number: 'a number', bigint: 'a BigInt' }[type] ??
    `a ${type}`;
}

// The members the wasm reads (the JSON format; www/article.schema.json): only these are copied.
const TOP = ['title', 'summary', 'body', 'author', 'lang', 'dir', 'url', 'published', 'source', 'image'];
const UNCOUNTED = ['lang', 'dir', 'width', 'height'];
const MEMBERS = { author: ['name', 'bio'], image: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'caption', 'credit'] };

/** A thrown value in words, without letting it throw again (its message may be a getter too). */
function describe(error) {
  try {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : error;
    if (typeof text === 'string') return text;
  } catch {
    // falls through
  }
  return 'an exception';
}

/**
 * The `article` property or option, an object in the JSON format, copied into plain values
 * here, in the shell: the wasm never reads page objects, so no getter, proxy trap or
 * `toString` of the page's can run (and throw) inside a wasm call. Only the members the wasm
 * reads are read, each once, in `Object.keys` order (the own enumerable ones, as the wasm read
 * them); any other member may hold anything. A value of the wrong kind is kept as an empty
 * stand-in of its kind, so the wasm names it exactly as before ("expected a string, found an
 * array"). Page code that throws while it is read gives the card's error for the field being
 * read ('article' for the object itself), and the limits (2,000 paragraphs, 1 MiB of text) are
 * held while copying, before the wasm sees a byte. `base` is what relative URLs resolve
 * against (the page's base URL, or the fetched article's own URL).
 */
export function articleInput(value, base = document.baseURI) {
  let field = 'article';
  let bytes = 0;
  let over = null; // a limit found while copying (thrown to stop the copy; never a page's value)
  // A member expected to be text or a number: primitives as they are, anything else an empty
  // stand-in of its kind (the wasm reads no members of functions or symbols). Text counts
  // towards the limit as the wasm counts it (not the language, direction or image sizes).
  const leaf = (v, name) => {
    if (typeof v === 'string' && !UNCOUNTED.includes(name)) bytes += encoder.encode(v).length;
    return v === null || typeof v !== 'object' ? v : Array.isArray(v) ? [] : {};
  };
  const paragraphs = (v) => {
    if (!Array.isArray(v)) return leaf(v);
    const length = v.length;
    if (length > MAX_PARAGRAPHS) throw (over = refused('body', `has more than ${MAX_PARAGRAPHS} paragraphs`));
    const out = [];
    for (let i = 0; i < length; i++) {
      field = `body[${i}]`;
      out.push(leaf(v[i]));
    }
    return out;
  };
  const copy = (object, names, path) => {
    const out = {};
    for (const name of Object.keys(object)) {
      if (!names.includes(name)) continue;
      field = path + name;
      const v = object[name];
      if (path || !(name in MEMBERS)) out[name] = name === 'body' ? paragraphs(v) : leaf(v, name);
      else out[name] = kindOf(v) === 'an object' ? copy(v, MEMBERS[name], `${name}.`) : leaf(v);
    }
    return out;
  };
  try {
    const kind = kindOf(value);
    if (kind !== 'an object') return refused('article', `expected an object, found ${kind}`);
    const article = copy(value, TOP, '');
    if (bytes > MAX_TEXT_BYTES) return refused('article', `has more than ${MAX_TEXT_BYTES} bytes of text`);
    return { kind: 'article', value: article, base };
  } catch (error) {
    if (over) return over;
    return refused(field, `could not be read (${describe(error)})`);
  }
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
    // Relative URLs in it resolve against the article's own URL (after redirects), as the
    // browser resolves a document's against the document's.
    return bytesInput(json ? 'json' : 'text', bytes, 'src', response.url || url.href);
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

/** Words per minute: a number from 1 to MAX_WPM once rounded, else the wasm's default. */
function readingSpeed(value) {
  const wpm = value === null || value === undefined || value === '' ? NaN : Math.round(Number(value));
  return wpm >= 1 && wpm <= MAX_WPM ? wpm : DEFAULT_WPM;
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
