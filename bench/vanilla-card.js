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
  #details = null;

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
    this.#toggle = el('summary', { class: 'toggle', part: 'toggle' },
      el('span', { class: 'toggle-label when-closed' }, a.readMore),
      el('span', { class: 'toggle-label when-open', hidden: '' }, a.readLess),
      el('span', { class: 'chevron', 'aria-hidden': 'true' }));
    const body = el('div', {
      class: 'body', id: `${id}-body`, part: 'body', role: 'region', 'aria-label': a.fullText,
    }, ...a.body.map((p) => el('p', {}, p)));
    this.#details = el('details', { class: 'more' }, this.#toggle, body);
    const card = el('article', { class: 'card', lang: 'ar', dir: 'rtl', 'aria-labelledby': `${id}-title` },
      el('h2', { class: 'title', id: `${id}-title`, part: 'title' }, a.title),
      el('p', { class: 'meta', part: 'meta' }, el('bdi', { part: 'reading-time' }, a.meta)),
      el('section', { class: 'summary', part: 'summary' },
        el('h3', { class: 'label' }, a.summaryLabel), el('p', {}, a.summary)),
      this.#details,
      el('section', { class: 'author', part: 'author' },
        el('h3', { class: 'label' }, a.authorLabel),
        el('p', { class: 'author-name' }, el('bdi', {}, a.authorName)),
        el('p', { class: 'author-bio' }, a.authorBio)));
    // As <news-card>: the click is the script's (the details' own toggle is cancelled), and
    // find-in-page opening the details natively is followed.
    this.#toggle.addEventListener('click', (event) => {
      event.preventDefault();
      this.#set(!this.#details.open);
    });
    this.#details.addEventListener('toggle', () => {
      if (this.#details.open !== this.hasAttribute('open')) this.#set(this.#details.open);
    });
    this.shadowRoot.append(card);
  }

  // The same updates <news-card> makes on a reader's toggle, then the same `open` reflection and event.
  #set(open) {
    this.#details.open = open;
    // Only the label that matches the state is shown (engines without the stylesheet included).
    const [closed, opened] = this.#toggle.children;
    closed.hidden = open;
    opened.hidden = !open;
    if (this.hasAttribute('open') === open) return;
    this.toggleAttribute('open', open);
    const [oldState, newState] = open ? ['closed', 'open'] : ['open', 'closed'];
    this.dispatchEvent(new ToggleEvent('toggle', { oldState, newState }));
  }
}

customElements.define('vanilla-card', VanillaCard);
