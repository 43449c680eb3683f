// `mountCard`: a card in any host's shadow root, owned until destroy() or until its host leaves the document (the host watcher).
import { live, owned, start } from './wasm.js';
import { optionsInput, refused, settingsOf } from './input.js';
import { Card, listen } from './card.js';
import { hydrationDigest, prerenderedCard } from './hydrate.js';
import { NewsCard } from './element.js';

/**
 * Mounts a card into `host`'s open shadow root (made if missing). The article is, in order:
 * `article` (an object in the JSON format), `json` (its text), `text` (the plain-text format),
 * `bytes` with `format` ('json' or 'text'), else the embedded article.
 * Options: `open`, `lang` (language of the card's own words), `wpm` (1 to 10,000; else 180),
 * `numerals` ('latn', the default, 'arab' or 'auto'), `headingLevel` (2 to 6, else 2: the
 * headline's level), `share` (offer the share control, for an article with a url), `onToggle(open)` (called after a reader's
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
  const card = new Card(root, optionsInput(options), settingsOf({ ...options, heading: options.headingLevel }), asked);
  const prerendered = prerenderedCard(root);
  let digest;
  if (prerendered) {
    // Hydrated in the state its markup shows; `open` is applied after.
    card.open = Boolean(prerendered.querySelector('details')?.open);
    digest = hydrationDigest(host);
  }
  card.mount(digest);
  if (prerendered && !card.hydrated) prerendered.remove();
  if (card.open !== asked) card.setOpen(asked);
  const onToggle = typeof options.onToggle === 'function' ? options.onToggle : () => {};
  // The state asked for, by the reader or the page, in the order they asked; the wasm applies it
  // in a microtask (see listen), and onToggle hears what the reader changed.
  let wanted = card.open;
  const apply = (reader, resync = false) => {
    if (!card.current || (card.open === wanted && !resync)) return;
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
    resync: () => queueMicrotask(() => apply(false, true)),
  }, () => card.current);
  card.quiet = listeners.quiet;
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
