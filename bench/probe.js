// Injected into every benchmark page before its own scripts: when the cards exist and are painted,
// clicks to next paint, layout shifts and long tasks, all on the page's own clock (ms since navigation).
(() => {
  const want = Number(new URLSearchParams(location.search).get('cards') ?? 1);
  const bench = (window.__bench = { want, exist: null, painted: null, clicks: [], shifts: [], longTasks: [] });

  // Cards draw into shadow roots, which a document observer does not see: observe each root as it is made.
  const roots = [document];
  const count = () => roots.reduce((n, root) => n + root.querySelectorAll('.card').length, 0);
  const check = () => {
    if (bench.exist !== null || count() < want) return;
    bench.exist = performance.now();
    observer.disconnect();
    // The first frame runs after the content exists; the second starts once that one is painted.
    requestAnimationFrame(() => requestAnimationFrame(() => { bench.painted = performance.now(); }));
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (bench.exist === null) {
      roots.push(root);
      observer.observe(root, { childList: true, subtree: true });
    }
    return root;
  };

  // Click (capture on window, before the card's handler) to the frame after its effects are painted.
  addEventListener('click', () => {
    const click = { start: performance.now(), painted: null };
    bench.clicks.push(click);
    requestAnimationFrame(() => setTimeout(() => { click.painted = performance.now(); }));
  }, true);

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.shifts.push({ at: e.startTime, value: e.value, input: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ at: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();
