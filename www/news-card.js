// The card's public module: defines <news-card> and exports mountCard, parseArticle and stats; each job is a module of shell/.
// Pages load this file as it is (its imports are relative); `./build.sh dist` and `./build.sh pack`
// bundle it with shell/ into one module with esbuild (tools/shell.mjs). Page code never runs
// inside a wasm call: the shell owns every listener and fires every event.
import { NewsCard } from './shell/element.js';

export { mountCard } from './shell/mount-card.js';
export { parseArticle, stats } from './shell/wasm.js';

const define = () => customElements.get('news-card') || customElements.define('news-card', NewsCard);
// A page whose cards are all prerendered (each parsed with its declarative shadow root) shows
// them without script: the element is defined after the frame that paints them, so that upgrading
// the cards never holds back that first paint (they hydrate later anyway, when near the viewport
// or touched; a click before then opens the native <details>, which hydration takes over).
// A card the wasm must build needs the element now; so does a hidden page (it paints nothing,
// and animation frames wait until it is shown).
// (A function, so that no module-level binding keeps the page's cards alive.)
const allPrerendered = () => {
  const cards = [...document.querySelectorAll('news-card')];
  return cards.length > 0 && cards.every((card) => card.shadowRoot);
};
if (document.visibilityState === 'visible' && allPrerendered()) {
  requestAnimationFrame(() => setTimeout(define));
} else {
  define();
}
