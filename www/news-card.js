// Defines <news-card>: loads each card's article, has the wasm build it, reflects `open`, fires events; page code never runs inside a wasm call.
import init, {
  cardCss, liveCards, mountArticle, mountEmbedded, mountRefused, mountText,
} from './pkg/news_card.js';

// The first instance's glue, by name (a namespace import would keep the glue's unused
// initSync in a bundle); a restart imports a whole fresh copy of the module instead.
const firstGlue = { cardCss, liveCards, mountArticle, mountEmbedded, mountRefused, mountText };

// Bytes an article input may hold (the wasm's MAX_INPUT_BYTES). Larger inputs are refused while
// they are read, before any byte is copied into wasm memory; an article object is held to the
// wasm's MAX_PARAGRAPHS and MAX_TEXT_BYTES the same way.
const MAX_INPUT_BYTES = 2 * 1024 * 1024;
const MAX_PARAGRAPHS = 2000;
const MAX_TEXT_BYTES = 1024 * 1024;
const WASM = new URL('./pkg/news_card_bg.wasm', import.meta.url);
// The card's stylesheet as a file, for engines without constructable stylesheets.
const CSS = new URL('./news-card.css', import.meta.url);
// A restarted wasm needs a fresh copy of its glue (whose state is module-level): the glue is
// imported again under a numbered fragment, which makes a new module instance of the same file.
const GLUE = new URL('./pkg/news_card.js', import.meta.url);

// ---- The wasm: started once per page, restarted if it ever fails ------------------------------

let engine = null; // Promise of the running instance
let live = null; // the running instance, once started: { glue, memory, id }
let restarts = 0;
let sheet = null;

function start() {
  if (engine) return engine;
  // User-timing measures (news-card:init, news-card:mount) let benchmarks and DevTools see the cost.
  const begin = performance.now();
  const id = restarts;
  const glue = id === 0 ? Promise.resolve(firstGlue) : import(`${GLUE.href}#restart-${id}`);
  engine = glue.then((module) => (id === 0 ? init : module.default)({ module_or_path: fetch(WASM) })
    .then((exports) => {
      performance.measure('news-card:init', { start: begin });
      live = { glue: module, memory: exports.memory, id };
      // Without constructable stylesheets (Safari before 16.4) each card links news-card.css
      // instead (see mount): the page's CSP rightly refuses a <style> fallback.
      if (!sheet && 'adoptedStyleSheets' in ShadowRoot.prototype) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(module.cardCss());
      }
      return live;
    }))
    .catch((error) => {
      // Said once for the page; the cards stay empty (a refused wasm must not half-mount them).
      const failure = new Error(`could not load ${WASM}: ${error}`);
      console.error('news-card:', failure);
      throw failure;
    });
  return engine;
}

/**
 * Runs `fn(glue)` on the running instance. An exception out of the wasm means its memory can no
 * longer be trusted (a trap, or an exception that unwound through its frames): the instance is
 * dropped, a fresh one started, and every card re-mounted on it; the exception is rethrown for
 * the caller to report its own card.
 */
function call(fn) {
  const instance = live;
  if (!instance) throw new Error('the WebAssembly module is restarting');
  try {
    return fn(instance.glue);
  } catch (error) {
    if (live === instance) restart(error);
    throw error;
  }
}

/**
 * What a restart re-mounts: cards mounted by `mountCard` (held here, so that only destroy()
 * removes them, whether or not the page keeps their handle) and connected elements.
 * Each entry is `{ abandon(), remount() }`.
 */
const owned = new Set();

function restart(error) {
  console.error(`news-card: the WebAssembly module failed (${error}); restarting it`);
  live = null;
  engine = null;
  restarts++;
  // The old instance's handles are abandoned, not freed: calling into it again could fail again.
  for (const entry of owned) entry.abandon();
  start().then(() => {
    for (const entry of owned) entry.remount();
  }, () => {});
}

// ---- Inputs: everything is read, checked and limited here, before the wasm sees a byte -------

const encoder = new TextEncoder();

/**
 * An input is one of: `{ kind: 'embedded' }`, `{ kind: 'text', data }` (UTF-8 bytes of the
 * plain-text format), `{ kind: 'article', value }` (an object in the JSON format: the article
 * property, or JSON the browser parsed), `{ kind: 'refused', field, reason }` (an input the
 * shell refused: the wasm shows why, for `field`). Each has its own wasm export (Card#mount).
 */
function refused(field, reason) {
  return { kind: 'refused', field, reason };
}

/** Text in one of the two formats, refused without being copied when over the limit. */
function textInput(kind, text, field) {
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
function articleInput(value) {
  const kind = kindOf(value);
  if (kind !== 'an object') return refused('article', `expected an object, found ${kind}`);
  const body = Array.isArray(value.body) ? value.body : [];
  if (body.length > MAX_PARAGRAPHS) return refused('body', `has more than ${MAX_PARAGRAPHS} paragraphs`);
  const author = typeof value.author === 'object' && value.author !== null ? value.author : {};
  let bytes = 0;
  for (const text of [value.title, value.summary, value.url, value.published, value.source, author.name, author.bio, ...body]) {
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
async function srcInput(src, signal) {
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
function optionsInput({ article, json, text, bytes, format, failure }) {
  if (failure !== undefined) return refused('src', String(failure));
  if (article !== undefined && article !== null) return articleInput(article);
  if (json !== undefined) return textInput('json', String(json), 'article');
  if (text !== undefined) return textInput('text', String(text), 'article');
  if (bytes !== undefined) return bytesInput(format === 'json' ? 'json' : 'text', new Uint8Array(bytes), 'article');
  return EMBEDDED;
}

const EMBEDDED = { kind: 'embedded' };

// ---- Settings: every attribute and option is validated here, with a documented fallback ------

const NUMERALS = ['latn', 'arab', 'auto'];
const MAX_WPM = 10_000;

/** Words per minute: a number from 1 to 10,000 once rounded, else 180 (the wasm's default). */
function readingSpeed(value) {
  const wpm = value === null || value === undefined || value === '' ? NaN : Math.round(Number(value));
  return wpm >= 1 && wpm <= MAX_WPM ? wpm : 180;
}

function settingsOf({ lang, wpm, numerals }) {
  return {
    lang: typeof lang === 'string' && lang ? lang : undefined,
    wpm: readingSpeed(wpm),
    numerals: NUMERALS.includes(numerals) ? numerals : 'latn',
  };
}

const sameSettings = (a, b) => a.lang === b.lang && a.wpm === b.wpm && a.numerals === b.numerals;

// ---- A card the wasm built ------------------------------------------------------------------

/** One mounted card: the wasm's handle, the DOM node it appended, and what it was made from. */
class Card {
  constructor(root, input, settings, open) {
    Object.assign(this, { root, input, settings, open, handle: null, node: null, engine: -1 });
  }

  /**
   * Builds the card into its root on the running instance (throws if the wasm fails). With
   * `digest` (a prerendered card's, whose state `open` is) the wasm first tries to hydrate the
   * prerendered card: then the card is those nodes, and `hydrated` is true.
   */
  mount(digest) {
    const input = this.input;
    const { lang, wpm, numerals } = this.settings;
    // Only the options given cross: an undefined member would read as given, without a value.
    const options = { open: this.open, wpm, numerals };
    if (lang !== undefined) options.lang = lang;
    if (digest !== undefined) options.digest = digest;
    const last = this.root.lastChild;
    const begin = performance.now();
    this.handle = call((glue) => {
      switch (input.kind) {
        case 'text': return glue.mountText(this.root, input.data, options);
        case 'article': return glue.mountArticle(this.root, input.value, options);
        case 'refused': return glue.mountRefused(this.root, input.field, input.reason, options);
        default: return glue.mountEmbedded(this.root, options);
      }
    });
    // A built card is appended last; a hydrated one is the prerendered card, already last.
    this.hydrated = digest !== undefined && this.root.lastChild === last;
    performance.measure(this.hydrated ? 'news-card:hydrate' : 'news-card:mount', { start: begin });
    // A hydrated card keeps the prerendered stylesheet; a built one adopts the sheet, or, in
    // an engine without constructable stylesheets, links the same CSS beside this module (the
    // summary's two labels need it: only the one for the card's state may show).
    if (!this.hydrated && sheet && !this.root.adoptedStyleSheets.includes(sheet)) {
      this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, sheet];
    } else if (!sheet && !this.root.querySelector('link[rel=stylesheet], style')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = CSS;
      this.root.prepend(link);
    }
    this.node = this.root.lastChild; // the wasm appends the card's root last
    this.engine = live.id;
    // An invalid article is an answer, not an exception: the card shows why, and so does this.
    this.error = call(() => this.handle.error);
    return this;
  }

  get current() { return this.handle !== null && live !== null && this.engine === live.id; }

  /** Opens or closes the text; returns whether the state changed. */
  setOpen(open) {
    if (!this.current) return false;
    const changed = call(() => this.handle.setOpen(open));
    this.open = open;
    return changed;
  }

  /** Removes the card: its DOM first (here, so events that causes run outside the wasm), then the wasm's state. */
  destroy() {
    const handle = this.current ? this.handle : null;
    this.handle = null;
    this.node?.remove();
    this.node = null;
    if (handle) call(() => handle.free());
  }

  /** Forgets the card after its instance failed: its DOM goes, its handle is not touched again. */
  abandon() {
    this.handle = null;
    this.node?.remove();
    this.node = null;
  }
}

// ToggleEvent where the engine has it (as <details> fires); an Event with the same fields elsewhere.
function toggleEvent(open) {
  const init = { oldState: open ? 'closed' : 'open', newState: open ? 'open' : 'closed' };
  if (typeof ToggleEvent === 'function') return new ToggleEvent('toggle', init);
  return Object.assign(new Event('toggle'), init);
}

/**
 * Listens in `root` for the reader's clicks on the toggle (a <summary>) and for the `toggle` of
 * its <details>. Once `ready()` (the wasm has the card) a click is the shell's: its default is
 * prevented and `click()` records the state the reader asked for at once, in the order page code
 * and the reader acted (a click() from a `toggle` listener included); the wasm applies it later,
 * in a microtask, from a fresh stack, never from inside page code or an event the wasm caused.
 * Before that the browser opens the details itself, as without script. The details' `toggle`
 * (the browser's doing: that, find-in-page or a text fragment; or the wasm's) calls
 * `toggled(open)` with the state the details are in, which the card follows.
 * Returns the AbortController whose abort() removes both listeners.
 */
function listen(root, { click, toggled }, ready) {
  const listeners = new AbortController();
  const { signal } = listeners;
  root.addEventListener('click', (event) => {
    if (ready() && event.target instanceof Element && event.target.closest('[part~="toggle"]')) {
      event.preventDefault();
      click();
    }
  }, { signal });
  // (toggle does not bubble: heard while it captures.)
  root.addEventListener('toggle', (event) => toggled(event.target.open), { signal, capture: true });
  return listeners;
}

/** The card a server prerendered into `root` (a declarative shadow root), or null. */
function prerenderedCard(root) {
  return [...root.children].find((e) => e.matches('article.card')) ?? null;
}

// ---- The JavaScript API ------------------------------------------------------------------------

/**
 * Mounts a card into `host`'s open shadow root (made if missing). The article is, in order:
 * `article` (an object in the JSON format), `json` (its text), `text` (the plain-text format),
 * `bytes` with `format` ('json' or 'text'), else the embedded article.
 * Options: `open`, `lang` (language of the card's own words), `wpm` (1 to 10,000; else 180),
 * `numerals` ('latn', the default, 'arab' or 'auto'), `onToggle(open)` (called after a reader's
 * toggle, outside the wasm).
 * A host whose shadow root holds a prerendered card (`renderToString`'s markup, its
 * `data-digest` on the host) is hydrated when it matches the article and options, else that
 * card is replaced: a host never holds two cards. A `<news-card>` element mounts itself.
 * Returns `{ open, error, destroy() }`; `error` is `{ field, message, line }` or null. The card
 * stays until destroy() is called or its host leaves the document, whether or not the page
 * keeps the returned object.
 */
export async function mountCard(host, options = {}) {
  if (host instanceof NewsCard) {
    throw new TypeError('mountCard: a <news-card> element shows its own card; set its attributes or its article property instead');
  }
  await start();
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const asked = Boolean(options.open);
  const card = new Card(root, optionsInput(options), settingsOf(options), asked);
  const prerendered = prerenderedCard(root);
  let digest;
  if (prerendered) {
    // Hydrated in the state its markup shows; `open` is applied after.
    card.open = Boolean(prerendered.querySelector('details')?.open);
    if (!host.hasAttribute('data-intl')) digest = host.getAttribute('data-digest') ?? '';
  }
  card.mount(digest);
  if (prerendered && !card.hydrated) prerendered.remove();
  if (card.open !== asked) card.setOpen(asked);
  const onToggle = typeof options.onToggle === 'function' ? options.onToggle : () => {};
  // The state asked for, by the reader or the page, in the order they asked; the wasm applies it
  // in a microtask (see listen), and onToggle hears what the reader changed.
  let wanted = card.open;
  const apply = (reader) => {
    if (!card.current || card.open === wanted) return;
    let changed;
    try {
      changed = card.setOpen(wanted);
    } catch {
      // The wasm failed and restarts: the card is re-mounted in the state asked for.
      card.open = wanted;
      changed = true;
    }
    if (changed && reader) onToggle(wanted);
  };
  const listeners = listen(root, {
    click: () => {
      wanted = !wanted;
      queueMicrotask(() => apply(true));
    },
    toggled: (open) => {
      if (open === wanted) return; // the wasm's own change, or one already asked for
      wanted = open;
      queueMicrotask(() => apply(true));
    },
  }, () => card.current);
  const handle = {
    get open() { return wanted; },
    set open(value) {
      wanted = Boolean(value);
      queueMicrotask(() => apply(false));
    },
    get error() { return card.error; },
    destroy() {
      mountedHosts.delete(handle);
      if (!owned.delete(entry)) return;
      listeners.abort();
      card.destroy();
    },
  };
  const entry = {
    abandon: () => card.abandon(),
    remount: () => {
      if (!live) return; // a newer restart is under way; it re-mounts this card
      const instance = live;
      try {
        card.mount();
      } catch (error) {
        // This card's own input failed the fresh wasm too: from now on it shows why instead,
        // so a card cannot restart the wasm over and over.
        if (live !== instance) card.input = refused('article', `could not be shown: the WebAssembly module failed (${error})`);
      }
    },
  };
  owned.add(entry);
  mountedHosts.set(handle, host);
  watchHosts();
  return handle;
}

/**
 * `mountCard` cards whose host has left the document are destroyed, like an element's. One
 * MutationObserver on the document, only while such cards exist; it checks after each batch of
 * changes, so a host moved within one task keeps its card.
 */
const mountedHosts = new Map(); // handle -> host
let hostWatcher = null;
function watchHosts() {
  if (hostWatcher || typeof MutationObserver !== 'function') return;
  hostWatcher = new MutationObserver(() => {
    for (const [handle, host] of mountedHosts) if (!host.isConnected) handle.destroy();
    if (mountedHosts.size === 0) {
      hostWatcher.disconnect();
      hostWatcher = null;
    }
  });
  hostWatcher.observe(document, { childList: true, subtree: true });
}

// The publisher's wasm (www/pkg-render: the reader's code plus the text format written as JSON
// and the prerenderer), loaded by parseArticle's first call only: no card needs it.
// Imported by URL, so that a bundler leaves the publisher's glue out of the reader's module.
const PUBLISHER_GLUE = new URL('./pkg-render/news_card.js', import.meta.url);
const PUBLISHER_WASM = new URL('./pkg-render/news_card_bg.wasm', import.meta.url);
let publisher = null;

/** Starts the publisher's wasm once; a failed start (or a trap) is dropped, to start again. */
function startPublisher() {
  publisher ??= import(PUBLISHER_GLUE.href).then(async (glue) => {
    await glue.default({ module_or_path: fetch(PUBLISHER_WASM) });
    return glue;
  }).catch((error) => {
    publisher = null;
    throw error;
  });
  return publisher;
}

/**
 * Parses the plain-text article format into an object in the JSON format.
 * Throws an Error naming the line and field when the text is malformed (its `field` and `line`
 * say the same as values).
 */
export async function parseArticle(text) {
  const glue = await startPublisher();
  let parsed;
  try {
    parsed = glue.textToArticle(String(text));
  } catch (error) {
    publisher = null; // its memory can no longer be trusted: the next call starts afresh
    throw error;
  }
  const { article, error } = parsed;
  parsed.free();
  if (!error) return article;
  throw Object.assign(new Error(error.message), { field: error.field, line: error.line });
}

/** How many cards are mounted and not yet freed, and the wasm memory's size (for leak checks and monitoring). */
export async function stats() {
  await start();
  return { liveCards: call((glue) => glue.liveCards()), wasmMemoryBytes: live.memory.buffer.byteLength };
}

// ---- The element -------------------------------------------------------------------------------

class NewsCard extends HTMLElement {
  static observedAttributes = ['open', 'src', 'lang', 'wpm', 'numerals', 'font'];
  #article = undefined;
  #source = null; // { key, input }: the input wanted, and once loaded, what it is
  #abort = null;
  #card = null;
  #scheduled = false;
  #failure = null; // why the wasm failed on this card's input, until the input changes
  // The card the server prerendered into the declarative shadow root, until it is hydrated or
  // replaced. While #asleep (painted, not hydrated) the card does not start the wasm: it wakes
  // when it comes within 200px of the viewport or on the reader's first pointerdown, focusin
  // or keydown inside it.
  #prerendered = null;
  #asleep = false;
  #parsedOpen = false;
  static #near;
  // The state the details were last heard in (their `toggle`), or parsed in: a change the
  // reader made to a prerendered card's details that this element has not heard yet shows as
  // a difference at hydration.
  #seen = false;
  // What a wasm restart does to this element: forget the card, then mount it afresh.
  #owned = {
    abandon: () => {
      this.#card?.abandon();
      this.#card = null;
    },
    remount: () => this.#schedule(),
  };

  constructor() {
    super();
    // The parser has already attached a declarative shadow root (a prerendered card) before
    // upgrading the element; attachShadow would empty it.
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
    this.#prerendered = prerenderedCard(this.shadowRoot);
    this.#asleep = this.#prerendered !== null;
    this.#parsedOpen = this.open;
    if (this.#asleep) {
      // Left in place after waking, when they do nothing; each goes after its first event.
      for (const type of ['pointerdown', 'focusin', 'keydown']) {
        this.shadowRoot.addEventListener(type, () => this.#wake(), { capture: true, once: true });
      }
    }
    // The listeners live as long as the element and its shadow root.
    // A reader's click or the details' own change sets the attribute at once, in order with
    // the page's changes to it; #reconcile brings the card in line and fires `toggle`.
    this.#seen = this.#parsedOpen;
    listen(this.shadowRoot, {
      click: () => this.toggleAttribute('open', !this.open),
      toggled: (open) => {
        this.#seen = open;
        if (open !== this.open) this.toggleAttribute('open', open);
      },
    }, () => this.#card?.current);
  }

  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', Boolean(value)); }

  get src() { return this.getAttribute('src') ?? ''; }
  set src(value) { this.setAttribute('src', value); }

  /** The article as an object in the JSON format; setting it re-renders the card. */
  get article() { return this.#article; }
  set article(value) {
    this.#article = value;
    this.#source = null; // the same object, changed, is read again
    this.#wake(); // a sleeping card is brought in line with what the page asks for now
    this.#schedule();
  }

  connectedCallback() {
    // A value set on the element before it was upgraded sits on the instance: move it here.
    if (Object.prototype.hasOwnProperty.call(this, 'article')) {
      const value = this.article;
      delete this.article;
      this.#article = value;
    }
    if (this.getAttribute('font') === 'naskh') useWebFont();
    owned.add(this.#owned);
    if (this.#asleep) {
      NewsCard.#near ??= new IntersectionObserver((entries) => {
        for (const entry of entries) if (entry.isIntersecting) entry.target.#wake();
      }, { rootMargin: '200px' });
      NewsCard.#near.observe(this);
    }
    this.#schedule();
  }

  /** Brings a sleeping prerendered card in line with the element, from now on. */
  #wake() {
    if (!this.#asleep) return;
    this.#asleep = false;
    NewsCard.#near.unobserve(this);
    this.#schedule();
  }

  disconnectedCallback() {
    owned.delete(this.#owned);
    NewsCard.#near?.unobserve(this);
    this.#abort?.abort();
    this.#abort = null;
    this.#source = null;
    // The card's DOM goes now (a removed card never shows, and an element put back at once
    // mounts afresh); the wasm frees it in a microtask, from a fresh stack.
    const card = this.#card;
    this.#card = null;
    if (!card) return;
    card.node?.remove();
    queueMicrotask(() => {
      try {
        card.destroy();
      } catch {
        // The wasm failed and restarts (see call()); this card is gone either way.
      }
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name === 'font') {
      // The face is CSS only (:host([font="naskh"])): no re-render.
      if (newValue === 'naskh') useWebFont();
      return;
    }
    if (oldValue === newValue) return;
    // Attributes the element is upgraded with are what was prerendered; a change after that
    // is the page's, and a sleeping card is brought in line with it now.
    if (owned.has(this.#owned)) this.#wake();
    this.#schedule();
  }

  /** Brings the card in line with the element, in a microtask (coalescing any number of changes). */
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const instance = live;
      try {
        this.#reconcile();
      } catch (error) {
        if (instance && live !== instance) {
          // The wasm failed on this card and restarts (see call()): this card shows why, once,
          // instead of its input (which could fail the fresh instance too).
          this.#failure = `could not be shown: the WebAssembly module failed (${error})`;
          this.#card = null;
          this.#schedule();
        } else {
          console.error('news-card:', error); // a bug of the shell's own: said, not retried
        }
      }
    });
  }

  /** What the card should show: the article property, `src`, an inline JSON script, or the embedded article. */
  #wanted() {
    if (this.#article !== undefined && this.#article !== null) return { key: this.#article, load: () => articleInput(this.#article) };
    const src = this.getAttribute('src');
    if (src) return { key: `src:${src}`, load: (signal) => srcInput(src, signal) };
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (script) return { key: script, load: () => textInput('json', script.textContent, 'article') };
    return { key: EMBEDDED, load: () => EMBEDDED };
  }

  #reconcile() {
    if (!this.isConnected) return; // disconnectedCallback dropped the card
    if (this.#asleep) return; // the prerendered card stays as it is until it wakes
    if (!live) {
      start().then(() => this.#schedule(), () => {}); // start() said why it failed
      return;
    }
    const wanted = this.#wanted();
    if (this.#source?.key !== wanted.key) this.#load(wanted);
    const input = this.#source.input; // null while loading: the load schedules this again
    const settings = settingsOf({
      lang: this.getAttribute('lang'), wpm: this.getAttribute('wpm'), numerals: this.getAttribute('numerals'),
    });
    const card = this.#card;
    if (input && (!card || !card.current || card.input !== input || !sameSettings(card.settings, settings))) {
      this.#replace(input, settings);
      return;
    }
    // While the next input loads, the card shown still follows the attribute.
    if (!card?.current) return;
    // The attribute is the state asked for, by the page or (see listen) the reader, in order.
    const open = this.open;
    if (card.open === open) return;
    let changed;
    try {
      changed = card.setOpen(open);
    } catch {
      // The wasm failed and restarts (see call()); the card is re-mounted in this state.
      changed = true;
    }
    // Page code runs last, outside the wasm; whatever it changes schedules this again.
    if (changed) this.dispatchEvent(toggleEvent(open));
  }

  /** Starts loading `wanted`; when it is loaded (and still wanted) the card is brought in line. */
  #load(wanted) {
    this.#abort?.abort();
    this.#abort = null;
    this.#failure = null;
    const source = { key: wanted.key, input: null };
    this.#source = source;
    const controller = new AbortController();
    const loaded = wanted.load(controller.signal);
    if (!(loaded instanceof Promise)) {
      source.input = loaded;
      return;
    }
    this.#abort = controller;
    loaded.then((input) => {
      if (this.#source !== source || !input) return; // replaced meanwhile
      source.input = input;
      this.#schedule();
    });
  }

  /** Mounts a new card for `input`, then removes the old one (or the prerendered one it replaces). */
  #replace(input, settings) {
    const shown = this.#failure ? refused('article', this.#failure) : input;
    const card = new Card(this.shadowRoot, shown, settings, this.open);
    card.input = input; // what it stands for, even when it shows the failure
    const prerendered = this.#prerendered;
    let digest;
    if (prerendered) {
      // Hydrated in the state its markup was parsed in, which the element's attribute says
      // until the page changes it; the attribute wins afterwards (#reconcile).
      card.open = this.#parsedOpen;
      digest = this.getAttribute('data-digest') ?? '';
      const intl = this.getAttribute('data-intl');
      if (intl !== null) {
        // What only the browser's Intl writes (dates, numerals="auto"): expected, not a fault.
        console.info(`news-card: the prerendered card needs Intl (${intl}); rendering it afresh`);
        digest = undefined;
      }
    }
    card.mount(digest);
    // (Not before: if the wasm fails, the next attempt still finds the prerendered card.)
    this.#prerendered = null;
    const old = this.#card;
    this.#card = card;
    if (card.hydrated) {
      card.node = prerendered; // the card's root, whatever text may follow it
      // The reader, find-in-page or a text fragment can open (or close) the details before the
      // card is hydrated, and before this element heard it: the card takes that as the reader's.
      const shown = prerendered.querySelector('details')?.open;
      if (shown !== this.#seen) {
        this.#seen = shown;
        this.toggleAttribute('open', shown);
      }
    } else if (prerendered) {
      // Built in the prerendered markup's state: the element's is the one to show.
      if (card.open !== this.open) card.setOpen(this.open);
      // With the digest the wasm expected: equal digests mean markup without its toggle or
      // body (hand-edited); an empty one, an article that cannot be shown.
      if (digest !== undefined) {
        console.warn(`news-card: the prerendered card (digest ${digest}) does not match ` +
          `its article and options (${call(() => card.handle.digest)}); rendering it afresh`);
      }
      // The prerendered card goes, its IDs with it; its stylesheet link stays (the same rules
      // as the adopted sheet, and the only ones where constructable stylesheets are missing).
      prerendered.remove();
    }
    // Removing the old card's DOM may move focus and fire events at page code: it runs here,
    // outside the wasm, and whatever it changes is reconciled below.
    old?.destroy();
    if (card.error) this.#reportError(card.error);
    // A state changed together with what the card shows (in one task) is still a toggle.
    if (old && old.open !== card.open) this.dispatchEvent(toggleEvent(card.open));
    this.#schedule();
  }

  #reportError(error) {
    console.error(`news-card: ${error.message}`);
    this.dispatchEvent(new CustomEvent('news-card-error', { bubbles: true, composed: true, detail: error }));
  }
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

if (!customElements.get('news-card')) customElements.define('news-card', NewsCard);
