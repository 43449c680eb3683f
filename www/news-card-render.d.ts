// Types for news-card-render.js: renderToString, which prerenders a <news-card> element at build or request time, and renderMany, a collection.
// Written by hand against news-card-render.js; tests/types/ checks them with tsc --strict.

import type { Article } from './news-card.js';

/** How to prerender; every member is optional, and the names match `news-card render`'s flags. */
export interface RenderOptions {
  /** The `lang` attribute: language of the card's own words (default: the article's). BCP 47. */
  lang?: string;
  /** The full text starts open. */
  open?: boolean;
  /** Digits the card writes (default latn). `auto` is the browser's business: the card then re-renders once. */
  numerals?: 'latn' | 'arab' | 'auto';
  /** Reading speed, a whole number of words per minute from 1 to 10,000 (default 180). */
  wpm?: number;
  /** The `heading-level` attribute: the headline's level, a whole number from 2 to 6 (default 2). */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** The `share` attribute: a share control, hidden in the markup until news-card.js runs (the article needs a url). */
  share?: boolean;
  /** Prefix of the IDs inside the shadow root (default "ncp1"); give each card of a page its own. Not nc<digits>. */
  idPrefix?: string;
  /**
   * Link the shadow root to this stylesheet (the package's news-card.css) instead of carrying it
   * inline. Only Chromium then paints the card styled from its first frame; inline (the default),
   * the page's CSP needs `styleSrc()` in `style-src`.
   */
  cssHref?: string;
  /** Also write schema.org NewsArticle JSON-LD after the element. */
  jsonLd?: boolean;
  /** The JSON-LD's url (absolute http: or https:), instead of the article's own. */
  url?: string;
  /** An absolute http: or https: URL the JSON-LD resolves the article's relative url and image against (the card's markup keeps them relative, for the page to resolve). */
  base?: string;
  /** The element's `src` (where the article is served) instead of an inline JSON script. */
  src?: string;
  /** The format of a string or bytes article (default: JSON when it starts with `{`, else the plain-text format). */
  format?: 'text' | 'json';
}

/**
 * The article or an option's value was refused; the message names which and why, as the
 * command line's does (e.g. `body[1]: expected a string, found a number`).
 */
export class RenderError extends Error {
  name: 'RenderError';
  /** The article's field (`title`, `body[1]`, `author.name`, `article`) or the option (`wpm`). */
  field: string | null;
  /** The input line, for the plain-text format, JSON text and bytes that are not UTF-8. */
  line: number | null;
}

/** The `'sha256-…'` source a page's `style-src` needs for the inline stylesheet of the cards rendered without `cssHref`. */
export function styleSrc(): string;

/**
 * The complete `<news-card>` element with the card prerendered in a declarative shadow root,
 * exactly what `news-card render` prints for the same article and options. No article: the
 * embedded one. Throws RenderError for an invalid article or option value, TypeError for a
 * value of the wrong type or an unknown option.
 */
export function renderToString(article?: Article | string | Uint8Array | ArrayBuffer | null, options?: RenderOptions): string;

/** One article's outcome from renderMany: its element, or why it was refused. */
export type RenderResult = { html: string; error?: undefined } | { html?: undefined; error: RenderError | TypeError };

/**
 * Renders each article of an iterable or async iterable (read one at a time) through one wasm
 * instance, yielding `{ html }` (what renderToString returns) or `{ error }` for each, in order.
 * Throws from the first `next()` when an option is refused. For an archive on disk, the command
 * line (`news-card render DIR --out OUT`) is faster: native, parallel and incremental.
 */
export function renderMany(
  articles: Iterable<Article | string | Uint8Array | ArrayBuffer | null | undefined> | AsyncIterable<Article | string | Uint8Array | ArrayBuffer | null | undefined>,
  options?: RenderOptions,
): AsyncGenerator<RenderResult, void, undefined>;
