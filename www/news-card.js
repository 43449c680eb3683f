// Defines <news-card>: starts the wasm once per page, reflects `open`, fires `toggle`.
import init, { mountEmbedded, cardCss, liveCards } from './pkg/news_card.js';

// One wasm start and one stylesheet per page, however many cards.
let ready = null;
let sheet = null;
function start() {
  ready ??= init().then(() => {
    // Without constructable stylesheets (Safari before 16.4) the card mounts unstyled but whole:
    // the page's CSP rightly refuses a <style> fallback.
    if (!('adoptedStyleSheets' in ShadowRoot.prototype)) return;
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cardCss());
  });
  return ready;
}

// ToggleEvent where the engine has it (as <details> fires); an Event with the same fields elsewhere.
function toggleEvent(oldState, newState) {
  if (typeof ToggleEvent === 'function') return new ToggleEvent('toggle', { oldState, newState });
  return Object.assign(new Event('toggle'), { oldState, newState });
}

/**
 * Mounts the embedded article into `host`'s open shadow root (made if missing).
 * Returns a controller: `open` (get/set), `isError`, and `destroy()` which frees it.
 * `onToggle(open)` is told when a reader opens or closes the full text.
 */
export async function mountCard(host, { open = false, onToggle = () => {} } = {}) {
  await start();
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  let handle = mountEmbedded(root, open, onToggle);
  return {
    get open() { return handle ? handle.isOpen : false; },
    set open(value) { handle?.setOpen(Boolean(value)); },
    get isError() { return handle ? handle.isError : false; },
    destroy() { handle?.free(); handle = null; },
  };
}

/** How many cards are mounted on the page and not yet freed (for leak checks). */
export async function liveCardCount() {
  await start();
  return liveCards();
}

class NewsCard extends HTMLElement {
  static observedAttributes = ['open'];
  #card = null;
  // Bumped on every connect and disconnect, so a mount that finishes late knows it is stale.
  #generation = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get open() { return this.hasAttribute('open'); }
  set open(value) { this.toggleAttribute('open', Boolean(value)); }

  connectedCallback() {
    const generation = ++this.#generation;
    start().then(() => {
      if (generation !== this.#generation || !this.isConnected) return;
      return mountCard(this, {
        open: this.open,
        onToggle: (open) => {
          this.toggleAttribute('open', open); // attributeChangedCallback finds the card already there
          this.dispatchEvent(toggleEvent(open ? 'closed' : 'open', open ? 'open' : 'closed'));
        },
      }).then((card) => {
        if (generation === this.#generation) this.#card = card;
        else card.destroy();
      });
    }).catch((error) => console.error('news-card:', error));
  }

  disconnectedCallback() {
    this.#generation++;
    this.#card?.destroy();
    this.#card = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (name !== 'open' || !this.#card) return;
    const open = newValue !== null;
    if (this.#card.open === open) return;
    this.#card.open = open;
    this.dispatchEvent(toggleEvent(open ? 'closed' : 'open', open ? 'open' : 'closed'));
  }
}

if (!customElements.get('news-card')) customElements.define('news-card', NewsCard);
