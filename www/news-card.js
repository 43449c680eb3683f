// Defines <news-card>: starts the wasm once per page, loads the article, reflects `open`, fires events.
import init, { mount, cardCss, liveCards, textToJson } from './pkg/news_card.js';

// One wasm start and one stylesheet per page, however many cards.
let ready = null;
let sheet = null;
let wasm = null;
const WASM = new URL('./pkg/news_card_bg.wasm', import.meta.url);
function start() {
  if (ready) return ready;
  // User-timing measures (news-card:init, news-card:mount) let benchmarks and DevTools see the cost.
  const begin = performance.now();
  ready = init({ module_or_path: fetch(WASM) }).catch((error) => {
    throw new Error(`could not load ${WASM}: ${error}`);
  }).then((exports) => {
    performance.measure('news-card:init', { start: begin });
    wasm = exports;
    // Without constructable stylesheets (Safari before 16.4) the card mounts unstyled but whole:
    // the page's CSP rightly refuses a <style> fallback.
    if (!('adoptedStyleSheets' in ShadowRoot.prototype)) return;
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cardCss());
  });
  return ready;
}

// The optional self-hosted Arabic face (font="naskh"). @font-face has no effect inside a shadow
// root, so it is registered on the document, once, and only when a card asks for it.
let fontSheet = null;
const ARABIC = 'U+0600-06FF,U+0750-077F,U+0870-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FEFF';
function useWebFont() {
  if (fontSheet || !('adoptedStyleSheets' in Document.prototype)) return;
  fontSheet = new CSSStyleSheet();
  fontSheet.replaceSync([400, 700].map((weight) => {
    const url = new URL(`./fonts/noto-naskh-arabic-arabic-${weight}-normal.woff2`, import.meta.url);
    return `@font-face{font-family:"news-card-naskh";src:url("${url}") format("woff2");` +
      `font-weight:${weight};font-display:swap;unicode-range:${ARABIC}}`;
  }).join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, fontSheet];
}

const encoder = new TextEncoder();
// Bytes a `src` may hold; the wasm refuses more too, this stops reading early.
const MAX_SRC_BYTES = 2 * 1024 * 1024;

// ToggleEvent where the engine has it (as <details> fires); an Event with the same fields elsewhere.
function toggleEvent(open) {
  const init = { oldState: open ? 'closed' : 'open', newState: open ? 'open' : 'closed' };
  if (typeof ToggleEvent === 'function') return new ToggleEvent('toggle', init);
  return Object.assign(new Event('toggle'), init);
}

/**
 * Mounts a card into `host`'s open shadow root (made if missing). The article is, in order:
 * `article` (an object in the JSON format), `json` (its text), `text` (the plain-text format),
 * `bytes` with `format` ('json' or 'text'), else the embedded article.
 * Options: `open`, `lang` (language of the card's own words), `wpm`, `numerals` ('latn', the
 * default, 'arab' or 'auto'), `onToggle(open)`.
 * Returns `{ open, error, destroy() }`; `error` is `{ field, message, line }` or null.
 */
export async function mountCard(host, options = {}) {
  await start();
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  const { kind, data } = source(options);
  const begin = performance.now();
  let handle = mount(root, kind, data, Boolean(options.open), options.lang || undefined,
    Number(options.wpm) > 0 ? Math.round(Number(options.wpm)) : 0, options.numerals ?? 'latn',
    options.onToggle ?? (() => {}));
  performance.measure('news-card:mount', { start: begin });
  const error = handle.errorField === undefined ? null
    : { field: handle.errorField, message: handle.errorMessage, line: handle.errorLine ?? null };
  return {
    get open() { return handle ? handle.isOpen : false; },
    set open(value) { handle?.setOpen(Boolean(value)); },
    error,
    destroy() { handle?.free(); handle = null; },
  };
}

/** What `mountCard` passes to the wasm for `options`. */
function source({ article, json, text, bytes, format, failure }) {
  if (failure !== undefined) return { kind: 'fetch-error', data: encoder.encode(failure) };
  if (article !== undefined && article !== null) {
    let serialised;
    try {
      serialised = JSON.stringify(article);
    } catch (e) {
      serialised = undefined; // cycles or BigInt: reported below as not an article
    }
    return { kind: 'json', data: encoder.encode(serialised ?? 'undefined') };
  }
  if (json !== undefined) return { kind: 'json', data: encoder.encode(json) };
  if (text !== undefined) return { kind: 'text', data: encoder.encode(text) };
  if (bytes !== undefined) return { kind: format === 'json' ? 'json' : 'text', data: bytes };
  return { kind: 'embedded', data: new Uint8Array() };
}

/**
 * Parses the plain-text article format into an object in the JSON format.
 * Throws an Error naming the line and field when the text is malformed.
 */
export async function parseArticle(text) {
  await start();
  return JSON.parse(textToJson(String(text)));
}

/** How many cards are mounted and not yet freed, and the wasm memory's size (for leak checks). */
export async function stats() {
  await start();
  return { liveCards: liveCards(), wasmMemoryBytes: wasm.memory.buffer.byteLength };
}

/** Whether a fetched `src` is JSON: by Content-Type, else by the URL's extension. */
function isJson(response, url) {
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return true;
  if (type === 'text/plain') return false;
  return new URL(url).pathname.toLowerCase().endsWith('.json');
}

/** Reads a response body, refusing more than MAX_SRC_BYTES. */
async function readLimited(response) {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_SRC_BYTES) throw new RangeError(`${declared} bytes is over the limit of ${MAX_SRC_BYTES}`);
  return new Uint8Array(await response.arrayBuffer());
}

class NewsCard extends HTMLElement {
  static observedAttributes = ['open', 'src', 'lang', 'wpm', 'numerals', 'font'];
  #card = null;
  #article = undefined;
  // Bumped by every render, connect and disconnect: a load that finishes late knows it is stale.
  #generation = 0;
  #abort = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', Boolean(value)); }

  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.setAttribute('src', value); }

  /** The article as an object in the JSON format; setting it re-renders the card. */
  get article() { return this.#article; }
  set article(value) {
    this.#article = value;
    this.#render();
  }

  connectedCallback() {
    // A value set on the element before it was upgraded sits on the instance: move it here.
    if (Object.prototype.hasOwnProperty.call(this, 'article')) {
      const value = this.article;
      delete this.article;
      this.#article = value;
    }
    this.#render();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#abort?.abort();
    this.#card?.destroy();
    this.#card = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name !== 'open') {
      if (oldValue !== newValue) this.#render();
      return;
    }
    if (!this.#card) return;
    const open = newValue !== null;
    if (this.#card.open === open) return;
    this.#card.open = open;
    this.dispatchEvent(toggleEvent(open));
  }

  /** Loads the current input and replaces the card with it; stale loads are dropped. */
  async #render() {
    if (!this.isConnected) return;
    if (this.getAttribute('font') === 'naskh') useWebFont();
    const generation = ++this.#generation;
    this.#abort?.abort();
    this.#abort = null;
    try {
      const input = await this.#input();
      if (generation !== this.#generation) return;
      const card = await mountCard(this, {
        ...input,
        open: this.open,
        lang: this.getAttribute('lang'),
        wpm: this.getAttribute('wpm'),
        numerals: this.getAttribute('numerals') ?? 'latn',
        onToggle: (open) => {
          this.toggleAttribute('open', open); // attributeChangedCallback finds the card already there
          this.dispatchEvent(toggleEvent(open));
        },
      });
      if (generation !== this.#generation) {
        card.destroy();
        return;
      }
      this.#card?.destroy();
      this.#card = card;
      if (card.error) this.#reportError(card.error);
    } catch (error) {
      // Only a failure of the wasm itself lands here; the page must not see an exception.
      if (generation === this.#generation) console.error('news-card:', error);
    }
  }

  /** The article input for mountCard: the property, `src`, an inline JSON script, or nothing. */
  async #input() {
    if (this.#article !== undefined && this.#article !== null) return { article: this.#article };
    const src = this.getAttribute('src');
    if (src) {
      const controller = new AbortController();
      this.#abort = controller;
      const url = new URL(src, document.baseURI).href;
      try {
        const response = await fetch(url, { signal: controller.signal });
        if (!response.ok) return { failure: `HTTP ${response.status} ${response.statusText} for ${src}`.trim() };
        return { bytes: await readLimited(response), format: isJson(response, url) ? 'json' : 'text' };
      } catch (error) {
        if (controller.signal.aborted) return { failure: 'aborted' }; // dropped as stale by the caller
        return { failure: `${error.name}: ${error.message} for ${src}` };
      }
    }
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (script) return { json: script.textContent };
    return {};
  }

  #reportError(error) {
    console.error(`news-card: ${error.message}`);
    this.dispatchEvent(new CustomEvent('news-card-error', { bubbles: true, composed: true, detail: error }));
  }
}

if (!customElements.get('news-card')) customElements.define('news-card', NewsCard);
