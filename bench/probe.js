// Injected into every benchmark page before its own scripts: when the cards are painted and clickable, when one opens, clicks, layout shifts and long tasks, all on the page's own clock (ms since navigation).
(() => {
  const want = Number(new URLSearchParams(location.search).get('cards') ?? 1);
  const bench = (window.__bench = {
    want,
    firstExist: null, // the first card is in the DOM and styled
    firstPainted: null, // ... and a frame showing it has been painted
    exist: null, // the same for all `want` cards
    painted: null,
    defined: null, // the card's custom element is defined (its shell listens for clicks)
    clickPoint: null, // { x, y, at, inView }: the first card's toggle, once a reader's click would reach a handler
    clicks: [],
    opens: [],
    shifts: [],
    longTasks: [],
  });
  const now = () => performance.now();
  const HOSTS = 'news-card, vanilla-card';

  // Every card on the page, in document order: (a)'s in light DOM, the others in their hosts'
  // shadow roots, whether attached by script (b, c) or by the parser (d's declarative roots).
  const cards = () => {
    const hosts = document.querySelectorAll(HOSTS);
    if (!hosts.length) return [...document.querySelectorAll('article.card')];
    return [...hosts].map((h) => h.shadowRoot?.querySelector('.card')).filter(Boolean);
  };
  // Styled: every stylesheet <link> of the card's tree has loaded ((a) links news-card.css, and
  // a card prerendered with --css-href would); one painted before that would be painted
  // unstyled, which is not "painted". (d)'s default inline <style> is there with its markup.
  const styled = (card) => [...card.getRootNode().querySelectorAll('link[rel~="stylesheet"]')].every((l) => l.sheet);

  let firstCard = null; // kept here, not on __bench (a node does not serialise): see __benchSameCard
  window.__benchSameCard = () => {
    const card = cards()[0];
    return card !== undefined && card === firstCard && card.isConnected;
  };

  // The frame after the one that drew what is in the DOM now: from outside a frame (a mutation)
  // two animation frames, from inside one (its rAF callback, before it paints) the next.
  const afterPaint = (inFrame, done) => {
    if (inFrame) requestAnimationFrame(() => done(now()));
    else requestAnimationFrame(() => requestAnimationFrame(() => done(now())));
  };

  const check = (inFrame) => {
    const all = cards();
    const first = all[0];
    if (bench.firstExist === null && first && styled(first)) {
      bench.firstExist = now();
      firstCard = first;
      if (first.getRootNode() !== document) watchOpen(first.getRootNode());
      afterPaint(inFrame, (t) => { bench.firstPainted = t; });
    }
    if (bench.exist === null && all.length >= want && all.every(styled)) {
      bench.exist = now();
      afterPaint(inFrame, (t) => { bench.painted = t; });
    }
    // A click reaches the card once its toggle is painted and, for a custom element, once the
    // element is defined; a prerendered card's toggle is a native <summary>, which the browser
    // opens before news-card.js runs (the shell takes that state over when it hydrates).
    if (bench.clickPoint === null && bench.firstExist !== null) {
      const host = first.getRootNode().host;
      const toggle = first.querySelector('.toggle');
      const rect = toggle?.getBoundingClientRect();
      const native = toggle?.localName === 'summary' && host && !customElements.get(host.localName);
      // Scripts run before the page's own stylesheets have loaded (rendering waits for them,
      // the parser does not): a point read earlier is where the toggle is not drawn.
      const laidOut = styled(document.documentElement);
      if (laidOut && rect && rect.width > 0 && (!host || native || customElements.get(host.localName))) {
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        bench.clickPoint = { x, y, at: now(), inView: y > 0 && y < innerHeight && x > 0 && x < innerWidth };
      }
    }
  };
  const done = () => bench.painted !== null && bench.firstPainted !== null && bench.clickPoint !== null;

  // Mutations find the cards as soon as they exist; the frame loop catches what no mutation
  // announces (a stylesheet loading, the element being defined) and stops once all is known.
  const observer = new MutationObserver(() => check(false));
  observer.observe(document, { childList: true, subtree: true });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    observer.observe(root, { childList: true, subtree: true });
    return root;
  };
  const frame = () => {
    check(true);
    if (done()) observer.disconnect();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  for (const name of ['news-card', 'vanilla-card']) {
    customElements.whenDefined(name).then(() => { bench.defined ??= now(); check(false); });
  }

  // A card opened: an `open` attribute appeared (the host's, (a)'s <details>, or the <details>
  // in a card's shadow root, which the browser opens itself for a click on a prerendered card
  // not yet hydrated) with the full text visible, whichever came first for that card; then the
  // frame after that is painted, as for clicks below.
  const opened = new WeakSet();
  const openObserver = new MutationObserver((records) => {
    for (const { target } of records) {
      const card = target.getRootNode().host ?? target;
      if (opened.has(card) || !target.hasAttribute('open')) continue;
      const body = (target.shadowRoot ?? target).querySelector('.body');
      if (!body?.checkVisibility()) continue;
      opened.add(card);
      const open = { at: now(), painted: null, index: [...document.querySelectorAll(`${HOSTS}, details`)].indexOf(card) };
      bench.opens.push(open);
      requestAnimationFrame(() => setTimeout(() => { open.painted = now(); }));
    }
  });
  const watchOpen = (node) => openObserver.observe(node, { attributes: true, attributeFilter: ['open'], subtree: true });
  watchOpen(document);

  // Click (capture on window, before the card's handler) to the frame after its effects are painted.
  addEventListener('click', (event) => {
    // What was hit, inside shadow roots too (for a click that opened nothing).
    const hit = event.composedPath()[0];
    const click = { start: now(), painted: null, target: hit?.localName && `${hit.localName}.${hit.className}` };
    bench.clicks.push(click);
    requestAnimationFrame(() => setTimeout(() => { click.painted = now(); }));
  }, true);

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.shifts.push({ at: e.startTime, value: e.value, input: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ at: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();
