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
    listeners: () => entries.filter(live).length,
  };
  return true;
}

/**
 * Collects garbage until every watched node is finalized, or `timeout` ms pass; returns
 * { watched, collected, listeners, how }. Chromium: page.counters() forces GCs. Elsewhere:
 * short-lived allocations and a task turn per round, in slices under the WebDriver script
 * timeout, until the registry has reported every node (the state that means "collected").
 */
// Measured: every removed card collected within 0.3 s (Chromium), 1 s (Firefox), 2 s (WebKit).
export async function collect(env, page, { timeout = 20_000 } = {}) {
  const read = () => page.evaluate(() => ({ ...window.__leaks.nodes(), listeners: window.__leaks.listeners() }));
  const end = Date.now() + timeout;
  let rounds = 0;
  for (;;) {
    if (env.can.listenerMetrics) await page.counters();
    else {
      rounds += await page.evaluate(async () => {
        const stop = Date.now() + 2000;
        let n = 0;
        // JavaScriptCore scans the stack conservatively: a stale slot still pointing at a removed
        // card keeps it however often the heap is collected (seen under load in WebKit: 19 of 21
        // collected after 2,025 rounds). Deep calls with fresh locals overwrite those slots.
        const scrub = (n) => { const a = [n], b = [n], c = [n]; return n > 0 ? scrub(n - 1) + a.length + b.length + c.length : 0; };
        do {
          scrub(2000);
          let junk = [];
          for (let i = 0; i < 100_000; i++) junk.push({ i, s: `x${i}` });
          junk = null;
          await new Promise((r) => setTimeout(r, 0));
          n++;
        } while (window.__leaks.nodes().collected < window.__leaks.nodes().watched && Date.now() < stop);
        return n;
      });
    }
    const now = await read();
    if (now.collected >= now.watched || Date.now() > end) {
      return { ...now, how: env.can.listenerMetrics ? 'forced GC (DevTools)' : `awaited GC (${rounds} allocation rounds)` };
    }
  }
}
