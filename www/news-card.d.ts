// Types for news-card.js: the <news-card> element, its article (the JSON format), events and exports.
// Written by hand against news-card.js and article.schema.json; tests/types/ checks them with tsc --strict.

/** An article in the JSON format (article.schema.json). Members not listed are ignored. */
export interface Article {
  /** The headline; must hold a non-space character. */
  title: string;
  /** Always visible under the summary label. */
  summary?: string | null;
  /** The full text, one string per paragraph: 1 to 2,000 paragraphs. */
  body: string[];
  author?: { name: string; bio?: string | null } | null;
  /** BCP 47 tag, default "ar"; also picks the card's own words (ar, en, fr, fa, he, ur; else English). */
  lang?: string | null;
  /** Default from `lang`: rtl for ar, fa, he, ur and other RTL languages, else ltr. */
  dir?: 'rtl' | 'ltr' | 'auto' | null;
  /** The headline links to it only when it is an http: or https: URL. */
  url?: string | null;
  /** ISO 8601 date, optionally with time and zone: "2024-06-19", "2024-06-19T14:30:00+03:00". */
  published?: string | null;
  /** The publication. */
  source?: string | null;
  /** The lead image, shown under the headline. */
  image?: ArticleImage | null;
}

/** The lead image: `width` and `height` (the intrinsic size) reserve its box before it loads. */
export interface ArticleImage {
  /** An absolute http: or https: URL; any other scheme is refused. */
  src: string;
  /** Required; an empty string marks the image as decorative. */
  alt: string;
  /** Intrinsic size in pixels: whole numbers, at least 1. */
  width: number;
  height: number;
  /** As HTML's srcset; each URL absolute http: or https:. */
  srcset?: string | null;
  sizes?: string | null;
  caption?: string | null;
  /** Who made the image; shown after the caption. */
  credit?: string | null;
}

/** Why an article could not be shown: `news-card-error`'s detail and `mountCard`'s `error`. */
export interface CardError {
  /** The field at fault, e.g. "body[2]", "title", "src", "json". */
  field: string;
  message: string;
  /** The line, for the plain-text format and bytes that are not UTF-8; null otherwise (the browser parses JSON and names no line). */
  line: number | null;
}

/** Digits of the numbers the card writes: 0–9 (default), ٠–٩, or the language's default. */
export type Numerals = 'latn' | 'arab' | 'auto';

/** The headline's level (an `<h2>` to an `<h6>`). */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** light (the default), dark, or auto: dark while the reader prefers dark (followed live). */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * The element's attributes and their values, for frameworks that type attributes (JSX, Vue,
 * Lit's html templates through a plugin). HTML itself gives every attribute as a string.
 */
export interface NewsCardAttributes {
  /** Present: the full text is open. Reflects the reader's toggles both ways. */
  open?: boolean;
  /** URL of the article: JSON (by Content-Type or a .json URL) or the plain-text format. */
  src?: string;
  /** Language of the card's own words (labels, button, reading time, errors). */
  lang?: string;
  numerals?: Numerals;
  /** Reading speed for the reading time, in words per minute (default 180). */
  wpm?: number | `${number}`;
  /**
   * The headline's level, 2 to 6 (default 2; any other value reads as 2): the card's section
   * headings sit one level below, at most 6. Changing it re-renders the card (without fetching `src` again).
   */
  'heading-level'?: HeadingLevel | `${HeadingLevel}`;
  /**
   * Present: a share control (for an article with an http(s) `url`): `navigator.share` where the
   * browser has it, else the link copied to the clipboard and said in a polite live region.
   */
  share?: boolean;
  /** Use the self-hosted Noto Naskh Arabic (ship the package's fonts/ folder beside the module). */
  font?: 'naskh';
  theme?: Theme;
}

/** `toggle`: fired after every change of state, as `<details>` fires it. */
export interface NewsCardToggleEvent extends ToggleEvent {
  readonly oldState: 'open' | 'closed';
  readonly newState: 'open' | 'closed';
}

/** `news-card-error`: bubbles and is composed, so a listener on the document hears every card. */
export type NewsCardErrorEvent = CustomEvent<CardError>;

export interface NewsCardElementEventMap extends HTMLElementEventMap {
  toggle: NewsCardToggleEvent;
  'news-card-error': NewsCardErrorEvent;
}

/** The `<news-card>` element. */
export interface NewsCardElement extends HTMLElement {
  /** Whether the full text is open; reflects the `open` attribute. */
  open: boolean;
  /** Reflects the `src` attribute ("" when absent). */
  src: string;
  /** The article as an object in the JSON format; setting it re-renders the card. Wins over `src`. */
  get article(): Article | undefined;
  set article(value: Article | null | undefined);
  addEventListener<K extends keyof NewsCardElementEventMap>(
    type: K,
    listener: (this: NewsCardElement, event: NewsCardElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof NewsCardElementEventMap>(
    type: K,
    listener: (this: NewsCardElement, event: NewsCardElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'news-card': NewsCardElement;
  }
  // news-card-error bubbles out of every card to the document and window.
  interface GlobalEventHandlersEventMap {
    'news-card-error': NewsCardErrorEvent;
  }
}

/** `mountCard`'s options: the article (the first present of article, json, text, bytes) and settings. */
export interface MountOptions {
  article?: Article;
  /** The article as JSON text. */
  json?: string;
  /** The article in the plain-text format. */
  text?: string;
  /** The article as bytes (UTF-8), in `format`. */
  bytes?: Uint8Array;
  format?: 'json' | 'text';
  open?: boolean;
  lang?: string | null;
  wpm?: number | string | null;
  numerals?: Numerals;
  /** The headline's level (default 2; any other value reads as 2). */
  headingLevel?: HeadingLevel;
  /** Offer the share control (for an article with an http(s) url). */
  share?: boolean;
  onToggle?: (open: boolean) => void;
}

/** A card mounted by `mountCard`. */
export interface MountedCard {
  open: boolean;
  /** Why the article could not be shown (the card then shows an alert), or null. */
  readonly error: CardError | null;
  /** Frees the card's listeners and its wasm-side state. */
  destroy(): void;
}

/** Mounts a card into `host`'s open shadow root (made if missing); the embedded article if none is given. */
export function mountCard(host: Element, options?: MountOptions): Promise<MountedCard>;

/** The plain-text article format to the JSON format; rejects with an Error naming the line and field. */
export function parseArticle(text: string): Promise<Article>;

/** Mounted, not yet freed cards and the wasm memory's size, for leak checks. */
export function stats(): Promise<{ liveCards: number; wasmMemoryBytes: number }>;
