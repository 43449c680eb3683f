// The <news-card> element (`NewsCard`, defined by the entry module): its article and settings from attributes, `article` or `src`, `open` reflected, a prerendered card hydrated lazily; and the optional web font.
import { call, live, owned, start } from './wasm.js';
import { EMBEDDED, articleInput, refused, sameSettings, settingsOf, srcInput, textInput } from './input.js';
import { Card, listen, toggleEvent } from './card.js';
import { hydrationDigest, prerenderedCard } from './hydrate.js';

export class NewsCard extends HTMLElement {
  static observedAttributes = ['open', 'src', 'lang', 'wpm', 'numerals', 'font', 'heading-level', 'share'];
  #article = undefined;
  #source = null; // { key, input }: the input wanted, and once loaded, what it is
  #abort = null;
  #card = null;
  #scheduled = false;
  #failure = null; // why the wasm failed on this card's input, until the input changes
  // True while the shell copies the page's `article` object (input.js), when a getter of the
  // page's may set `article` again: that value is then taken in a later task, not at once, so
  // a getter that always sets it cannot keep the page in an endless chain of microtasks.
  #reading = false;
  // The details were flipped behind the card's back (see listen's `echo`): the next reconcile
  // applies the state even when the card already has it.
  #resync = false;
  #quiet; // the listeners' `quiet` (see listen), for every card of this element
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
    this.#quiet = listen(this.shadowRoot, {
      click: () => this.toggleAttribute('open', !this.open),
      toggled: (open) => {
        this.#seen = open;
        if (open !== this.open) this.toggleAttribute('open', open);
      },
      resync: () => {
        this.#resync = true;
        this.#schedule();
      },
    }, () => this.#card?.current).quiet;
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
    if (this.#reading) return; // see #load
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
    // Page code run while reading the article may have removed the card or replaced its
    // article: the card is brought in line with that later (disconnection, or #load's task).
    if (!this.isConnected || this.#source?.key !== wanted.key) return;
    const input = this.#source.input; // null while loading: the load schedules this again
    const settings = settingsOf({
      lang: this.getAttribute('lang'), wpm: this.getAttribute('wpm'), numerals: this.getAttribute('numerals'),
      heading: this.getAttribute('heading-level'), share: this.hasAttribute('share'),
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
    const resync = this.#resync;
    this.#resync = false;
    if (card.open === open && !resync) return;
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
    let loaded;
    this.#reading = true;
    try {
      loaded = wanted.load(controller.signal);
    } finally {
      this.#reading = false;
    }
    if (this.#source !== source) {
      // Page code that ran while the article was read set `article` again: the same object
      // is what was just read; another one is read in a task of its own (see #reading).
      if (this.#article === wanted.key) this.#source = source;
      else setTimeout(() => this.#schedule());
    }
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
    card.quiet = this.#quiet;
    card.input = input; // what it stands for, even when it shows the failure
    const prerendered = this.#prerendered;
    let digest;
    if (prerendered) {
      // Hydrated in the state its markup was parsed in, which the element's attribute says
      // until the page changes it; the attribute wins afterwards (#reconcile).
      card.open = this.#parsedOpen;
      digest = hydrationDigest(this);
      const intl = this.getAttribute('data-intl');
      // What only the browser's Intl writes (dates, numerals="auto"): expected, not a fault.
      if (intl !== null) console.info(`news-card: the prerendered card needs Intl (${intl}); rendering it afresh`);
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
// (Its files are beside the entry module: see wasm.js for the '../'.)
let fontSheet = null;
const ARABIC = 'U+0600-06FF,U+0750-077F,U+0870-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FEFF';
function useWebFont() {
  if (fontSheet || !('adoptedStyleSheets' in Document.prototype)) return;
  fontSheet = new CSSStyleSheet();
  fontSheet.replaceSync([400, 700].map((weight) => {
    const url = new URL(`../fonts/noto-naskh-arabic-arabic-${weight}-normal.woff2`, import.meta.url);
    return `@font-face{font-family:"news-card-naskh";src:url("${url}") format("woff2");` +
      `font-weight:${weight};font-display:swap;unicode-range:${ARABIC}}`;
  }).join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, fontSheet];
}
