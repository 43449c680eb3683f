// What a leak spec can measure in every engine: removed card nodes collected (FinalizationRegistry) and listeners still registered (a spy).
//
// Chromium's DevTools protocol counts nodes and listeners after a forced GC (page.counters());
// Firefox and WebKit expose neither a count nor a way to force a GC to a page or its driver.
// What works in all three, from inside the page:
//   - nodes: each removed card's root element is registered with a FinalizationRegistry; once
//     the engine has collected (forced in Chromium, awaited under allocation elsewhere) every
//     one must have been finalized. Anything still holding a removed card (the shell, a wasm
//     handle, a listener's closure, a cache) keeps it and the count falls short.
//   - listeners: addEventListener and removeEventListener are wrapped from `track()` on; a
//     listener counts until it is removed, its signal aborts, its `once` fires, or its target is
//     collected. Listeners registered before `track()` are not seen: specs compare two readings
//     taken after it.
// Not measured outside Chromium: nodes that are not a removed card's (a node the shell makes and
// keeps would show only in Chromium's count), and listeners added by engine-internal code.
// wasm memory is visible only in 64 KiB pages: a leak of less than 64 KiB over a run can hide.
import assert from 'node:assert/strict';
import { collectGarbage } from './harness.mjs';

/** Installs the tracker in the page (run with page.evaluate). */
export function track() {
  if (window.__leaks) return true;
  const gone = new Set();
  const registry = new FinalizationRegistry((id) => gone.add(id));
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const entries = [];
  const capture = (o) => (typeof o === 'boolean' ? o : Boolean(o?.capture));
  // Weak references only: the tracker must not keep alive what it watches.
  const live = (e) => !e.removed && e.target.deref() !== undefined;
  const find = (target, type, cb, cap) => entries.find((e) => live(e) && e.target.deref() === target && e.type === type && e.cb.deref() === cb && e.capture === cap);
  proto.addEventListener = function (type, cb, options) {
    const cap = capture(options);
    if (cb && !options?.signal?.aborted && !find(this, type, cb, cap)) {
      const e = { target: new WeakRef(this), type, cb: new WeakRef(cb), capture: cap, removed: false };
      entries.push(e);
      if (options?.signal) add.call(options.signal, 'abort', () => { e.removed = true; }, { once: true });
      if (options?.once) add.call(this, type, () => { e.removed = true; }, { once: true, capture: cap });
    }
    return add.call(this, type, cb, options);
  };
  proto.removeEventListener = function (type, cb, options) {
    const e = find(this, type, cb, capture(options));
    if (e) e.removed = true;
    return remove.call(this, type, cb, options);
  };
  let next = 0;
  window.__leaks = {
    watch(node) { registry.register(node, next++); },
    nodes: () => ({ watched: next, collected: gone.size }),
    kept: () => Array.from({ length: next }, (_, id) => id).filter((id) => !gone.has(id)),
    listeners: () => entries.filter(live).length,
  };
  return true;
}

/**
 * Collects garbage until every watched node is finalized, or `timeout` ms pass (harness.mjs's
 * collectGarbage); returns { watched, collected, kept, listeners, how }, `kept` the ids (in
 * watch order, from 0) of the watched nodes not yet finalized.
 */
// Measured: every removed card collected within 0.3 s (Chromium), 1 s (Firefox), 2 s (WebKit).
export async function collect(env, page, { timeout = 20_000 } = {}) {
  const { how } = await collectGarbage(page, () => window.__leaks.nodes().collected >= window.__leaks.nodes().watched, undefined, { timeout });
  return { ...await page.evaluate(() => ({ ...window.__leaks.nodes(), kept: window.__leaks.kept(), listeners: window.__leaks.listeners() })), how };
}

// Rounds of more work a card WebKit still holds gets before the spec calls it a leak.
const LATE_ROUNDS = 3;

/**
 * Collects, then asserts that every watched card was collected; returns the last reading.
 *
 * In Chromium and Firefox, at once. In WebKit a card may go late: JavaScriptCore scans the stack
 * conservatively, so a stale slot can pin a removed card through any number of collections
 * (seen: 1 or 2 of 21, now and then, through 2,000), until later work overwrites the slot. So
 * there, while some are kept, `more()` runs (more of the same work, its own cards not watched)
 * and the heap is collected again, up to LATE_ROUNDS times: each card kept must be seen
 * collected by a later reading. That is the cause shown: nothing of the card's held it, since
 * what the card leaks it holds for good, and a leak fails. `t.diagnostic` names the late ones.
 */
export async function assertCollected(env, page, { more, t, what = 'every removed card collected' }) {
  let reading = await collect(env, page);
  const late = [];
  for (let round = 1; env.engine === 'webkit' && reading.kept.length > 0 && round <= LATE_ROUNDS; round++) {
    late.push(`reading ${round}: ${reading.kept.length} of ${reading.watched} kept (ids ${reading.kept.join(', ')})`);
    await more();
    reading = await collect(env, page);
  }
  if (late.length) t.diagnostic(`${env.engine}: kept after a collection, so given more work: ${late.join('; ')}; then ${reading.kept.length} kept`);
  assert.deepEqual(reading.kept, [], `${what}: ${reading.collected} of ${reading.watched} (${reading.how})`);
  return reading;
}
