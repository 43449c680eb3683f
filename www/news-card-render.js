// Prerenders <news-card> elements from JavaScript (build scripts, static-site generators, servers), one or a collection: the card's own wasm, the same bytes as `news-card render`.
//
// Node (or any runtime with `node:fs`) at build or request time; no DOM needed. The wasm is
// the publisher's build of the card's crate (www/pkg-render: the reader's code plus the
// prerenderer, which a reader's page never downloads): its `prerender*` exports render the view
// tree to escaped HTML with the native renderer's code (src/prerender/markup.rs), so this
// module, the command line and a page's hydration all agree on the markup and its digest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  cardCss, initSync, limits, prerenderArticle, prerenderEmbedded, prerenderJson, prerenderText,
} from './pkg-render/news_card.js';
// The element's own reading of an article object (the copy into plain values, the limits held
// while copying): one text-byte count for the page and the publisher alike.
import { articleInput, setLimits } from './shell/input.js';

// The wasm's limits (its limits(), read when it starts): the bytes an input may hold, and the
// highest reading speed. Never written here: tests/limits.test.mjs fails on a copy.
let MAX_INPUT_BYTES;
let MAX_WPM;

// Each option and the type it must have; anything else is refused by name, so a typo
// (`idprefix`) is an error rather than a silently different card.
const OPTION_TYPES = {
  lang: 'string',
  open: 'boolean',
  numerals: 'string',
  wpm: 'number',
  headingLevel: 'number',
  share: 'boolean',
  idPrefix: 'string',
  cssHref: 'string',
  base: 'string',
  jsonLd: 'boolean',
  url: 'string',
  src: 'string',
  format: 'string',
};

/**
 * The article or an option's value was refused: `message` names which and why, `field` the
 * article's field or the option (`title`, `body[1]`, `author.name`, `article`, `wpm`), and
 * `line` the input line where there is one (the text format, JSON text, bytes that are not UTF-8).
 */
export class RenderError extends Error {
  constructor(message, { field = null, line = null } = {}) {
    super(message);
    this.name = 'RenderError';
    this.field = field;
    this.line = line;
  }
}

let started = false;

// The wasm is compiled once, on the first call, from the file beside the glue.
function start() {
  if (!started) {
    initSync({ module: readFileSync(new URL('./pkg-render/news_card_bg.wasm', import.meta.url)) });
    const values = limits();
    setLimits(values);
    [MAX_INPUT_BYTES, , , MAX_WPM] = values;
    started = true;
  }
}

const describe = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

// JSON when the first character that is not white space or a byte-order mark is `{`, as the
// command line decides for standard input.
const looksLikeJson = (text) => /^[\s\ufeff]*\{/.test(text);

const NUMERALS = ['latn', 'arab', 'auto'];
/** Renders `article` with the wasm export for its kind: nothing, text, bytes or an object. */
function rendered(article, format, options) {
  if (article === undefined || article === null) return prerenderEmbedded(options);
  let bytes;
  if (typeof article === 'string') {
    // UTF-16 code units times 3 bounds the UTF-8 bytes: refuse before encoding anything huge.
    if (article.length > MAX_INPUT_BYTES) throw new RenderError(`article: more than ${MAX_INPUT_BYTES} bytes: over the limit of ${MAX_INPUT_BYTES} bytes`, { field: 'article' });
    bytes = new TextEncoder().encode(article);
  } else if (article instanceof Uint8Array || article instanceof ArrayBuffer) {
    bytes = new Uint8Array(article);
  } else if (typeof article === 'object' && !Array.isArray(article)) {
    if (format === 'text') throw new TypeError('renderToString: format "text" needs the article as a string or bytes');
    // Copied into plain values first, as the element does: only the members the wasm reads,
    // held to the limits while copying, and a getter that throws named by its field.
    const input = articleInput(article, null);
    if (input.kind === 'refused') throw new RenderError(`${input.field}: ${input.reason}`, { field: input.field });
    return prerenderArticle(input.value, options);
  } else {
    throw new TypeError(`renderToString: article: expected an object, a string or bytes, found ${describe(article)}`);
  }
  if (bytes.length > MAX_INPUT_BYTES) throw new RenderError(`article: ${bytes.length} bytes is over the limit of ${MAX_INPUT_BYTES} bytes`, { field: 'article' });
  const json = format ? format === 'json' : looksLikeJson(new TextDecoder().decode(bytes.subarray(0, 64)));
  return json ? prerenderJson(bytes, options) : prerenderText(bytes, options);
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
  const { wpm, format, numerals, headingLevel } = options;
  // The wasm takes a u32: a fraction or a huge number must not be rounded into a valid one.
  if (wpm !== undefined && !(Number.isInteger(wpm) && wpm >= 1 && wpm <= MAX_WPM)) {
    throw new RenderError(`wpm "${wpm}": expected a whole number from 1 to ${MAX_WPM}`, { field: 'wpm' });
  }
  if (headingLevel !== undefined && !(Number.isInteger(headingLevel) && headingLevel >= 2 && headingLevel <= 6)) {
    throw new RenderError(`headingLevel "${headingLevel}": expected a whole number from 2 to 6`, { field: 'headingLevel' });
  }
  if (format !== undefined && format !== 'text' && format !== 'json') {
    throw new RenderError(`format "${format}": expected text or json`, { field: 'format' });
  }
  if (numerals !== undefined && !NUMERALS.includes(numerals)) {
    throw new RenderError(`numerals "${numerals}": expected latn, arab or auto`, { field: 'numerals' });
  }
  // Only the options given cross (an undefined member reads as given, and has no value).
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
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
  start();
  const { format, ...o } = checkOptions(options);
  return renderChecked(article, format, o);
}

/** One card, the options already checked and the wasm started. */
function renderChecked(article, format, options) {
  const answer = rendered(article, format, options);
  try {
    const { html, error } = answer;
    if (error) throw new RenderError(error.message, { field: error.field, line: error.line });
    return html;
  } finally {
    answer.free();
  }
}

/**
 * Renders a collection: each article of `articles` (an iterable or an async iterable, read one
 * at a time, so a generator over a huge archive is never held whole) through the one wasm
 * instance, yielding `{ html }` or `{ error }` (a RenderError, or the TypeError of an article of
 * the wrong type) for each, in order: a bad article does not stop the others. Each `html` is
 * what `renderToString(article, options)` returns. The options are checked once, before the
 * first article: a bad one throws from the first `next()`, as renderToString would.
 * For an archive on disk, `news-card render DIR --out OUT` is faster: native, on every core,
 * and incremental (docs/archive.md).
 */
export async function* renderMany(articles, options) {
  start();
  const { format, ...o } = checkOptions(options);
  // The option values are the wasm's to check: the embedded article shows a bad one at once.
  renderChecked(undefined, undefined, o);
  // A string is iterable too, by characters: it is one article, not a collection.
  const iterable = typeof articles !== 'string' && (articles?.[Symbol.asyncIterator] || articles?.[Symbol.iterator]);
  if (!iterable) throw new TypeError(`renderMany: articles: expected an iterable or an async iterable, found ${describe(articles)}`);
  for await (const article of articles) {
    let result;
    try {
      result = { html: renderChecked(article, format, o) };
    } catch (error) {
      result = { error };
    }
    yield result;
  }
}
