// Benchmark: <news-card> against static HTML and a vanilla-JS card in headless Chromium; prints a table, writes results.json.
// Usage: node bench/run.mjs [--runs 30] [--many-runs 10] [--cards 100] [--worst-runs 5]   (./build.sh bench builds first)
import { chromium } from 'playwright-core';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '../tools/serve.mjs';
import { shippedSizes } from '../tools/sizes.mjs';
import { benchWorst } from './worst.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    'many-runs': { type: 'string', default: '10' },
    cards: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '3' },
    'worst-runs': { type: 'string', default: '5' },
  },
});
const RUNS = Number(opts.runs);
const MANY_RUNS = Number(opts['many-runs']);
const CARDS = Number(opts.cards);
const WARMUP = Number(opts.warmup);
const VIEWPORT = { width: 800, height: 900 };
const VARIANTS = {
  a: 'static HTML, <details>, no script',
  b: 'vanilla-JS custom element',
  c: 'news-card (wasm)',
};

// ---- pages -------------------------------------------------------------------------------------

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, head, body) {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n` +
    `<link rel="icon" href="data:,">\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

// (a): the card's markup and text as plain HTML, the full text behind <details>; no script at all.
function staticCard(a, id) {
  const t = escapeHtml;
  return `<article class="card" lang="ar" dir="rtl" aria-labelledby="${id}-title">` +
    `<h2 class="title" id="${id}-title">${t(a.title)}</h2>` +
    `<p class="meta"><bdi>${t(a.meta)}</bdi></p>` +
    `<section class="summary"><h3 class="label">${t(a.summaryLabel)}</h3><p>${t(a.summary)}</p></section>` +
    `<details><summary class="toggle"><span class="toggle-label">${t(a.readMore)}</span>` +
    `<span class="chevron" aria-hidden="true"></span></summary>` +
    `<div class="body" id="${id}-body" role="region" aria-label="${t(a.fullText)}">` +
    a.body.map((p) => `<p>${t(p)}</p>`).join('') + '</div></details>' +
    `<section class="author"><h3 class="label">${t(a.authorLabel)}</h3>` +
    `<p class="author-name"><bdi>${t(a.authorName)}</bdi></p><p class="author-bio">${t(a.authorBio)}</p></section>` +
    '</article>';
}

function variantPage(variant, article, n) {
  const repeat = (f) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  if (variant === 'a') {
    return page('bench a', '<link rel="stylesheet" href="/gen/card.css">', repeat((i) => staticCard(article, `s${i + 1}`)));
  }
  if (variant === 'b') {
    return page('bench b', '<script type="module" src="/gen/vanilla-card.js"></script>', repeat(() => '<vanilla-card></vanilla-card>'));
  }
  return page('bench c', '<script type="module" src="/news-card.js"></script>', repeat(() => '<news-card></news-card>'));
}

// ---- measuring -----------------------------------------------------------------------------------

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
}

/** One cold load of `url` in a fresh context: load timing, then (if `clicks`) open and close, then memory. */
async function measure(browser, url, { cards = 1, clicks = false, variant }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.addInitScript({ path: 'bench/probe.js' });
    await page.goto(`${url}?cards=${cards}`);
    await page.waitForFunction(() => window.__bench.painted !== null, null, { timeout: 20_000 });
    const run = await page.evaluate(() => {
      const b = window.__bench;
      const measures = Object.fromEntries(performance.getEntriesByType('measure').map((m) => [m.name, m.duration]));
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return { exist: b.exist, painted: b.painted, fcp, init: measures['news-card:init'] ?? null, mount: measures['news-card:mount'] ?? null };
    });
    if (clicks) {
      for (const n of [1, 2]) {
        await page.click('.toggle');
        await page.waitForFunction((k) => window.__bench.clicks.length === k && window.__bench.clicks[k - 1].painted !== null, n);
      }
      await sleep(50); // let shifts from the last toggle's frame be reported
      const after = await page.evaluate(() => window.__bench);
      run.openClick = after.clicks[0].painted - after.clicks[0].start;
      run.closeClick = after.clicks[1].painted - after.clicks[1].start;
      const firstClick = after.clicks[0].start;
      const sum = (xs) => xs.reduce((s, x) => s + x.value, 0);
      run.loadCls = sum(after.shifts.filter((s) => s.at < firstClick && !s.input));
      run.toggleCls = sum(after.shifts.filter((s) => s.at >= firstClick && !s.input));
      run.toggleShiftRaw = sum(after.shifts.filter((s) => s.at >= firstClick));
      run.longTasks = after.longTasks.length;
      run.longTaskMs = after.longTasks.reduce((s, t) => s + t.duration, 0);
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      run.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      // The glue hands back the already-started instance; its memory is what the wasm holds.
      run.wasmMemory = variant === 'c'
        ? await page.evaluate(async () => (await (await import('/pkg/news_card.js')).default()).memory.buffer.byteLength)
        : 0;
    } else {
      const b = await page.evaluate(() => window.__bench);
      run.longTasks = b.longTasks.length;
      run.longTaskMs = b.longTasks.reduce((s, t) => s + t.duration, 0);
    }
    if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
    return run;
  } finally {
    await context.close();
  }
}

/** `runs` loads of each variant, interleaved in random order, after `WARMUP` discarded loads of each. */
async function series(browser, urls, runs, options) {
  const order = Object.keys(urls).flatMap((v) => Array(runs).fill(v));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const warm = Object.keys(urls).flatMap((v) => Array(WARMUP).fill(v));
  const out = Object.fromEntries(Object.keys(urls).map((v) => [v, []]));
  for (const [i, v] of [...warm, ...order].entries()) {
    const run = await measure(browser, urls[v], { ...options, variant: v });
    if (i >= warm.length) out[v].push(run);
    process.stderr.write(`\r${options.label}: ${Math.max(0, i + 1 - warm.length)}/${order.length} `);
  }
  process.stderr.write('\n');
  return out;
}

// ---- statistics and the table --------------------------------------------------------------------

function stats(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((p, q) => p - q);
  if (!s.length) return null;
  const q = (f) => { const k = (s.length - 1) * f; const lo = Math.floor(k); return s[lo] + (s[Math.ceil(k)] - s[lo]) * (k - lo); };
  return { n: s.length, median: q(0.5), min: s[0], max: s.at(-1), p25: q(0.25), p75: q(0.75) };
}

const collect = (runs, key) => stats(runs.map((r) => r[key]));
const ms = (x) => (x === null || x === undefined ? '-' : x.toFixed(1));
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padStart(n);

function printTable(title, head, rows) {
  const widths = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  console.log(`\n${title}`);
  console.log(head.map((h, i) => (i === 0 ? String(h).padEnd(widths[i]) : pad(h, widths[i]))).join('  '));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : pad(c, widths[i]))).join('  '));
}

// ---- main ----------------------------------------------------------------------------------------

const gen = await mkdtemp(join(tmpdir(), 'news-card-bench-'));
const server = await serve({ '/': 'www', '/gen/': gen, '/fixtures/': 'tests/fixtures' });
const browser = await launch();
try {
  const url = (path) => server.url + path;
  await writeFile(join(gen, 'c1.html'), variantPage('c', null, 1));

  // The strings the real card shows, so (a) and (b) carry exactly the same text.
  const context = await browser.newContext({ viewport: VIEWPORT });
  const probe = await context.newPage();
  await probe.goto(url('gen/c1.html'));
  await probe.waitForFunction(() => document.querySelector('news-card')?.shadowRoot?.querySelector('.card'));
  // The stylesheet as the card adopts it, so (a) and (b) style with the very same rules.
  const css = await probe.evaluate(() => [...document.querySelector('news-card').shadowRoot.adoptedStyleSheets[0].cssRules]
    .map((r) => r.cssText).join('\n'));
  await writeFile(join(gen, 'card.css'), css);
  const text = (sel) => probe.locator(sel).first().evaluate((e) => e.textContent);
  const article = {
    title: await text('.title'),
    meta: await text('.meta'),
    summaryLabel: await text('.summary .label'),
    summary: await text('.summary p'),
    readMore: await text('.toggle-label'),
    fullText: await probe.locator('.body').evaluate((e) => e.getAttribute('aria-label')),
    body: await probe.locator('.body p').evaluateAll((ps) => ps.map((p) => p.textContent)),
    authorLabel: await text('.author .label'),
    authorName: await text('.author-name'),
    authorBio: await text('.author-bio'),
  };
  // The card's markup closed and open, IDs made comparable.
  const cardOf = (tag) => probe.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('.card').outerHTML
    .replace(/"(?:nc|vc)\d+-/g, '"ID-'), tag);
  const realClosed = await cardOf('news-card');
  await probe.click('.toggle');
  article.readLess = await text('.toggle-label');
  const realOpen = await cardOf('news-card');

  await writeFile(join(gen, 'article.js'), `// Generated by bench/run.mjs from the real card.\nexport const article = ${JSON.stringify(article)};\nexport const css = ${JSON.stringify(css)};\n`);
  await copyFile('bench/vanilla-card.js', join(gen, 'vanilla-card.js'));
  const urls = {};
  const manyUrls = {};
  for (const v of Object.keys(VARIANTS)) {
    await writeFile(join(gen, `${v}1.html`), variantPage(v, article, 1));
    await writeFile(join(gen, `${v}${CARDS}.html`), variantPage(v, article, CARDS));
    urls[v] = url(`gen/${v}1.html`);
    manyUrls[v] = url(`gen/${v}${CARDS}.html`);
  }

  // (b) must build the very DOM (c) builds, or the comparison means nothing.
  await probe.goto(urls.b);
  await probe.waitForFunction(() => document.querySelector('vanilla-card')?.shadowRoot?.querySelector('.card'));
  const vanillaClosed = await cardOf('vanilla-card');
  await probe.click('.toggle');
  const vanillaOpen = await cardOf('vanilla-card');
  for (const [mine, real] of [[vanillaClosed, realClosed], [vanillaOpen, realOpen]]) {
    if (mine !== real) throw new Error(`the vanilla card's DOM differs from news-card's:\n${mine}\n---\n${real}`);
  }
  await context.close();

  const sizes = await shippedSizes();
  // The worst inputs the limits allow, first, on their own page (bench/worst.mjs).
  const worst = await benchWorst(browser, url('fixtures/lang.html'), Number(opts['worst-runs']));
  const single = await series(browser, urls, RUNS, { clicks: true, label: `single card, ${RUNS} runs each` });
  const many = await series(browser, manyUrls, MANY_RUNS, { cards: CARDS, label: `${CARDS} cards, ${MANY_RUNS} runs each` });

  // ---- report ----
  printTable('Bytes the card loads (each file compressed on its own; brotli at max quality)',
    ['file', 'raw', 'gzip', 'brotli'],
    [...sizes.files, sizes.total].map((f) => [f.path, f.raw, f.gzip, f.brotli]));

  const summary = { single: {}, many: {} };
  for (const v of Object.keys(VARIANTS)) {
    const r = single[v];
    summary.single[v] = Object.fromEntries(['painted', 'exist', 'fcp', 'init', 'mount', 'openClick', 'closeClick',
      'loadCls', 'toggleCls', 'toggleShiftRaw', 'longTasks', 'longTaskMs', 'heap', 'wasmMemory'].map((k) => [k, collect(r, k)]));
    summary.many[v] = Object.fromEntries(['painted', 'exist', 'longTasks', 'longTaskMs'].map((k) => [k, collect(many[v], k)]));
  }
  const cell = (s) => (s ? `${ms(s.median)} (${ms(s.min)}-${ms(s.max)})` : '-');
  const ratio = (x, y) => (x && y ? (x.median / y.median).toFixed(2) : '-');

  const S = summary.single;
  printTable(`One card, ${RUNS} cold loads each, interleaved; ms since navigation: median (min-max)`,
    ['metric', ...Object.keys(VARIANTS).map((v) => `(${v}) ${VARIANTS[v]}`), '(c)/(b)', '(c)/(a)'],
    [
      ['navigation -> card painted', ...Object.keys(VARIANTS).map((v) => cell(S[v].painted)), ratio(S.c.painted, S.b.painted), ratio(S.c.painted, S.a.painted)],
      ['navigation -> content in DOM', ...Object.keys(VARIANTS).map((v) => cell(S[v].exist)), ratio(S.c.exist, S.b.exist), ratio(S.c.exist, S.a.exist)],
      ['first contentful paint', ...Object.keys(VARIANTS).map((v) => cell(S[v].fcp)), ratio(S.c.fcp, S.b.fcp), ratio(S.c.fcp, S.a.fcp)],
      ['wasm init (fetch+compile+start)', '-', '-', cell(S.c.init), '', ''],
      ['wasm mount (one card)', '-', '-', cell(S.c.mount), '', ''],
      ['open click -> next paint', ...Object.keys(VARIANTS).map((v) => cell(S[v].openClick)), ratio(S.c.openClick, S.b.openClick), ratio(S.c.openClick, S.a.openClick)],
      ['close click -> next paint', ...Object.keys(VARIANTS).map((v) => cell(S[v].closeClick)), ratio(S.c.closeClick, S.b.closeClick), ratio(S.c.closeClick, S.a.closeClick)],
    ]);
  const max = (s) => (s ? s.max.toFixed(4) : '-');
  const med = (s, f = (x) => x) => (s ? f(s.median) : '-');
  printTable('Stability and memory (one card): CLS as a max over runs, the rest medians',
    ['metric', ...Object.keys(VARIANTS).map((v) => `(${v})`)],
    [
      ['CLS during load', ...Object.keys(VARIANTS).map((v) => max(S[v].loadCls))],
      ['CLS during toggles (input-driven shifts excluded)', ...Object.keys(VARIANTS).map((v) => max(S[v].toggleCls))],
      ['layout shift during toggles, all', ...Object.keys(VARIANTS).map((v) => max(S[v].toggleShiftRaw))],
      ['long tasks (count, median)', ...Object.keys(VARIANTS).map((v) => med(S[v].longTasks))],
      ['long tasks (max ms in a run)', ...Object.keys(VARIANTS).map((v) => (S[v].longTaskMs ? ms(S[v].longTaskMs.max) : '-'))],
      ['JS heap after load and GC', ...Object.keys(VARIANTS).map((v) => med(S[v].heap, kb))],
      ['wasm memory', ...Object.keys(VARIANTS).map((v) => med(S[v].wasmMemory, kb))],
    ]);
  const M = summary.many;
  printTable(`${CARDS} cards on one page, ${MANY_RUNS} cold loads each: ms since navigation, median (min-max)`,
    ['metric', ...Object.keys(VARIANTS).map((v) => `(${v})`), '(c)/(b)', '(c)/(a)'],
    [
      [`navigation -> all ${CARDS} painted`, ...Object.keys(VARIANTS).map((v) => cell(M[v].painted)), ratio(M.c.painted, M.b.painted), ratio(M.c.painted, M.a.painted)],
      ['long tasks (count, median)', ...Object.keys(VARIANTS).map((v) => med(M[v].longTasks))],
      ['long tasks (max ms in a run)', ...Object.keys(VARIANTS).map((v) => (M[v].longTaskMs ? ms(M[v].longTaskMs.max) : '-'))],
    ]);

  let commit = null;
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* not a checkout */ }
  const results = {
    date: new Date().toISOString(), commit, chromium: browser.version(), cpu: cpus()[0]?.model, cores: cpus().length,
    runs: RUNS, manyRuns: MANY_RUNS, cards: CARDS, variants: VARIANTS, sizes, summary, worst, raw: { single, many },
  };
  await writeFile('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  console.log('\nwrote bench/results.json');
  if (!worst.pass) process.exitCode = 1;
} finally {
  await browser.close();
  await new Promise((ok) => server.close(ok));
  await rm(gen, { recursive: true, force: true });
}
