// The wasm: started once per page, called through `call`, restarted with every card re-mounted if it ever fails.
import init, {
  cardCss, limits, liveCards, mountArticle, mountEmbedded, mountRefused, mountText,
} from '../pkg/news_card.js';
import { setLimits } from './input.js';

// The first instance's glue, by name (a namespace import would keep the glue's unused
// initSync in a bundle); a restart imports a whole fresh copy of the module instead.
const firstGlue = { cardCss, limits, liveCards, mountArticle, mountEmbedded, mountRefused, mountText };

// The card's files are found beside the entry module, www/news-card.js, one folder up from this
// one: hence '../'. A bundle of the shell sits where the entry does, so tools/shell.mjs makes
// these './' there (the form bundlers such as Vite recognise and copy the file for).
const WASM = new URL('../pkg/news_card_bg.wasm', import.meta.url);
// A restarted wasm needs a fresh copy of its glue (whose state is module-level): the glue is
// imported again under a numbered fragment, which makes a new module instance of the same file.
const GLUE = new URL('../pkg/news_card.js', import.meta.url);

let starting = null; // Promise of the running instance
// The running instance, once started: { glue, memory, id }. Exported live: the card and the
// element compare it to tell whether a card belongs to the running instance.
export let live = null;
let restarts = 0;
// The card's stylesheet, constructed once per page from the wasm's CSS (null where the engine
// has no constructable stylesheets: there each card links the file, see Card.mount).
export let sheet = null;

export function start() {
  if (starting) return starting;
  // User-timing measures (news-card:init, news-card:mount) let benchmarks and DevTools see the cost.
  const begin = performance.now();
  const id = restarts;
  const glue = id === 0 ? Promise.resolve(firstGlue) : import(`${GLUE.href}#restart-${id}`);
  starting = glue.then((module) => (id === 0 ? init : module.default)({ module_or_path: fetch(WASM) })
    .then((exports) => {
      performance.measure('news-card:init', { start: begin });
      live = { glue: module, memory: exports.memory, id };
      setLimits(module.limits());
      // Without constructable stylesheets (Safari before 16.4) each card links news-card.css
      // instead (see Card.mount): the page's CSP rightly refuses a <style> fallback.
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
  return starting;
}

/**
 * Runs `fn(glue)` on the running instance. An exception out of the wasm means its memory can no
 * longer be trusted (a trap, or an exception that unwound through its frames): the instance is
 * dropped, a fresh one started, and every card re-mounted on it; the exception is rethrown for
 * the caller to report its own card.
 */
export function call(fn) {
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
export const owned = new Set();

function restart(error) {
  console.error(`news-card: the WebAssembly module failed (${error}); restarting it`);
  live = null;
  starting = null;
  restarts++;
  // The old instance's handles are abandoned, not freed: calling into it again could fail again.
  for (const entry of owned) entry.abandon();
  start().then(() => {
    for (const entry of owned) entry.remount();
  }, () => {});
}

// ---- The two exports that only ask the wasm ----------------------------------------------------

// The publisher's wasm (www/pkg-render: the reader's code plus the text format written as JSON
// and the prerenderer), loaded by parseArticle's first call only: no card needs it.
// Imported by URL, so that a bundler leaves the publisher's glue out of the reader's module.
const PUBLISHER_GLUE = new URL('../pkg-render/news_card.js', import.meta.url);
const PUBLISHER_WASM = new URL('../pkg-render/news_card_bg.wasm', import.meta.url);
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

