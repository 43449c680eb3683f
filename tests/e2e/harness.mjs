// The engine-neutral end-to-end helper: one Page API over Playwright (Chromium, Firefox) and WebDriver (WebKit).
//
// Specs are written once against this surface and run in every engine of ENGINES:
//
//   const env = await start('firefox');          // server + browser; env.engine, env.can
//   const env = await start('webkit', { mounts: { '/': 'built/site' }, csp }) // another site, CSP
//   const page = await env.open('fixtures/two.html', { viewport, reducedMotion, media, mounted, javaScript });
//                                                // no path: client.html, the client-rendered demo page
//                                                // a whole URL: a page another server serves (no probe in it)
//                                                // mounted: false does not wait for the cards;
//                                                // javaScript: false runs none of the page's scripts
//   await page.evaluate((arg) => ..., arg);      // in the page; may return a promise
//   await page.inCard((root, arg) => ..., arg, i) // inside the i-th <news-card>'s shadow root
//   await page.waitFor((arg) => ..., arg, { timeout })
//   await page.mounted();                        // every <news-card> has its card
//   await page.drain();                          // every load the page started has ended, and the page has had it
//   env.requests()                               // what the server was asked for so far: [{ url, outcome }]
//   await env.requested('part'); env.release('name') // a request for a URL with `part` was taken; answer ?hold=name
//   await page.click('.toggle', i);        // a real click on an element in card i
//   await page.press('Tab' | 'Enter' | 'Space'); // a real key press
//   await page.addScript(source);                // runs a script despite the page's CSP (axe-core)
//   await page.screenshot('name', { card: i });  // PNG of card i (or the page) -> test-output/name-ENGINE.png
//   await page.problems();                       // console errors, uncaught errors, CSP violations
//   await page.recorded();                       // the same as the in-page probe saw them: each once, any engine
//   await page.clearProblems();                  // forget what problems() and recorded() have seen so far
//   await page.evaluate(() => window.__cardErrors) // every news-card-error that reached the document (probe.js)
//   await page.listenerCount();                  // JS event listeners after a GC; only if env.can.listenerMetrics
//   await page.counters();                       // { nodes, listeners } once GCs agree; only if env.can.listenerMetrics
//   const held = env.hold('/news-card.css');     // the server answers that path only once
//   await held.requested; held.release();        // released (requested: its first request came)
//   await page.close(); await env.stop();
//
// Helpers the specs share (below): htmlPage({ title, head, body, icon }) a test page's HTML;
// recordToggles(page, selector) / recordedToggles(page, { full }) / TOGGLE_RECORDER the toggle
// events; disclosureState(page, i) card i's disclosure as a reader meets it; pixelDiff(a, b,
// { tolerance }) PNGs compared; layoutShift(page, since) the layout shift; collectGarbage(page,
// until, arg, { timeout }) a GC until a page condition holds.
//
// Functions passed to evaluate/inCard/waitFor are sent as source: they cannot close over test
// variables; pass what they need as the (JSON) argument.
//
// What an engine's tools cannot do is declared in `env.can`, never skipped silently:
//   can.printMedia       emulated print media (open(path, { media: 'print' }))
//   can.listenerMetrics  counts of live event listeners and DOM nodes (Chromium's DevTools protocol)
//   can.disableJavaScript  open(path, { javaScript: false }) (Playwright's Firefox ignores it: refuse
//                        the page's scripts with a CSP there instead)
import { chromium, firefox } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { serve } from '../../tools/serve.mjs';
import { startWebKit } from './webdriver.mjs';

export const OUTPUT = 'test-output';

/** The engines to run, from E2E_ENGINES (comma-separated); all three by default. */
export const ENGINES = (process.env.E2E_ENGINES ?? 'chromium,firefox,webkit').split(',').map((e) => e.trim()).filter(Boolean);

const PROBE = '/__e2e/probe.js';
// The page open() loads by default: the demo page with the card rendered in the browser (the
// specs test the shell and the wasm building the card; index.html, the same page with the card
// prerendered, is the prerender spec's and Lighthouse's).
export const CLIENT_PAGE = 'client.html';
const DEFAULT_VIEWPORT = { width: 800, height: 900 };
// Most forced GCs counters() runs before it takes the counts as they are (see counters()).
const SETTLE_GCS = 10;

/** An expression that calls `fn` (a function or its source) with JSON arguments. */
function call(fn, ...args) {
  return `(${fn})(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(', ')})`;
}

/** An expression for the shadow root of the `index`th <news-card>. */
const cardRoot = (index) => `document.querySelectorAll('news-card')[${Number(index)}].shadowRoot`;

/** The engine-neutral part of a page; backends supply run, click, press, shot and close. */
class Page {
  constructor(engine) { this.engine = engine; }

  evaluate(fn, arg) { return this.run(call(fn, arg)); }

  inCard(fn, arg, index = 0) { return this.run(`(${fn})(${cardRoot(index)}, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`); }

  async waitFor(fn, arg, { timeout = 10_000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > end) throw new Error(`${this.engine}: timed out after ${timeout} ms waiting for ${fn}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  mounted() {
    return this.waitFor(() => [...document.querySelectorAll('news-card')].every((el) => el.shadowRoot?.querySelector('.card')));
  }

  /**
   * Waits until every request the page has sent has been answered or dropped, and the page has
   * had the answers: what a spec waits for before saying that a load did not land (or that it
   * did, and nothing more came of it). In three steps, each a signal rather than a delay:
   *   1. the page fetches a sentinel and waits for it: requests to one origin leave the browser
   *      in the order they were made, so every request the page made before it has reached the
   *      server by the time it is served (or was cancelled in the browser and never will);
   *   2. the server has ended every request it took: sent the whole response, or seen the
   *      page drop it (an aborted fetch closes its connection);
   *   3. the page fetches a second sentinel, sent after those responses were written, and then
   *      runs two zero-delay tasks: what the shell does with a response it has read (microtasks
   *      and tasks queued from them) has run by then.
   */
  async drain({ timeout = 10_000 } = {}) {
    const sentinel = () => this.evaluate(async (url) => {
      await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
      return true;
    }, `${PROBE}?drain=${++this.env.drains}`);
    await sentinel();
    await this.env.idle({ timeout });
    await sentinel();
    await this.run('new Promise((r) => setTimeout(() => setTimeout(() => r(true), 0), 0))');
  }

  /**
   * Two animation frames: what was changed has been laid out and painted. With JavaScript off
   * the engines run no animation-frame or timer callback, not even the driver's; the signals
   * are the driver's own instead: the page has loaded (Playwright's goto and WebDriver's
   * navigate return once the load event has fired; waited for again here where the driver can),
   * and two screenshots in a row are the same. Taking a screenshot makes the engine paint what
   * the page is now (Chromium composites a fresh frame for it, WebKit paints the view into the
   * snapshot), so two equal ones mean the change has been painted and nothing, a transition
   * included, is still moving.
   */
  async frames() {
    if (this.javaScript !== false) return this.run('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
    await this.loaded?.();
    const end = Date.now() + 10_000;
    let last = await this.viewportShot();
    for (;;) {
      const now = await this.viewportShot();
      if (now.equals(last)) return true;
      if (Date.now() > end) throw new Error(`${this.engine}: the page kept changing for 10 s (screenshots differ)`);
      last = now;
    }
  }

  async problems() {
    return [...(this.console ?? []), ...await this.recorded()];
  }

  /**
   * What probe.js recorded in the page, in every engine: console.error calls, uncaught errors and
   * CSP violations, each once (problems() adds what the driver saw, so may list a message twice).
   */
  recorded() { return this.run('window.__problems ?? ["the error probe did not load"]'); }

  async clearProblems() {
    if (this.console) this.console.length = 0;
    await this.run('(window.__problems.length = 0, true)');
  }

  /**
   * axe-core's violations on the page, as `id: help (targets)` lines (none: []). With `perCard`,
   * each <news-card> is checked on its own, prefixed with its id: for fixtures that show one
   * article several times, which a real page would not (its landmarks are unique per card only).
   */
  async axe({ perCard = false } = {}) {
    // Injected by the driver, outside the page's CSP, which (rightly) forbids inline scripts.
    await this.addScript(await readFile('node_modules/axe-core/axe.min.js', 'utf8'));
    return this.evaluate(async (each) => {
      const line = (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`;
      if (!each) return (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map(line);
      const found = [];
      for (const card of document.querySelectorAll('news-card')) {
        const result = await window.axe.run(card, { resultTypes: ['violations'] });
        for (const v of result.violations) found.push(`${card.id}: ${line(v)}`);
      }
      return found;
    }, perCard);
  }

  async screenshot(name, { card } = {}) {
    await this.frames();
    const png = await this.shot(card);
    await writeFile(`${OUTPUT}/${name}-${this.engine}.png`, png);
    return png;
  }

  async listenerCount() { return (await this.counters()).listeners; }

  counters() {
    throw new Error(`${this.engine}: no event-listener or node metrics (check env.can.listenerMetrics first)`);
  }
}

/** Chromium or Firefox through Playwright: a fresh browser context per page. */
class PlaywrightPage extends Page {
  static async open(env, browser, url, { viewport, media, reducedMotion, javaScript = true }) {
    const context = await browser.newContext({ viewport, javaScriptEnabled: javaScript });
    const page = new PlaywrightPage(env.engine);
    page.env = env;
    page.javaScript = javaScript;
    page.pw = await context.newPage();
    page.console = [];
    page.pw.on('console', (m) => m.type() === 'error' && page.console.push(m.text()));
    page.pw.on('pageerror', (e) => page.console.push(String(e)));
    if (media || reducedMotion) await page.pw.emulateMedia({ media, reducedMotion });
    await page.pw.goto(url);
    return page;
  }

  run(expression) { return this.pw.evaluate(expression); }

  addScript(source) { return this.pw.evaluate(source); }

  click(selector, index = 0) { return this.pw.locator('news-card').nth(index).locator(selector).click(); }

  press(key) { return this.pw.keyboard.press(key); }

  loaded() { return this.pw.waitForLoadState('load'); }

  viewportShot() { return this.pw.screenshot(); }

  shot(card) {
    return card === undefined
      ? this.pw.screenshot({ fullPage: true })
      : this.pw.locator('news-card').nth(card).screenshot();
  }

  /**
   * Node and listener counts once the heap has settled. Blink's Nodes counter drops only when
   * Oilpan finalizes a node, and one forced GC can leave what the next one frees: nodes swept
   * after the GC's reply, or kept by work the page still has queued (a FinalizationRegistry
   * callback, a pending frame). So collect, let the page run a task (and a frame, where it
   * renders), read, and repeat until two readings in a row agree: at least two GCs, at most
   * SETTLE_GCS. A real leak reads the same every time and still shows; `byGc` is every reading.
   */
  async counters() {
    if (this.engine !== 'chromium') return super.counters();
    this.cdp ??= await this.pw.context().newCDPSession(this.pw);
    await this.cdp.send('Performance.enable');
    const byGc = [];
    for (let gc = 0; gc < SETTLE_GCS; gc++) {
      await this.cdp.send('HeapProfiler.collectGarbage');
      // setTimeout as well: a page that does not render gets no animation frame.
      await this.run('new Promise((r) => { requestAnimationFrame(() => setTimeout(r, 0)); setTimeout(r, 100); })');
      const { metrics } = await this.cdp.send('Performance.getMetrics');
      const get = (name) => metrics.find((m) => m.name === name).value;
      byGc.push([get('Nodes'), get('JSEventListeners')]);
      if (gc > 0 && String(byGc[gc]) === String(byGc[gc - 1])) break;
    }
    const [nodes, listeners] = byGc.at(-1);
    return { nodes, listeners, byGc: byGc.map(([n, l]) => `${n}/${l}`).join(' ') };
  }

  close() { return this.pw.context().close(); }
}

/** WebKit through WebKitWebDriver: one MiniBrowser session, navigated afresh for each page. */
class WebDriverPage extends Page {
  static async open(env, session, url, { viewport }) {
    const page = new WebDriverPage(env.engine);
    page.env = env;
    page.session = session;
    await session.navigate('about:blank');
    await page.resize(viewport);
    await session.navigate(url);
    return page;
  }

  /** Sizes the window so that the viewport (not the window) is `width` x `height`. */
  async resize({ width, height }) {
    const s = this.session;
    if (s.viewport?.width === width && s.viewport?.height === height) return;
    const inner = () => s.execute('return [innerWidth, innerHeight]');
    // GTK resizes asynchronously: after each request, wait for the page to see a new size,
    // then correct by what the window's own chrome takes.
    let got = await inner();
    for (let attempt = 0; attempt < 5 && (got[0] !== width || got[1] !== height); attempt++) {
      const rect = await s.send('GET', '/window/rect');
      await s.setWindowRect({ width: rect.width + width - got[0], height: rect.height + height - got[1] });
      const before = got;
      const end = Date.now() + 2000;
      do {
        await new Promise((r) => setTimeout(r, 20));
        got = await inner();
      } while (got[0] === before[0] && got[1] === before[1] && Date.now() < end);
      // ...and for it to settle (width and height can arrive in separate steps).
      for (let last = null; String(last) !== String(got) && Date.now() < end + 2000;) {
        last = got;
        await new Promise((r) => setTimeout(r, 100));
        got = await inner();
      }
    }
    if (got[0] !== width || got[1] !== height) throw new Error(`webkit: viewport ${got} instead of ${width}x${height}`);
    s.viewport = { width, height };
  }

  run(expression) { return this.session.execute(`return ${expression};`); }

  // A WebDriver script is a function body: publish what a library declares at its top level.
  addScript(source) { return this.session.execute(`${source}\n;if (typeof axe !== 'undefined') window.axe = axe;`); }

  async click(selector, index = 0) {
    const element = await this.session.execute(`return ${cardRoot(index)}.querySelector(arguments[0])`, [selector]);
    if (!element) throw new Error(`webkit: no ${selector} in card ${index}`);
    await this.session.click(element);
  }

  press(key) { return this.session.press(key); }

  viewportShot() { return this.session.screenshot(); }

  // Element screenshots come back black in WebKitGTK: take the viewport and crop the card,
  // after growing the window so that the whole card (or page) is inside the viewport.
  async shot(card) {
    const box = await this.run(`(() => {
      const el = ${card === undefined ? 'document.documentElement' : cardRoot(card) + '.host'};
      const r = el.getBoundingClientRect();
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height,
        docHeight: document.documentElement.scrollHeight, dpr: devicePixelRatio };
    })()`);
    const saved = this.session.viewport;
    const needed = Math.ceil(Math.max(box.y + box.height, card === undefined ? box.docHeight : 0));
    if (needed > saved.height) await this.resize({ width: saved.width, height: needed });
    await this.run('(scrollTo(0, 0), true)');
    await this.frames();
    const full = PNG.sync.read(await this.session.screenshot());
    if (needed > saved.height) await this.resize(saved);
    const d = box.dpr;
    const x = Math.round(box.x * d), y = Math.round(box.y * d);
    const w = Math.min(Math.round(box.width * d), full.width - x), h = Math.min(Math.round(box.height * d), full.height - y);
    const out = new PNG({ width: w, height: h });
    PNG.bitblt(full, out, x, y, w, h, 0, 0);
    return PNG.sync.write(out);
  }

  close() { return this.session.navigate('about:blank'); }
}

// ---- Helpers the specs share: pages, toggles, the disclosure, pixels, layout shift, GC ---------

/** A test page: `body` in a UTF-8 document titled `title`, `head` extra; its `icon` a data: URL by default, so that no engine asks the server for a favicon. */
export const htmlPage = ({ title = 'Test page', lang = 'en', head = '', body = '', icon = 'data:,' }) => `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="${icon}">${head}</head>
<body>
${body}
</body>
</html>
`;

/** In the page: records the toggle events of elements matching `selector` into window.__toggles as { id, type, oldState, newState, open }; one capturing listener, however often it runs. */
function installToggleRecorder(selector) {
  window.__toggles = [];
  if (window.__toggleRecorder) return true;
  window.__toggleRecorder = true;
  // toggle does not bubble; a capturing listener on the document still sees it.
  document.addEventListener('toggle', (e) => {
    if (e.target.matches?.(selector)) {
      window.__toggles.push({ id: e.target.id, type: e.constructor.name, oldState: e.oldState, newState: e.newState, open: e.target.open });
    }
  }, true);
  return true;
}

/** The toggle recorder as a classic script, for pages that must record before the module runs (or without a driver's help): <news-card> toggles. */
export const TOGGLE_RECORDER = `(${installToggleRecorder})('news-card');\n`;

/** Starts window.__toggles afresh: the toggle events of the elements matching `selector` from now on. */
export const recordToggles = (page, selector = 'news-card') => page.evaluate(installToggleRecorder, selector);

/** The toggle events recorded so far (recordToggles or TOGGLE_RECORDER): their newState, or the whole records with `{ full: true }`. */
export const recordedToggles = async (page, { full = false } = {}) => {
  const all = await page.evaluate(() => window.__toggles);
  return full ? all : all.map((t) => t.newState);
};

/** Card `index`'s disclosure as a reader and assistive technology meet it: { expanded (its details' open), labels (the toggle labels shown), bodyVisible, hostOpen }. */
export const disclosureState = (page, index = 0) => page.inCard((root) => {
  const summary = root.querySelector('.toggle');
  const body = summary.parentElement.querySelector('[part~="body"]');
  return {
    expanded: summary.parentElement.open,
    labels: [...summary.querySelectorAll('.toggle-label')].filter((l) => l.checkVisibility()).map((l) => l.textContent),
    bodyVisible: body.checkVisibility() && body.getBoundingClientRect().height > 0,
    hostOpen: root.host.hasAttribute('open'),
  };
}, undefined, index);

/** How many pixels of two PNGs differ by more than `tolerance` levels in a channel (all of them when their sizes differ). */
export function pixelDiff(a, b, { tolerance = 0 } = {}) {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (x.width !== y.width || x.height !== y.height) return Math.max(x.width * x.height, y.width * y.height);
  let n = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(x.data[i + c] - y.data[i + c]) > tolerance) { n++; break; }
    }
  }
  return n;
}

/** The page's layout shift since `since` (ms, performance.now()), not counting shifts after input; null where the engine reports none (only Chromium has layout-shift entries). */
export const layoutShift = (page, since = 0) => page.evaluate((since) => {
  if (!PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) return null;
  let sum = 0;
  const add = (entries) => { for (const e of entries) if (!e.hadRecentInput && e.startTime >= since) sum += e.value; };
  const o = new PerformanceObserver((list) => add(list.getEntries()));
  o.observe({ type: 'layout-shift', buffered: true });
  add(o.takeRecords());
  o.disconnect();
  return sum;
}, since);

/**
 * Collects garbage until `until(arg)` (a page function, say a FinalizationRegistry's report) is
 * true, or `timeout` ms pass: resolves to { done, how }, and a caller asserts `done`. Chromium
 * forces GCs (DevTools). Firefox and WebKit give a page no way to force one: short-lived
 * allocations, a task at a time, in slices under the WebDriver script timeout, with the stack
 * scrubbed first (JavaScriptCore scans it conservatively, and a stale slot keeps what it points to).
 */
export async function collectGarbage(page, until, arg, { timeout = 20_000 } = {}) {
  const slice = async (until, arg) => {
    const stop = Date.now() + 2000;
    let n = 0;
    const scrub = (k) => { const a = [k], b = [k], c = [k]; return k > 0 ? scrub(k - 1) + a.length + b.length + c.length : 0; };
    while (!(await until(arg)) && Date.now() < stop) {
      scrub(2000);
      let junk = [];
      for (let i = 0; i < 100_000; i++) junk.push({ i, s: `x${i}` });
      junk = null;
      await new Promise((r) => setTimeout(r, 0));
      n++;
    }
    return n;
  };
  const forced = page.engine === 'chromium';
  const end = Date.now() + timeout;
  let rounds = 0;
  for (;;) {
    if (forced) await page.counters();
    rounds += await page.run(`(${slice})(${until}, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`);
    const done = await page.run(`(async () => Boolean(await (${until})(${arg === undefined ? 'undefined' : JSON.stringify(arg)})))()`);
    if (done || Date.now() > end) return { done, how: forced ? 'forced GC (DevTools)' : `awaited GC (${rounds} allocation rounds)` };
  }
}

// ---- The native prerenderer, for specs of prerendered cards ------------------------------------

const execFileP = promisify(execFile);
const RENDERER = 'target/release/news-card';
let built = null;
/** Runs the native `news-card` command (built once per test process) with `args`; resolves to its output, trimmed. */
export async function newsCard(...args) {
  built ??= execFileP('cargo', ['build', '-q', '--release', '-p', 'news-card-cli']);
  await built;
  return (await execFileP(RENDERER, args, { maxBuffer: 64 << 20 })).stdout.trim();
}
/** The prerendered element for `args` (the embedded article when no file is given), linking /news-card.css. */
export const renderLinked = (...args) => newsCard('render', '--css-href', '/news-card.css', ...args);
/** What a page's style-src needs for the prerendered card's inline stylesheet (`news-card csp`). */
export const styleSrcOfCard = () => newsCard('csp');
/** Waits until `count` cards have been hydrated (the shell's `news-card:hydrate` user-timing measures). */
export const hydrated = (page, count = 1, options = {}) =>
  page.waitFor((n) => performance.getEntriesByName('news-card:hydrate').length >= n, count, options);

async function launchPlaywright(engine, { reducedMotion } = {}) {
  if (engine === 'chromium') {
    return chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // Without these Chromium keeps trying to reach the network, which these machines refuse.
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
    });
  }
  // Playwright drives Debian's Firefox ESR over WebDriver BiDi, where its media emulation does
  // nothing; reduced motion is Firefox's own preference instead, so it takes its own browser.
  return firefox.launch({
    channel: 'moz-firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    firefoxUserPrefs: { 'ui.prefersReducedMotion': reducedMotion === 'reduce' ? 1 : 0 },
  });
}

/**
 * Starts the server (www/ at /, test pages at /fixtures/, the article at /content/, Bootstrap at
 * /vendor/bootstrap/) and `engine`'s browser. Returns the environment specs open pages from.
 * `mounts` adds or replaces folders ({ '/': 'some/dir' } serves a built site instead of www/);
 * `csp` replaces the pages' Content-Security-Policy (a page embedding a card from another origin).
 */
export async function start(engine, { mounts = {}, csp } = {}) {
  const gates = new Map(); // see hold()
  const server = await serve({
    '/': 'www',
    '/fixtures/': 'tests/fixtures',
    '/content/': 'content',
    '/vendor/bootstrap/': 'node_modules/bootstrap/dist/css',
    ...mounts,
    '/__e2e/': 'tests/e2e',
  }, { inject: PROBE, gates, ...(csp ? { csp } : {}) });
  await mkdir(OUTPUT, { recursive: true });
  const cleanups = [() => new Promise((ok) => server.close(ok))];
  // Held requests are let go before the server closes (it waits for open connections).
  cleanups.push(async () => { for (const gate of gates.values()) gate.release(); });
  const stop = async () => { for (const f of cleanups.reverse()) await f().catch(() => {}); };
  // A path on the harness's server, or a whole URL (a page another server serves, such as an example's).
  const url = (path = '') => (/^https?:\/\//.test(path) ? path : server.url + path);
  /** Holds the server's answers for `path` until release(); `requested` resolves at its first request. */
  const hold = (path) => {
    const gate = {};
    gate.requested = new Promise((ok) => { gate.arrived = ok; });
    gate.released = new Promise((ok) => { gate.release = () => { gates.delete(path); ok(); }; });
    gates.set(path, gate);
    return gate;
  };
  // Every request the server has taken, in order, and how it ended: 'sent' (the whole response
  // written) or 'dropped' (the connection closed first: the page aborted the fetch, or the
  // server reset it). serve()'s handler is wrapped: a request with ?hold=NAME waits, its
  // connection open, until release(NAME), so a spec decides when an answer comes.
  const log = [];
  const held = new Map(); // NAME -> answers waiting for release(NAME)
  const [handler] = server.listeners('request');
  server.removeListener('request', handler);
  server.on('request', (req, res) => {
    const entry = { url: req.url, outcome: null };
    entry.ended = new Promise((ok) => res.once('close', () => { entry.outcome = res.writableFinished ? 'sent' : 'dropped'; ok(); }));
    log.push(entry);
    const name = new URL(req.url, 'http://x').searchParams.get('hold');
    if (name === null) return handler(req, res);
    if (!held.has(name)) held.set(name, []);
    held.get(name).push(() => { if (!res.destroyed) handler(req, res); });
  });
  const requests = () => log.map(({ url, outcome }) => ({ url, outcome }));
  /** Answers the requests held under `name` so far (see above). */
  const release = (name) => {
    for (const answer of held.get(name) ?? []) answer();
    held.set(name, []);
  };
  cleanups.push(async () => { for (const name of held.keys()) release(name); });
  /** Resolves once the server has taken a request whose URL includes `part`. */
  const requested = async (part, { timeout = 10_000 } = {}) => {
    const end = Date.now() + timeout;
    while (!log.some((e) => e.url.includes(part))) {
      if (Date.now() > end) throw new Error(`${engine}: no request for ${part} within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  /** Resolves once every request the server has taken has ended (see Page.drain()). */
  const idle = async ({ timeout = 10_000 } = {}) => {
    const end = Date.now() + timeout;
    for (let open; (open = log.filter((e) => e.outcome === null)).length;) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`${engine}: requests still open after ${timeout} ms: ${open.map((e) => e.url).join(', ')}`);
      let timer;
      await Promise.race([Promise.all(open.map((e) => e.ended)), new Promise((r) => { timer = setTimeout(r, left); })]);
      clearTimeout(timer);
    }
  };

  try {
    if (engine === 'chromium' || engine === 'firefox') {
      // One browser per reduced-motion setting (only Firefox needs the second).
      const browsers = new Map();
      const browser = async (reducedMotion) => {
        const key = engine === 'firefox' ? reducedMotion ?? 'no-preference' : 'any';
        if (!browsers.has(key)) {
          const b = await launchPlaywright(engine, { reducedMotion });
          browsers.set(key, b);
          cleanups.push(() => b.close());
        }
        return browsers.get(key);
      };
      await browser();
      const can = { printMedia: engine === 'chromium', listenerMetrics: engine === 'chromium', disableJavaScript: engine === 'chromium' };
      const env = {
        engine, can, url, stop, hold, requests, requested, release, idle, drains: 0,
        async open(path = CLIENT_PAGE, { viewport = DEFAULT_VIEWPORT, media, reducedMotion, mounted = true, javaScript = true } = {}) {
          if (media && !can.printMedia) throw new Error(`${engine}: cannot emulate media ${media}`);
          if (!javaScript && !can.disableJavaScript) throw new Error(`${engine}: cannot turn JavaScript off`);
          const b = await browser(reducedMotion);
          const page = await PlaywrightPage.open(env, b, url(path), {
            viewport, media, reducedMotion: engine === 'chromium' ? reducedMotion : undefined, javaScript,
          });
          if (mounted) await page.mounted();
          return page;
        },
      };
      return env;
    }
    if (engine === 'webkit') {
      // One MiniBrowser per reduced-motion setting, and one with JavaScript off (a setting of
      // the browser, not of a page).
      const sessions = new Map();
      const session = async (reducedMotion = 'no-preference', javaScript = true) => {
        const key = `${reducedMotion} ${javaScript}`;
        if (!sessions.has(key)) {
          const s = await startWebKit({ reducedMotion: reducedMotion === 'reduce', javaScript });
          sessions.set(key, s);
          cleanups.push(s.stop);
        }
        return sessions.get(key);
      };
      await session();
      const can = { printMedia: false, listenerMetrics: false, disableJavaScript: true };
      const env = {
        engine, can, url, stop, hold, requests, requested, release, idle, drains: 0,
        async open(path = CLIENT_PAGE, { viewport = DEFAULT_VIEWPORT, media, reducedMotion, mounted = true, javaScript = true } = {}) {
          if (media) throw new Error('webkit: WebKitWebDriver cannot emulate media');
          const page = await WebDriverPage.open(env, await session(reducedMotion, javaScript), url(path), { viewport });
          page.javaScript = javaScript;
          if (mounted) await page.mounted();
          return page;
        },
      };
      return env;
    }
    throw new Error(`unknown engine ${engine} (chromium, firefox or webkit)`);
  } catch (error) {
    await stop();
    throw error;
  }
}
