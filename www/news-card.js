// The card's public module: defines <news-card> and exports mountCard, parseArticle and stats; each job is a module of shell/.
// Pages load this file as it is (its imports are relative); `./build.sh dist` and `./build.sh pack`
// bundle it with shell/ into one module with esbuild (tools/shell.mjs). Page code never runs
// inside a wasm call: the shell owns every listener and fires every event.
import { NewsCard } from './shell/element.js';

export { mountCard } from './shell/mount-card.js';
export { parseArticle, stats } from './shell/engine.js';

if (!customElements.get('news-card')) customElements.define('news-card', NewsCard);
