// Benchmark: the card on a publisher's page as static HTML, vanilla JS, client-rendered and prerendered news-card, in headless Chromium; prints tables, writes bench/results.json and results.md.
// Usage: node bench/run.mjs [--runs 30] [--many-runs N] [--cards 100] [--lazy-runs 5] [--worst-runs 5] [--warmup 1]
//        [--settle 500] [--cache-control max-age=3600] [--www www] [--markdown]   (BENCH_RUNS sets --runs' default, --many-runs defaults to --runs;
//        ./build.sh bench builds first)
import { chromium } from 'playwright-core';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveBench } from './serve.mjs';
import { shippedSizes } from '../tools/sizes.mjs';
import { benchWorst } from './worst.mjs';
import { writeDist } from '../tools/dist.mjs';
import { ARMS, HOST_CSS, hostPage, prerender, styleSrc } from './pages.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '30' },
    'many-runs': { type: 'string' },
    cards: { type: 'string', default: '100' },
    'lazy-runs': { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    'worst-runs': { type: 'string', default: '5' },
    settle: { type: 'string', default: '500' },
    'cache-control': { type: 'string', default: 'max-age=3600' },
    // The built card to measure (its news-card.css, pkg/, pkg-render/): another checkout's www/
    // measures that one's code on this bench, for before/after runs.
    www: { type: 'string', default: 'www' },
    markdown: { type: 'boolean', default: false },
  },
});
const RUNS = Number(opts.runs);
const MANY_RUNS = Number(opts['many-runs'] ?? RUNS);
const CARDS = Number(opts.cards);
const LAZY_RUNS = Number(opts['lazy-runs']);
const WARMUP = Number(opts.warmup);
const WORST_RUNS = Number(opts['worst-runs']);
// After a card is interactive, how long layout shifts are still collected: a late one (a font,
// a stylesheet, a re-render) must land in the figure.
const SETTLE = Number(opts.settle);
const VIEWPORT = { width: 800, height: 900 };
const V = Object.keys(ARMS);
const SHORT = { a: 'no script', b: 'vanilla JS', c: 'client-rendered', d: 'prerendered' };
const started = Date.now();

// ---- measuring -----------------------------------------------------------------------------------

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
}

/** A fresh context and page with the probe, recording console problems and wasm requests. */
async function open(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems = [];
  // A warning counts too: a prerendered card that does not match is re-rendered with one.
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(String(e)));
  const wasm = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
  await page.addInitScript({ path: 'bench/probe.js' });
  return { context, page, problems, wasm };
}

/** The largest session window of layout shifts without recent input (CLS as Web Vitals defines it). */
function cls(shifts) {
  let best = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of shifts.filter((x) => !x.input).sort((p, q) => p.at - q.at)) {
    if (s.at - last > 1000 || s.at - first > 5000) { sum = 0; first = s.at; }
    sum += s.value;
    last = s.at;
    best = Math.max(best, sum);
  }
  return best;
}

// In the page: the user-timing and resource figures news-card.js and the browser leave.
const pageFigures = () => {
  const b = window.__bench;
  const end = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? m.startTime + m.duration : null; };
  const dur = (name) => performance.getEntriesByName(name)[0]?.duration ?? null;
  const wasm = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm'));
  return {
    firstExist: b.firstExist, firstPainted: b.firstPainted, exist: b.exist, painted: b.painted, defined: b.defined,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    init: dur('news-card:init'),
    // Navigation -> the first card ready for the wasm's toggles: mounted (c) or hydrated (d).
    ready: end('news-card:hydrate') ?? end('news-card:mount'),
    mount: dur('news-card:hydrate') ?? dur('news-card:mount'),
    hydrated: performance.getEntriesByName('news-card:hydrate').length,
    mounted: performance.getEntriesByName('news-card:mount').length,
    wasmAt: wasm[0]?.startTime ?? null,
    // The browser's first paint, and when hydration began: (d) must hydrate after that paint.
    firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null,
    hydrateStart: performance.getEntriesByName('news-card:hydrate')[0]?.startTime ?? null,
    shifts: b.shifts, clickPoint: b.clickPoint,
    longTasks: b.longTasks.length, longTaskMs: b.longTasks.reduce((s, t) => s + t.duration, 0),
    sameCard: window.__benchSameCard(),
  };
};

/**
 * One cold load, nobody clicking: paints, then (once the first card is interactive, plus SETTLE ms)
 * CLS; with one card, then toggle clicks to next paint, and memory.
 */
async function loadRun(browser, url, { arm, cards }) {
  const { context, page, problems, wasm } = await open(browser);
  try {
    await page.goto(`${url}?cards=${cards}`);
    await page.waitForFunction(() => window.__bench.painted !== null && window.__bench.firstPainted !== null, null, { timeout: 30_000 });
    // Interactive: (c) every card mounted, (d) the first card hydrated (the others sleep until near).
    if (arm === 'c') await page.waitForFunction((n) => performance.getEntriesByName('news-card:mount').length >= n, cards, { timeout: 30_000 });
    if (arm === 'd') await page.waitForFunction(() => performance.getEntriesByName('news-card:hydrate').length >= 1, null, { timeout: 30_000 });
    await sleep(SETTLE);
    const f = await page.evaluate(pageFigures);
    const run = { ...f, cls: cls(f.shifts), shiftSum: f.shifts.reduce((s, x) => s + x.value, 0), wasmRequests: wasm.length };
    delete run.shifts;
    // (d) must have been taken over in place: hydrated, never re-rendered, the same <article>.
    if (arm === 'd' && (!f.sameCard || f.mounted !== 0 || f.hydrated < 1)) {
      throw new Error(`(d) was not hydrated in place: sameCard=${f.sameCard} hydrated=${f.hydrated} mounted=${f.mounted}`);
    }
    if (cards === 1) {
      for (const n of [1, 2]) {
        await page.click('.toggle');
        await page.waitForFunction((k) => window.__bench.clicks.length === k && window.__bench.clicks[k - 1].painted !== null, n);
      }
      await sleep(50); // let shifts from the last toggle's frame be reported
      const after = await page.evaluate(() => window.__bench);
      run.openClick = after.clicks[0].painted - after.clicks[0].start;
      run.closeClick = after.clicks[1].painted - after.clicks[1].start;
      const firstClick = after.clicks[0].start;
      run.toggleCls = cls(after.shifts.filter((s) => s.at >= firstClick));
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      run.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      // The page's own module instance (the same URL imports the same module) says what its wasm holds.
      run.wasmMemory = arm === 'c' || arm === 'd'
        ? await page.evaluate(async () => (await (await import(document.querySelector('script[integrity]').src)).stats()).wasmMemoryBytes)
        : 0;
    }
    if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
    return run;
  } finally {
    await context.close();
  }
}

/**
 * One cold load with a reader who clicks the first card's toggle as early as a click can reach it
 * (painted, and the element defined), with real mouse input: navigation -> full text open and painted.
 */
async function clickRun(browser, url, { cards }) {
  const { context, page, problems } = await open(browser);
  try {
    await page.goto(`${url}?cards=${cards}`, { waitUntil: 'commit' });
    const point = await (await page.waitForFunction(() => window.__bench?.clickPoint, null, { polling: 'raf', timeout: 30_000 })).jsonValue();
    if (!point.inView) throw new Error(`${url}: the first toggle is not in the viewport (${point.x}, ${point.y})`);
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction(() => window.__bench.opens[0]?.painted != null, null, { timeout: 30_000 }).catch(async (error) => {
      const seen = await page.evaluate(() => ({ clicks: window.__bench.clicks, opens: window.__bench.opens }));
      throw new Error(`${url}: the early click opened nothing (${error.message}); ${JSON.stringify({ point, ...seen })}`);
    });
    const f = await page.evaluate(pageFigures);
    const b = await page.evaluate(() => ({ click: window.__bench.clicks[0], open: window.__bench.opens[0] }));
    if (b.open.index !== 0) throw new Error(`${url}: card ${b.open.index} opened, not the first`);
    if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
    return {
      clickable: point.at, click: b.click.start, open: b.open.at, opened: b.open.painted,
      firstPainted: f.firstPainted, defined: f.defined, ready: f.ready,
      // The click came before the card was hydrated or mounted: the shell queued it.
      queued: f.ready !== null && b.click.start < f.ready,
    };
  } finally {
    await context.close();
  }
}

/**
 * (d) with every card below the fold: no wasm may be fetched at load; scrolling one card near the
 * viewport must fetch it and hydrate that card (and its near neighbours) only.
 */
async function lazyRun(browser, url, cards) {
  const { context, page, problems, wasm } = await open(browser);
  try {
    await page.goto(`${url}?cards=${cards}`);
    await page.waitForFunction(() => window.__bench.painted !== null && window.__bench.defined !== null, null, { timeout: 30_000 });
    await sleep(1000); // time for a wrongly eager card to start the wasm
    const before = await page.evaluate(() => ({
      firstTop: document.querySelector('news-card').getBoundingClientRect().top,
      hydrated: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('news-card:')).length,
      wasmEntries: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length,
    }));
    const wasmBefore = wasm.length;
    const target = Math.floor(cards / 2);
    const scrolledAt = await page.evaluate((i) => {
      document.querySelectorAll('news-card')[i].scrollIntoView({ block: 'center' });
      return performance.now();
    }, target);
    await page.waitForFunction(() => performance.getEntriesByName('news-card:hydrate').length >= 1, null, { timeout: 30_000 });
    await sleep(SETTLE);
    const after = await page.evaluate(() => ({
      wasmAt: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime ?? null,
      ready: (() => { const m = performance.getEntriesByName('news-card:hydrate')[0]; return m.startTime + m.duration; })(),
      hydrated: performance.getEntriesByName('news-card:hydrate').length,
      mounted: performance.getEntriesByName('news-card:mount').length,
    }));
    if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
    return {
      belowFold: before.firstTop > VIEWPORT.height + 200,
      firstTop: before.firstTop,
      // Seen both ways: the browser's request events and the page's resource timing.
      wasmBeforeScroll: Math.max(wasmBefore, before.wasmEntries),
      measuresBeforeScroll: before.hydrated,
      wasmAfterScroll: wasm.length,
      scrollToWasm: after.wasmAt === null ? null : after.wasmAt - scrolledAt,
      scrollToHydrated: after.ready - scrolledAt,
      hydrated: after.hydrated,
      mounted: after.mounted,
    };
  } finally {
    await context.close();
  }
}

// ---- statistics and tables -----------------------------------------------------------------------

function stats(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
  if (!s.length) return null;
  const q = (f) => { const k = (s.length - 1) * f; const lo = Math.floor(k); return s[lo] + (s[Math.ceil(k)] - s[lo]) * (k - lo); };
  return { n: s.length, median: q(0.5), p90: q(0.9), min: s[0], max: s.at(-1) };
}

const ms = (x) => (x === null || x === undefined ? '-' : x.toFixed(1));
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
const cell = (s) => (s ? `${ms(s.median)} (${ms(s.p90)})` : '-');
const clsCell = (s) => (s ? `${s.median.toFixed(3)} (max ${s.max.toFixed(3)})` : '-');
// How many of `runs` began hydrating after the browser's first paint, of those that report both.
const afterPaint = (runs) => {
  const known = runs.filter((r) => r.firstPaint !== null && r.hydrateStart !== null);
  return `${known.filter((r) => r.hydrateStart > r.firstPaint).length}/${known.length}`;
};
const ratio = (x, y) => (x && y ? (x.median / y.median).toFixed(2) : '-');

// Every table also goes to bench/results.md as Markdown (for docs/benchmarks.md); --markdown prints that.
const markdown = [];
function printTable(title, head, rows, { quiet = false } = {}) {
  const mdLine = (r) => `| ${r.map((c) => String(c ?? '')).join(' | ')} |`;
  const md = [`${title}\n`, mdLine(head), `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map(mdLine)].join('\n');
  markdown.push(md);
  if (quiet) return; // already printed (the worst inputs, by worst.mjs)
  if (opts.markdown) {
    console.log(`\n${md}`);
    return;
  }
  const widths = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
  console.log(`\n${title}\n${line(head)}`);
  for (const r of rows) console.log(line(r));
}

// ---- main ----------------------------------------------------------------------------------------

// The native renderer writes (d)'s cards and names the hash their inline stylesheet needs.
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'news-card-cli'], {
  stdio: 'inherit', env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
});
const gen = await mkdtemp(join(tmpdir(), 'news-card-bench-'));
// (c) and (d) load what a publisher serves: dist/'s module (shell and glue bundled and minified,
// SRI-pinned, naming the hashed wasm), written from the card under test.
const dist = await writeDist({ www: opts.www, out: join(gen, 'dist'), base: '/gen/dist/' });
const module = dist.snippet.split('\n').find((l) => l.startsWith('<script'));
const server = await serveBench({ '/': opts.www, '/gen/': gen, '/fixtures/': 'tests/fixtures' },
  { cacheControl: opts['cache-control'], styleSrc: styleSrc() });
const browser = await launch();
try {
  const url = (path) => server.url + path;
  await writeFile(join(gen, 'host.css'), HOST_CSS);
  await writeFile(join(gen, 'plain.html'), `<!doctype html><meta charset="utf-8"><title>probe</title>${module}<news-card></news-card>`);

  // The strings the real card shows, so (a) and (b) carry exactly the same text.
  const context = await browser.newContext({ viewport: VIEWPORT });
  const probe = await context.newPage();
  await probe.goto(url('gen/plain.html'));
  await probe.waitForFunction(() => document.querySelector('news-card')?.shadowRoot?.querySelector('.card'));
  // The stylesheet as the card adopts it, so (b) styles with the very same rules.
  const css = await probe.evaluate(() => [...document.querySelector('news-card').shadowRoot.adoptedStyleSheets[0].cssRules]
    .map((r) => r.cssText).join('\n'));
  const text = (sel) => probe.locator(sel).first().evaluate((e) => e.textContent);
  const article = {
    title: await text('.title'),
    meta: await text('.meta'),
    summaryLabel: await text('.summary .label'),
    summary: await text('.summary p'),
    readMore: await text('.toggle-label.when-closed'),
    fullText: await probe.locator('.body').evaluate((e) => e.getAttribute('aria-label')),
    body: await probe.locator('.body p').evaluateAll((ps) => ps.map((p) => p.textContent)),
    authorLabel: await text('.author .label'),
    authorName: await text('.author-name'),
    authorBio: await text('.author-bio'),
  };
  // The card's markup closed and open, IDs made comparable.
  const cardOf = (tag) => probe.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('.card').outerHTML
    .replace(/"(?:nc|vc|ncp)\d+-/g, '"ID-'), tag);
  const realClosed = await cardOf('news-card');
  await probe.click('.toggle');
  article.readLess = await text('.toggle-label.when-open');
  const realOpen = await cardOf('news-card');
  await writeFile(join(gen, 'article.js'), `// Generated by bench/run.mjs from the real card.\nexport const article = ${JSON.stringify(article)};\nexport const css = ${JSON.stringify(css)};\n`);
  await copyFile('bench/vanilla-card.js', join(gen, 'vanilla-card.js'));

  // (d)'s cards from the native renderer, built now so they match this checkout (its digest must
  // equal the wasm's, or (d) would be re-rendered, which the load runs refuse), one per ID prefix.
  const prerendered = prerender(Math.max(CARDS, 1));
  const parts = { prerendered, module };
  const urls = {};
  const manyUrls = {};
  for (const v of V) {
    await writeFile(join(gen, `${v}1.html`), hostPage(v, 1, parts));
    await writeFile(join(gen, `${v}${CARDS}.html`), hostPage(v, CARDS, parts));
    urls[v] = url(`gen/${v}1.html`);
    manyUrls[v] = url(`gen/${v}${CARDS}.html`);
  }
  // The lazy check's page: the same cards after a lead long enough to put them all below the fold.
  await writeFile(join(gen, `d${CARDS}-lazy.html`), hostPage('d', CARDS, parts, { leadParagraphs: 16 }));
  const lazyUrl = url(`gen/d${CARDS}-lazy.html`);

  // (b) and (d) must show the very DOM (c) builds, or the comparison means nothing.
  for (const [tag, page] of [['vanilla-card', urls.b], ['news-card', urls.d]]) {
    await probe.goto(page);
    await probe.waitForFunction((t) => document.querySelector(t)?.shadowRoot?.querySelector('.card'), tag);
    if (tag === 'news-card') await probe.waitForFunction(() => performance.getEntriesByName('news-card:hydrate').length === 1);
    const closed = await cardOf(tag);
    await probe.click('.toggle');
    await probe.waitForFunction((t) => document.querySelector(t).hasAttribute('open'), tag);
    const opened = await cardOf(tag);
    for (const [mine, real] of [[closed, realClosed], [opened, realOpen]]) {
      if (mine !== real) throw new Error(`${tag} (${page})'s DOM differs from the client-rendered card's:\n${mine}\n---\n${real}`);
    }
  }
  await context.close();

  const sizes = await shippedSizes();
  // The worst inputs the limits allow, first, on their own page (bench/worst.mjs).
  const worst = WORST_RUNS > 0 ? await benchWorst(browser, url('fixtures/lang.html'), WORST_RUNS) : null;

  // Every kind of load of every arm, shuffled within each round, so drift in the machine's load
  // spreads over all arms alike; the first WARMUP rounds are discarded.
  const kinds = [
    ['load', 1, RUNS], ['click', 1, RUNS], ['load', CARDS, MANY_RUNS], ['click', CARDS, MANY_RUNS],
  ];
  const raw = Object.fromEntries(kinds.map(([k, n]) => [`${k}${n}`, Object.fromEntries(V.map((v) => [v, []]))]));
  const rounds = WARMUP + Math.max(RUNS, MANY_RUNS);
  for (let round = 0; round < rounds; round++) {
    const jobs = kinds.filter(([, , runs]) => round < WARMUP + runs).flatMap(([k, n]) => V.map((v) => [k, n, v]));
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
    }
    for (const [k, n, v] of jobs) {
      const where = n === 1 ? urls[v] : manyUrls[v];
      const run = k === 'load' ? await loadRun(browser, where, { arm: v, cards: n }) : await clickRun(browser, where, { cards: n });
      if (round >= WARMUP) raw[`${k}${n}`][v].push(run);
    }
    process.stderr.write(`\rrounds: ${round + 1}/${rounds} (${WARMUP} warm-up), ${((Date.now() - started) / 1000).toFixed(0)} s `);
  }
  process.stderr.write('\n');
  const lazy = [];
  for (let i = 0; i < LAZY_RUNS; i++) lazy.push(await lazyRun(browser, lazyUrl, CARDS));

  // ---- report ----
  printTable('Bytes the card loads (each file compressed on its own; brotli at max quality)',
    ['file', 'raw', 'gzip', 'brotli'],
    [...sizes.files, sizes.total].map((f) => [f.path, f.raw, f.gzip, f.brotli]));

  const keysLoad = ['firstPainted', 'painted', 'firstExist', 'fcp', 'init', 'mount', 'ready', 'wasmAt', 'cls', 'shiftSum',
    'openClick', 'closeClick', 'toggleCls', 'longTasks', 'longTaskMs', 'heap', 'wasmMemory', 'hydrated', 'mounted', 'wasmRequests'];
  const keysClick = ['clickable', 'click', 'open', 'opened', 'firstPainted', 'defined', 'ready'];
  const summarise = (runs, keys) => Object.fromEntries(keys.map((k) => [k, stats(runs.map((r) => r[k]))]));
  const summary = {};
  for (const [k, n] of kinds) {
    summary[`${k}${n}`] = Object.fromEntries(V.map((v) => {
      const s = summarise(raw[`${k}${n}`][v], k === 'load' ? keysLoad : keysClick);
      if (k === 'click') s.queued = raw[`${k}${n}`][v].filter((r) => r.queued).length;
      return [v, s];
    }));
  }
  const L1 = summary.load1;
  const C1 = summary.click1;
  console.log(`\nArms: ${V.map((v) => `(${v}) ${ARMS[v]}`).join('; ')}.`);
  const head = ['metric', ...V.map((v) => `(${v}) ${SHORT[v]}`), '(d)/(a)', '(c)/(b)'];
  const row = (label, S, key, withRatio = true) => [label, ...V.map((v) => cell(S[v][key])),
    ...(withRatio ? [ratio(S.d[key], S.a[key]), ratio(S.c[key], S.b[key])] : ['', ''])];
  const met = (ok) => (ok ? 'met' : 'NOT met');
  const rowsFor = (L, C) => [
    row('navigation -> card painted', L, 'firstPainted'),
    row('first contentful paint', L, 'fcp'),
    row('navigation -> wasm requested', L, 'wasmAt', false),
    row('navigation -> card interactive (mounted / hydrated)', L, 'ready', false),
    ['CLS on the host page, median (max)', ...V.map((v) => clsCell(L[v].cls)), '', ''],
    row('navigation -> toggle clickable (painted, element defined)', C, 'clickable', false),
    row('navigation -> early click received by the page', C, 'click', false),
    row('navigation -> early click opens full text (painted)', C, 'opened', false),
    ['  early clicks queued before the card was interactive', ...V.map((v) => (v === 'c' || v === 'd' ? `${C[v].queued}/${C[v].opened?.n ?? 0}` : '-')), '', ''],
  ];
  printTable(`One card in a host page, ${RUNS} cold loads of each kind, interleaved; ms since navigation: median (p90)`, head, [
    ...rowsFor(L1, C1),
    row('open click (after load) -> next paint', L1, 'openClick', false),
    row('close click -> next paint', L1, 'closeClick', false),
    ['CLS during toggles (after input), max', ...V.map((v) => (L1[v].toggleCls ? L1[v].toggleCls.max.toFixed(4) : '-')), '', ''],
    row('wasm init (fetch+compile+start)', L1, 'init', false),
    row('wasm mount / hydrate (one card)', L1, 'mount', false),
    ['long tasks (median count; max ms in a run)', ...V.map((v) => `${L1[v].longTasks?.median ?? '-'}; ${ms(L1[v].longTaskMs?.max)}`), ''],
    ['JS heap after load and GC', ...V.map((v) => (L1[v].heap ? kb(L1[v].heap.median) : '-')), '', ''],
    ['(d): hydration began after the first paint (loads)', ...V.map((v) => (v === 'd' ? afterPaint(raw.load1.d) : '-')), '', ''],
    ['wasm memory', ...V.map((v) => (L1[v].wasmMemory ? kb(L1[v].wasmMemory.median) : '-')), '', ''],
  ]);
  const LM = summary[`load${CARDS}`];
  const CM = summary[`click${CARDS}`];
  printTable(`${CARDS} cards in a host page (text between them), ${MANY_RUNS} cold loads of each kind, interleaved; first card unless said; ms: median (p90)`, head, [
    ...rowsFor(LM, CM),
    row(`navigation -> all ${CARDS} cards painted`, LM, 'painted'),
    ['(d): hydration began after the first paint (loads)', ...V.map((v) => (v === 'd' ? afterPaint(raw[`load${CARDS}`].d) : '-')), '', ''],
    ['cards mounted / hydrated at load (median)', ...V.map((v) => (v === 'c' ? `${LM.c.mounted?.median ?? '-'} mounted` : v === 'd' ? `${LM.d.hydrated?.median ?? '-'} hydrated, ${LM.d.mounted?.median ?? '-'} mounted` : '-')), '', ''],
    ['long tasks (median count; max ms in a run)', ...V.map((v) => `${LM[v].longTasks?.median ?? '-'}; ${ms(LM[v].longTaskMs?.max)}`), ''],
  ]);
  const ratio1 = L1.d.firstPainted.median / L1.a.firstPainted.median;
  const ratioMany = LM.c.painted.median / LM.b.painted.median;
  const lazyPass = lazy.every((r) => r.belowFold && r.wasmBeforeScroll === 0 && r.measuresBeforeScroll === 0 && r.wasmAfterScroll === 1 && r.hydrated >= 1 && r.mounted === 0);
  const lz = (k) => stats(lazy.map((r) => r[k]));
  if (lazy.length) printTable(`Lazy start: (d), ${CARDS} cards all below the fold (first card's top at ${ms(lz('firstTop')?.median)} px, viewport ${VIEWPORT.height} px), ${LAZY_RUNS} loads`,
    ['check', 'result'], [
      ['wasm requests before scrolling (1 s after load), max', `${Math.max(...lazy.map((r) => r.wasmBeforeScroll))} (user-timing measures: ${Math.max(...lazy.map((r) => r.measuresBeforeScroll))})`],
      ['wasm requests after scrolling card ' + (Math.floor(CARDS / 2) + 1) + ' into view', lazy.map((r) => r.wasmAfterScroll).join(', ')],
      ['scroll -> wasm requested, ms median (p90)', cell(lz('scrollToWasm'))],
      ['scroll -> first card hydrated, ms median (p90)', cell(lz('scrollToHydrated'))],
      ['cards hydrated after the scroll (of ' + CARDS + ')', lazy.map((r) => r.hydrated).join(', ')],
      ['verdict', lazyPass ? 'pass: no wasm until a card is near the viewport' : 'FAIL'],
    ]);
  const clsA = L1.a.cls.max;
  const clsD = L1.d.cls.max;
  console.log(`\nTargets (one card): (d)/(a) painted ${ratio1.toFixed(2)} (target <= 1.05: ${met(ratio1 <= 1.05)}); ` +
    `CLS max (a) ${clsA.toFixed(3)}, (d) ${clsD.toFixed(3)} (target 0.000: ${met(clsA < 0.0005 && clsD < 0.0005)}); ` +
    `lazy start: ${!lazy.length ? 'not run' : lazyPass ? 'pass' : 'FAIL'}; ` +
    `${CARDS} cards: (c)/(b) all painted ${ratioMany.toFixed(2)} (target <= 1.25: ${met(ratioMany <= 1.25)})`);
  const seconds = (Date.now() - started) / 1000;
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; run took ${seconds.toFixed(0)} s`);

  let commit = null;
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* not a checkout */ }
  const results = {
    date: new Date().toISOString(), commit, chromium: browser.version(), cpu: cpus()[0]?.model, cores: cpus().length,
    loadavg: loadavg(), seconds, runs: RUNS, manyRuns: MANY_RUNS, cards: CARDS, lazyRuns: LAZY_RUNS, settleMs: SETTLE,
    viewport: VIEWPORT, cacheControl: opts['cache-control'], arms: ARMS, sizes, summary, lazy: { pass: lazyPass, runs: lazy }, worst, raw,
  };
  await writeFile('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  if (worst) {
    printTable(`Worst inputs (bench/worst.mjs), ${WORST_RUNS} loads each: ms, median (min-max); budget ${worst.budgetMs} ms per median`,
      ['input (one unbroken run)', 'set article -> painted', 'open click -> painted'],
      Object.entries(worst.cases).map(([name, c]) => [name, ...[c.mount, c.open].map((x) => `${ms(x.median)} (${ms(x.min)}-${ms(x.max)})`)]),
      { quiet: true });
  }
  const footer = `Measured ${results.date.slice(0, 10)} at ${commit ?? '?'}, Chromium ${results.chromium}, ${results.cores} cores; ` +
    `load average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${seconds.toFixed(0)} s.`;
  await writeFile('bench/results.md', `${markdown.join('\n\n')}\n\n${footer}\n`);
  console.log('wrote bench/results.json and bench/results.md');
  if ((worst && !worst.pass) || !lazyPass) process.exitCode = 1;
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
  await rm(gen, { recursive: true, force: true });
}
