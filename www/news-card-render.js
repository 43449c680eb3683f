// Prerenders <news-card> elements from JavaScript (build scripts, static-site generators, servers): the card's own wasm, the same bytes as `news-card render`.
//
// Node (or any runtime with `node:fs`) at build or request time; no DOM needed. The wasm is
// the one the browser runs: its `prerender` export renders the view tree to escaped HTML with
// the native renderer's code (src/prerender/markup.rs), so this module, the command line and
// a page's hydration all agree on the markup and its digest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cardCss, initSync, prerender } from './pkg/news_card.js';

// The same limit the element applies to every input (news-card.js, the wasm's MAX_INPUT_BYTES).
const MAX_INPUT_BYTES = 2 * 1024 * 1024;

// Each option and the type it must have; anything else is refused by name, so a typo
// (`idprefix`) is an error rather than a silently different card.
const OPTION_TYPES = {
  lang: 'string',
  open: 'boolean',
  numerals: 'string',
  wpm: 'number',
  idPrefix: 'string',
  cssHref: 'string',
  jsonLd: 'boolean',
  url: 'string',
  src: 'string',
  format: 'string',
};

/** The article or an option's value was refused; `message` names which and why. */
export class RenderError extends Error {
  constructor(message) {
    super(message);
    this.name = 'RenderError';
  }
}

let started = false;

// The wasm is compiled once, on the first call, from the file beside the glue.
function start() {
  if (!started) {
    initSync({ module: readFileSync(new URL('./pkg/news_card_bg.wasm', import.meta.url)) });
    started = true;
  }
}

const describe = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

// JSON when the first character that is not white space or a byte-order mark is `{`, as the
// command line decides for standard input.
const looksLikeJson = (text) => /^[\s\ufeff]*\{/.test(text);

/** The article as `[kind, bytes]`, the way the wasm's `prerender` (and `mount`) take it. */
function articleInput(article, format) {
  if (article === undefined || article === null) return ['embedded', new Uint8Array()];
  let bytes;
  let kind = format;
  if (typeof article === 'string') {
    // UTF-16 code units times 3 bounds the UTF-8 bytes: refuse before encoding anything huge.
    if (article.length > MAX_INPUT_BYTES) throw new RenderError(`article: more than ${MAX_INPUT_BYTES} bytes: over the limit of ${MAX_INPUT_BYTES} bytes`);
    bytes = new TextEncoder().encode(article);
    kind ??= looksLikeJson(article) ? 'json' : 'text';
  } else if (article instanceof Uint8Array || article instanceof ArrayBuffer) {
    bytes = new Uint8Array(article);
    kind ??= looksLikeJson(new TextDecoder().decode(bytes.subarray(0, 64))) ? 'json' : 'text';
  } else if (typeof article === 'object' && !Array.isArray(article)) {
    if (format === 'text') throw new TypeError('renderToString: format "text" needs the article as a string or bytes');
    let json;
    try {
      json = JSON.stringify(article);
    } catch (e) {
      throw new RenderError(`article: cannot be read as JSON (${e})`);
    }
    bytes = new TextEncoder().encode(json);
    kind = 'json';
  } else {
    throw new TypeError(`renderToString: article: expected an object, a string or bytes, found ${describe(article)}`);
  }
  if (bytes.length > MAX_INPUT_BYTES) throw new RenderError(`article: ${bytes.length} bytes is over the limit of ${MAX_INPUT_BYTES} bytes`);
  return [kind, bytes];
}

/** Checks each option's type; their values are checked in the wasm by the command line's rules. */
function checkOptions(options) {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`renderToString: options: expected an object, found ${describe(options)}`);
  }
  for (const [name, value] of Object.entries(options)) {
    const type = OPTION_TYPES[name];
    if (!type) throw new TypeError(`renderToString: unknown option "${name}" (known: ${Object.keys(OPTION_TYPES).join(', ')})`);
    if (value !== undefined && typeof value !== type) throw new TypeError(`renderToString: options.${name}: expected a ${type}, found ${describe(value)}`);
  }
  const { wpm, format } = options;
  // The wasm takes a u32: a fraction or a huge number must not be rounded into a valid one.
  if (wpm !== undefined && !(Number.isInteger(wpm) && wpm >= 1 && wpm <= 10_000)) {
    throw new RenderError(`wpm "${wpm}": expected a whole number from 1 to 10000`);
  }
  if (format !== undefined && format !== 'text' && format !== 'json') {
    throw new RenderError(`format "${format}": expected text or json`);
  }
  return options;
}

/**
 * The source expression (`'sha256-…'`) a page's Content-Security-Policy needs in `style-src`
 * for the inline stylesheet of the cards `renderToString` writes (without `cssHref`): what
 * `news-card csp` prints. It changes when the card's stylesheet does, so compute it with the
 * markup rather than copying it.
 */
export function styleSrc() {
  start();
  return `'sha256-${createHash('sha256').update(cardCss()).digest('base64')}'`;
}

/**
 * The complete `<news-card>` element for `article` with its card prerendered in a declarative
 * shadow root (its stylesheet inline, see `styleSrc`, or linked with `cssHref`), then (with
 * `jsonLd`) its schema.org JSON-LD: exactly what `news-card render`
 * prints for the same article and options. `article`: a JSON-format object, the plain-text
 * or JSON format as a string or bytes, or nothing for the embedded article.
 */
export function renderToString(article, options) {
  const o = checkOptions(options);
  const [kind, bytes] = articleInput(article, o.format);
  start();
  const html = prerender(kind, bytes, o.lang, o.open === true, o.numerals, o.wpm, o.idPrefix, o.cssHref,
    o.jsonLd === true, o.url, o.src);
  if (!html.startsWith('<')) throw new RenderError(html);
  return html;
}
