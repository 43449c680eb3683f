// Benchmark variant (b): a hand-written vanilla-JS <vanilla-card> that builds the same DOM as <news-card>.
// The article's strings come from ./article.js, which bench/run.mjs writes (next to a copy of this file)
// from the real card's text.
import { article, css } from './article.js';

let sheet = null;
let cards = 0;

// An element with attributes (in the order the Rust view sets them) and children; strings become text nodes.
function el(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const name in attrs) element.setAttribute(name, attrs[name]);
  element.append(...children);
  return element;
}

class VanillaCard extends HTMLElement {
  #toggle = null;
  #label = null;
  #body = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    if (this.#toggle) return;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    this.shadowRoot.adoptedStyleSheets = [sheet];
    const id = `vc${++cards}`;
    const a = article;
    this.#label = el('span', { class: 'toggle-label' }, a.readMore);
    this.#toggle = el('button', {
      class: 'toggle', type: 'button', part: 'toggle', 'aria-expanded': 'false', 'aria-controls': `${id}-body`,
    }, this.#label, el('span', { class: 'chevron', 'aria-hidden': 'true' }));
    this.#body = el('div', {
      class: 'body', id: `${id}-body`, part: 'body', role: 'region', 'aria-label': a.fullText, hidden: 'until-found',
    }, ...a.body.map((p) => el('p', {}, p)));
    const card = el('article', { class: 'card', lang: 'ar', dir: 'rtl', 'aria-labelledby': `${id}-title` },
      el('h2', { class: 'title', id: `${id}-title`, part: 'title' }, a.title),
      el('p', { class: 'meta', part: 'meta' }, el('bdi', { part: 'reading-time' }, a.meta)),
      el('section', { class: 'summary', part: 'summary' },
        el('h3', { class: 'label' }, a.summaryLabel), el('p', {}, a.summary)),
      this.#toggle,
      this.#body,
      el('section', { class: 'author', part: 'author' },
        el('h3', { class: 'label' }, a.authorLabel),
        el('p', { class: 'author-name' }, el('bdi', {}, a.authorName)),
        el('p', { class: 'author-bio' }, a.authorBio)));
    this.#toggle.addEventListener('click', () => this.#set(this.#toggle.ariaExpanded !== 'true'));
    this.#body.addEventListener('beforematch', () => this.#set(true));
    this.shadowRoot.append(card);
  }

  // The same updates <news-card> makes on a reader's toggle, then the same `open` reflection and event.
  #set(open) {
    this.#toggle.setAttribute('aria-expanded', String(open));
    this.#label.textContent = open ? article.readLess : article.readMore;
    if (open) this.#body.removeAttribute('hidden');
    else this.#body.setAttribute('hidden', 'until-found');
    this.toggleAttribute('open', open);
    const [oldState, newState] = open ? ['closed', 'open'] : ['open', 'closed'];
    this.dispatchEvent(new ToggleEvent('toggle', { oldState, newState }));
  }
}

customElements.define('vanilla-card', VanillaCard);
