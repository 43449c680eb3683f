// Soak: 10,000 mixed operations, planned from a seed, on one page in each engine of ENGINES; then no uncaught error, no poisoned module, memory at its warm level.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';

const TOTAL = Number(process.env.SOAK_OPS ?? 10_000);
// The first WARM operations bring the heap to its working size (the most cards at once, every
// kind of input and refusal once); memory after them is the level the rest must end at.
const WARM = Math.min(1_000, TOTAL / 2);
// How much the warm-up may grow the wasm memory, one-off (see the assertion).
const WARM_SLACK = 1024 * 1024;
// Operations per evaluate: short enough for WebKitWebDriver's script timeout.
const BATCH = 250;
const SEED = Number(process.env.SOAK_SEED ?? 20261124);
// A refused input logs one console.error from the card; the browser logs its own failed loads.
const EXPECTED = [/^news-card:/, /^Failed to load resource/];

// Which operation comes next, by weight: toggles and input changes dominate, as on a real page.
const MIX = [['toggle', 30], ['src', 15], ['article', 15], ['mount', 12], ['remove', 10], ['reinsert', 8], ['lang', 5], ['handle', 5]]
  .flatMap(([op, w]) => Array(w).fill(op));

/** mulberry32: a small seeded generator of numbers in [0, 1), the same in every engine and in Node. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6D2B79F5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The plan from `seed`: each call, the next operation's kind and the seed of its own stream: two draws of the plan's stream, and nothing else draws from it. */
function planner(seed, mix, mulberry32) {
  const draw = mulberry32(seed);
  return () => ({ op: mix[Math.floor(draw() * mix.length)], seed: Math.floor(draw() * 4294967296) });
}

/** FNV-1a over the plan: `hash` with one step folded in. */
function fold(hash, { op, seed }) {
  for (const c of `${op}:${seed};`) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  return hash;
}
const FNV_START = 2166136261;

/** The fingerprint of the first `count` steps of `seed`'s plan, computed here, away from any page. */
function planPrint(seed, count) {
  const next = planner(seed, MIX, mulberry32);
  let hash = FNV_START;
  for (let i = 0; i < count; i++) hash = fold(hash, next());
  return hash;
}

/**
 * Installs the in-page driver: window.__soak.run(n) performs the next n operations of the
 * plan (its stream lives in the page, so batches continue one plan) and returns how many of
 * each kind it did and the plan's fingerprint so far. The plan is timing-free: each
 * operation's kind, and the seed of the stream its own choices come from, are drawn in order
 * before it runs; page code in the cards' events draws from a stream of its own, seeded when
 * its card was made. What the operations meet (which cards exist, what has loaded) still
 * depends on timing, and differs between engines. Everything the operations throw is counted.
 */
function install(seed, MIX, mulberry32, planner, fold, FNV_START) {
  const next = planner(seed, MIX, mulberry32);
  let trace = FNV_START;
  // The current operation's stream; replaced before each operation.
  let rand = mulberry32(0);
  const pick = (list, from = rand) => list[Math.floor(from() * list.length)];
  const main = document.querySelector('main') ?? document.body;
  const detached = [];
  const handles = [];
  const MAX_CARDS = 12;
  const article = (i, from = rand) => ({ title: `خبر ${i}`, summary: 'ملخص', body: [`فقرة ${i}.`, 'فقرة ثانية.'], lang: pick(['ar', 'en', 'fa'], from) });
  const big = () => ({ title: 't', body: Array.from({ length: 30 }, (_, i) => `${i}`.padEnd(100_000, 'x')) });
  const SRCS = ['/fixtures/article.json', '/content/article.txt', '/fixtures/bom.json', '/fixtures/missing.json',
    'http://[', '/fixtures/article.json?reset', '/oversize.json?stream=3000000', '/oversize.json?gzipbomb=8000000'];
  const cards = () => [...main.querySelectorAll('news-card')];
  const counts = {};
  const thrown = [];
  let n = 0;

  const ops = {
    mount() {
      if (cards().length >= MAX_CARDS) return ops.remove();
      const el = document.createElement('news-card');
      const kind = pick(['article', 'src', 'inline', 'embedded']);
      if (kind === 'article') el.article = article(n);
      if (kind === 'src') el.src = pick(SRCS.slice(0, 3));
      if (kind === 'inline') {
        const s = document.createElement('script');
        s.type = 'application/json';
        s.textContent = JSON.stringify(article(n));
        el.append(s);
      }
      if (rand() < 0.3) el.setAttribute('open', '');
      if (rand() < 0.2) el.setAttribute('wpm', pick(['1', '4294967297', '-5', '250']));
      if (rand() < 0.2) el.setAttribute('numerals', pick(['arab', 'latn', 'bogus']));
      // Some cards carry page code that acts inside the card's own events.
      if (rand() < 0.25) {
        const what = pick(['reclick', 'close', 'remove', 'article']);
        // Its own stream: when the listener runs is up to the engine.
        const own = mulberry32(Math.floor(rand() * 4294967296));
        el.addEventListener('toggle', (e) => {
          if (own() < 0.5) return;
          counts[`in toggle: ${what}`] = (counts[`in toggle: ${what}`] ?? 0) + 1;
          if (what === 'reclick') el.shadowRoot.querySelector('.toggle')?.click();
          if (what === 'close' && e.newState === 'open') el.open = false;
          if (what === 'remove') el.remove();
          if (what === 'article') el.article = article(n, own);
        });
      }
      main.append(el);
    },
    toggle() {
      const el = pick(cards());
      if (!el) return ops.mount();
      const button = el.shadowRoot.querySelector('.toggle');
      const r = rand();
      // click() sets the button's click-in-progress flag, which makes a nested click() on it a
      // no-op; a dispatched click does not, so page code in the toggle event can click again.
      if (button && r < 0.3) button.click();
      else if (button && r < 0.6) button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      else el.open = !el.open;
    },
    src() {
      const el = pick(cards());
      if (!el) return ops.mount();
      el.article = undefined;
      el.src = pick(SRCS);
    },
    article() {
      const el = pick(cards());
      if (!el) return ops.mount();
      const r = rand();
      el.article = r < 0.7 ? article(n) : r < 0.9 ? { title: 42, body: ['x'] } : r < 0.95 ? (() => {}) : big();
    },
    remove() {
      const el = pick(cards());
      if (!el) return ops.mount();
      el.remove();
      if (detached.length < 20) detached.push(el);
    },
    reinsert() {
      const el = detached.shift();
      if (!el || cards().length >= MAX_CARDS) return ops.mount();
      main.append(el);
    },
    lang() {
      const el = pick(cards());
      if (!el) return ops.mount();
      el.setAttribute('lang', pick(['ar', 'en', 'fr', 'he']));
    },
    async handle() {
      if (handles.length >= 3 || rand() < 0.5) {
        const h = handles.shift();
        if (h) { h.card.destroy(); h.host.remove(); }
        return;
      }
      const { mountCard } = await import('/news-card.js');
      const host = document.createElement('div');
      document.body.append(host);
      handles.push({ host, card: await mountCard(host, { article: article(n), onToggle() {} }) });
    },
  };
  // A task without the nested-timer clamp, every 20 operations: loads and re-renders progress
  // between operations (more often costs WebKit twice the time for nothing more).
  const yieldTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });

  window.__soak = {
    async run(count) {
      for (let i = 0; i < count; i++, n++) {
        const step = next();
        trace = fold(trace, step);
        rand = mulberry32(step.seed);
        const { op } = step;
        counts[op] = (counts[op] ?? 0) + 1;
        try { await ops[op](); } catch (e) { if (thrown.length < 10) thrown.push(`${op}: ${e?.name}: ${e?.message}`); }
        if (i % 20 === 19) await yieldTask();
      }
      return { n, trace, counts, thrown, cards: cards().length, detached: detached.length, handles: handles.length };
    },
    /** Removes every card and handle the soak made (and the page's own), forgetting the detached ones. */
    clear() {
      document.querySelectorAll('news-card').forEach((el) => el.remove());
      detached.length = 0;
      for (const h of handles.splice(0)) { h.card.destroy(); h.host.remove(); }
      return true;
    },
  };
  return true;
}

for (const engine of ENGINES) {
  describe(`news-card soak in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    it(`${TOTAL.toLocaleString('en')} mixed operations: no uncaught error, no poisoned module, no card left, memory at its warm level`, async (t) => {
      const begin = Date.now();
      const page = await env.open('fixtures/bare.html');
      await page.evaluate(`(seed) => (${install})(seed, ${JSON.stringify(MIX)}, ${mulberry32}, ${planner}, ${fold}, ${FNV_START})`, SEED);
      const initial = await page.evaluate(async () => (await import('/news-card.js')).stats());
      const stats = () => page.evaluate(async () => (await import('/news-card.js')).stats());
      // Clears the page and waits for loads still in flight to land (or be dropped): every
      // request the page made has ended at the server and the page has had the answers.
      const clearAndSettle = async () => {
        await page.evaluate(() => window.__soak.clear());
        await page.drain({ timeout: 40_000 });
        return stats();
      };
      let done = 0;
      let last;
      const runTo = async (target) => {
        while (done < target) {
          const step = Math.min(BATCH, target - done);
          last = await page.evaluate((n) => window.__soak.run(n), step);
          done += step;
        }
      };
      await runTo(WARM);
      const warmMs = Date.now() - begin;
      const warm = await clearAndSettle();
      await runTo(TOTAL);
      const end = await clearAndSettle();
      const problems = await page.problems();
      const unexpected = problems.filter((p) => !EXPECTED.some((re) => re.test(p)));
      t.diagnostic(`${engine}: seed ${SEED}, ${done} operations ${JSON.stringify(last.counts)} in ${Date.now() - begin} ms (first ${WARM} in ${warmMs} ms); initial ${JSON.stringify(initial)}, warm ${JSON.stringify(warm)}, end ${JSON.stringify(end)}; ${problems.length} logged, unexpected ${JSON.stringify([...new Set(unexpected)].slice(0, 5))}; thrown ${JSON.stringify(last.thrown)}`);
      assert.equal(done, TOTAL);
      assert.equal(last.trace, planPrint(SEED, TOTAL), 'the operations are the seed\'s plan, whatever ran between them');
      assert.deepEqual([...new Set(unexpected)], [], 'no uncaught error');
      assert.deepEqual(last.thrown, [], 'no operation threw at the page');
      assert.equal(end.liveCards, 0, 'no card outlives its element or handle');
      // The warm-up may grow the heap once, to its working size for MAX_CARDS small cards: at
      // most WARM_SLACK, half the input limit, so one oversize input copied into the wasm shows.
      assert.ok(warm.wasmMemoryBytes <= initial.wasmMemoryBytes + WARM_SLACK,
        `wasm memory after the warm-up ${warm.wasmMemoryBytes} is within ${WARM_SLACK} bytes of the page's ${initial.wasmMemoryBytes}`);
      assert.equal(end.wasmMemoryBytes, warm.wasmMemoryBytes, 'wasm memory back at its level after the warm-up');
      // Not poisoned: a fresh card mounts and toggles, parseArticle works.
      await page.evaluate(() => { const el = document.createElement('news-card'); el.id = 'final'; document.querySelector('main').append(el); });
      await page.mounted();
      await page.click('.toggle', 0);
      await page.evaluate(() => new Promise((r) => setTimeout(() => setTimeout(r, 0), 0)));
      assert.deepEqual(await page.inCard((root) => [root.host.open, String(root.querySelector('details').open)]), [true, 'true']);
      const parsed = await page.evaluate(async () => (await import('/news-card.js')).parseArticle('عنوان\n\nفي كلمات قليلة\n\nملخص\n\nنص').then((a) => a.title, (e) => `failed: ${e}`));
      assert.equal(parsed, 'عنوان');
      assert.equal((await stats()).liveCards, 1);
      await page.close();
    });
  });
}
