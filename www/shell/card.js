// One card the wasm built or hydrated (`Card`), and what the element and `mountCard` share around it: the reader's clicks and toggles (`listen`), the `toggle` event.
import { call, live, sheet } from './wasm.js';
import { share } from './share.js';

// The card's stylesheet as a file, for engines without constructable stylesheets (beside the
// entry module: see wasm.js for the '../').
const CSS = new URL('../news-card.css', import.meta.url);

/** One mounted card: the wasm's handle, the DOM node it appended, and what it was made from. */
export class Card {
  constructor(root, input, settings, open) {
    Object.assign(this, { root, input, settings, open, handle: null, node: null, instance: -1 });
  }

  /**
   * Builds the card into its root on the running instance (throws if the wasm fails). With
   * `digest` (a prerendered card's, whose state `open` is) the wasm first tries to hydrate the
   * prerendered card: then the card is those nodes, and `hydrated` is true.
   */
  mount(digest) {
    const input = this.input;
    const { lang, wpm, numerals, heading, share } = this.settings;
    // Only the options given cross: an undefined member would read as given, without a value.
    const options = { open: this.open, wpm, numerals, heading, share };
    if (lang !== undefined) options.lang = lang;
    if (digest !== undefined) options.digest = digest;
    // What the article's relative URLs resolve against (see input.js); the wasm refuses any
    // that does not resolve to http: or https:.
    if (input.base !== undefined) options.base = input.base;
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
    // an engine without constructable stylesheets, links the same CSS beside the entry module
    // (the card's look; its label needs none: see view::card).
    if (!this.hydrated && sheet && !this.root.adoptedStyleSheets.includes(sheet)) {
      this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, sheet];
    } else if (!sheet && !this.root.querySelector('link[rel=stylesheet], style')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = CSS;
      this.root.prepend(link);
    }
    this.node = this.root.lastChild; // the wasm appends the card's root last
    this.instance = live.id;
    // An invalid article is an answer, not an exception: the card shows why, and so does this.
    this.error = call(() => this.handle.error);
    return this;
  }

  get current() { return this.handle !== null && live !== null && this.instance === live.id; }

  /** Opens or closes the text; returns whether the state changed. */
  setOpen(open) {
    if (!this.current) return false;
    // (`quiet`: see listen; a card made before its listeners has none yet.)
    const quiet = this.quiet ?? ((fn) => fn());
    const changed = quiet(() => call(() => this.handle.setOpen(open)));
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
export function toggleEvent(open) {
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
 * `toggled(open)` with the state the details are in, which the card follows; `resync()` asks
 * for the details to be put back in the state the card has (see `echo`).
 * Returns the AbortController whose abort() removes the listeners and the observer.
 */
export function listen(root, { click, toggled, resync }, ready) {
  const listeners = new AbortController();
  const { signal } = listeners;
  // A click that is not cancelable (`new MouseEvent('click')`, dispatched by page script) still
  // runs the summary's activation, which flips the details after every listener: the shell has
  // taken the click already, so each such flip is an echo, and `resync()` puts the details back
  // in line with the state asked for. `flips` counts the echoes still to come; the mutation
  // records of the details' `open` tell them, once the wasm's own changes are left out (`quiet`).
  // WebKit may deliver a flip's record only after a later task, so nothing is cleared by time:
  // a flip that is not an echo (find-in-page, a text fragment, page script) is the reader's.
  let flips = 0;
  const seen = (records) => {
    for (const _ of records) {
      if (flips > 0) {
        flips--;
        resync();
      }
    }
  };
  const watcher = new MutationObserver(seen);
  watcher.observe(root, { attributeFilter: ['open'], subtree: true });
  signal.addEventListener('abort', () => watcher.disconnect());
  /** Runs `fn` (a wasm call that may change the details), leaving its own records out of `seen`. */
  listeners.quiet = (fn) => {
    seen(watcher.takeRecords());
    try {
      return fn();
    } finally {
      watcher.takeRecords();
    }
  };
  // Heard while it captures: a click the page dispatches that does not bubble still opens the
  // details (the summary's activation runs for any click), and must be the shell's too.
  root.addEventListener('click', (event) => {
    if (!(event.target instanceof Element)) return;
    if (ready() && event.target.closest('[part~="toggle"]')) {
      event.preventDefault();
      if (!event.cancelable) flips++;
      click();
    }
    // The share control is shown only once the wasm has the card (see view::card).
    const button = event.target.closest('[part~="share"]');
    if (button) share(root, button);
  }, { signal, capture: true });
  // (toggle does not bubble: heard while it captures.)
  // The details' own toggle for such a flip is not the reader's either (WebKit may deliver it
  // before the mutation record).
  root.addEventListener('toggle', (event) => (flips > 0 ? resync() : toggled(event.target.open)), { signal, capture: true });
  // A lead image that failed (404, not an image) keeps its box, empty (card.css): no broken-image
  // icon and no shift. Heard while they capture (error and load do not bubble); one that failed
  // before this listener (a prerendered card's, before the module ran) is found complete with no
  // pixels, and a later load (a new src) clears the mark.
  const mark = (img, broken) => img.localName === 'img' && img.toggleAttribute('data-broken', broken);
  for (const type of ['error', 'load']) {
    root.addEventListener(type, (event) => mark(event.target, type === 'error'), { signal, capture: true });
  }
  for (const img of root.querySelectorAll('img')) if (img.complete && !img.naturalWidth) mark(img, true);
  return listeners;
}
