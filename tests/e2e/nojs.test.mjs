// The prerendered card without its script in each engine: readable whole with JavaScript off, scripts refused or the wasm refused; opened by a text fragment; no shift when it hydrates; screenshots.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP } from '../../tools/serve.mjs';
import { ENGINES, TOGGLE_RECORDER, htmlPage, hydrated, pixelDiff, recordedToggles, renderLinked as render, start } from './harness.mjs';

// The wasm is held back this long for the before-hydration screenshot.
const WASM_DELAY_MS = 2500;
// Pages under /noscript/ are served with a policy that refuses every script: the no-JS path in
// an engine whose driver cannot turn JavaScript off (Playwright's Firefox), and in the others too.
const NO_SCRIPT_CSP = CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'none'");
// A phrase of the fifth paragraph for `#:~:text=`. It does not end in a harakat: Firefox ESR 153
// matches no directive that ends in a combining mark (measured: "الطرفان أيضاً" is not found, while
// "أيضاً "القضايا" is), whatever the markup.
const PHRASE = 'وناقش الطرفان';
// WebKitGTK 2.50 matches `#:~:text=` only in the document's own tree: measured, it finds no text
// inside a declarative shadow root, even visible text, while the same markup in light DOM (or
// slotted from it) is found and opened. The card's text is in its shadow root.
const NO_SHADOW_TEXT_FRAGMENTS = new Set(['webkit']);

// A classic script: sets __js (so a spec can tell scripts ran) and records the element's toggles.
const RECORDER = `window.__js = true;\n${TOGGLE_RECORDER}`;

const page = (card, { module = '/news-card.js', head = '' } = {}) => htmlPage({
  title: 'A prerendered card',
  head,
  body: `<main><h1>A prerendered card</h1>
${card}
</main>
<script src="/pre/record.js"></script>
<script type="module" src="${module}"></script>`,
});

/** What a reader sees of card 0: which parts are rendered, the label shown, each paragraph rendered or not. */
const seen = (p) => p.inCard((root) => {
  const rendered = (e) => Boolean(e) && e.checkVisibility() && e.getBoundingClientRect().height > 0;
  return {
    title: rendered(root.querySelector('[part~="title"]')),
    summary: rendered(root.querySelector('[part~="summary"]')),
    author: rendered(root.querySelector('[part~="author"]')),
    label: [...root.querySelectorAll('.toggle-label')].filter(rendered).map((l) => l.textContent),
    open: root.querySelector('details').open,
    paragraphs: [...root.querySelectorAll('.body p')].map(rendered),
  };
});

const closedView = { title: true, summary: true, author: true, label: ['اقرأ المزيد'], open: false, paragraphs: Array(8).fill(false) };
const openView = { ...closedView, label: ['اعرض أقل'], open: true, paragraphs: Array(8).fill(true) };

/** The card's box: equal before and after hydration means no layout shift. */
const box = (p) => p.inCard((root) => {
  const r = root.querySelector('.card').getBoundingClientRect();
  return [r.x, r.y, r.width, r.height].map(Math.round);
});


let dir;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'news-card-nojs-'));
  const seed = await render();
  await writeFile(join(dir, 'record.js'), RECORDER);
  await writeFile(join(dir, 'card.html'), page(seed));
  await writeFile(join(dir, 'spacer.css'), '#spacer { block-size: 3000px }\n');
  // The card far below the fold: only the text fragment's scroll brings it near.
  await writeFile(join(dir, 'far.html'), page(`<div id="spacer"></div>${seed}`, { head: '<link rel="stylesheet" href="/pre/spacer.css">' }));
  // The wasm refused: a 404, and a policy without 'wasm-unsafe-eval'.
  await writeFile(join(dir, 'blocked.html'), page(seed, { module: '/blocked/news-card.js' }));
  await writeFile(join(dir, 'no-wasm-csp.html'), page(seed, {
    head: `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">`,
  }));
  const shell = await readFile('www/shell/wasm.js', 'utf8');
  const slow = shell.replace("'../pkg/news_card_bg.wasm'", `'../pkg/news_card_bg.wasm?delay=${WASM_DELAY_MS}'`);
  assert.notEqual(slow, shell, 'the shell no longer names its wasm as ../pkg/news_card_bg.wasm');
  await writeFile(join(dir, 'slow-wasm.js'), slow);
  await writeFile(join(dir, 'slow.html'), page(seed, { module: '/slow/news-card.js' }));
});

after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

for (const engine of ENGINES) {
  describe(`the prerendered card without its script in ${engine}`, () => {
    let env;
    before(async () => {
      env = await start(engine, {
        mounts: {
          '/pre/': dir,
          '/noscript/': dir,
          '/blocked/': 'www',
          '/blocked/pkg/news_card_bg.wasm': join(dir, 'no-such.wasm'),
          '/slow/': 'www',
          '/slow/shell/wasm.js': join(dir, 'slow-wasm.js'),
        },
        csp: (url) => (url.pathname.startsWith('/noscript/') ? NO_SCRIPT_CSP : CSP),
      });
    });
    after(async () => { await env?.stop(); });

    // (Declared before `env` exists: the harness's can.disableJavaScript, by engine.)
    const ways = [['scripts refused by the page\'s CSP', 'noscript/card.html', {}]];
    if (engine !== 'firefox') ways.unshift(['JavaScript turned off', 'pre/card.html', { javaScript: false }]);
    for (const [name, path, options] of ways) {
      it(`with ${name}: headline, summary, author, and all eight paragraphs a click or a key away; axe-clean closed and open`, async () => {
        const p = await env.open(path, { mounted: false, ...options });
        assert.equal(await p.evaluate(() => window.__js === true), false, 'no script of the page ran');
        assert.equal(await p.evaluate(() => customElements.get('news-card') === undefined), true);
        assert.deepEqual(await seen(p), closedView);
        const axe = async (state) => {
          if (options.javaScript !== false) {
            assert.deepEqual(await p.axe(), [], state);
            return;
          }
          // With JavaScript off the engine runs no timer callback, not even the driver's, and
          // axe waits on timers: the tree must be exactly the one axe checks with scripts
          // refused by CSP (the case above, in every engine).
          const markup = () => document.querySelector('news-card').shadowRoot.innerHTML;
          const other = await env.open('noscript/card.html', { mounted: false });
          if (state === 'open') await other.inCard((root) => { root.querySelector('details').open = true; return true; });
          const want = await other.evaluate(markup);
          await other.close();
          assert.equal(await p.evaluate(markup), want, state);
        };
        await axe('closed');
        const closedBox = await box(p);
        await p.screenshot(`nojs-${options.javaScript === false ? 'off' : 'csp'}-closed`, { card: 0 });
        // The keyboard: the disclosure is the first thing Tab reaches (the seed has no link).
        await p.press('Tab');
        assert.equal(await p.inCard((root) => root.activeElement?.matches('summary.toggle') ?? false), true, 'Tab reaches the toggle');
        await p.press('Enter');
        await p.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('details').open);
        await p.frames();
        assert.deepEqual(await seen(p), openView);
        await axe('open');
        await p.screenshot(`nojs-${options.javaScript === false ? 'off' : 'csp'}-open`, { card: 0 });
        // The pointer closes it again, and the card is as it was.
        await p.click('.toggle');
        await p.waitFor(() => !document.querySelector('news-card').shadowRoot.querySelector('details').open);
        await p.frames();
        assert.deepEqual(await seen(p), closedView);
        assert.deepEqual(await box(p), closedBox);
        await p.close();
      });
    }

    for (const [name, path] of [['a 404', 'pre/blocked.html'], ['a CSP refusal', 'pre/no-wasm-csp.html']]) {
      it(`with the wasm refused by ${name}, the reader still opens all eight paragraphs`, async () => {
        const p = await env.open(path, { mounted: false });
        await p.waitFor(() => window.__problems.some((m) => m.includes('could not load')));
        assert.deepEqual(await seen(p), closedView);
        await p.click('.toggle');
        await p.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('details').open);
        await p.frames();
        assert.deepEqual(await seen(p), openView);
        assert.deepEqual(await p.axe(), [], 'open');
        // Said once, and nothing else went wrong.
        assert.deepEqual((await p.recorded()).filter((m) => !m.includes('could not load') && !m.startsWith('CSP:')), []);
        await p.close();
      });
    }

    it('a #:~:text= link into a body paragraph opens the full text; the hydrated card reflects open and fires toggle', async (t) => {
      if (NO_SHADOW_TEXT_FRAGMENTS.has(engine)) {
        t.skip(`${engine}: WebKitGTK 2.50 matches text fragments only outside shadow roots (measured: not even visible text in a declarative shadow root is found)`);
        return;
      }
      // Navigated to by the browser (as a followed link is), with the card 3000px down.
      const p = await env.open(`pre/far.html#:~:text=${encodeURIComponent(PHRASE)}`, { mounted: false });
      await p.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('details').open);
      // The text was scrolled to (so the card came near the viewport and the shell woke it).
      await hydrated(p);
      await p.waitFor(() => document.querySelector('news-card').open);
      await p.frames();
      assert.deepEqual(await seen(p), openView);
      const where = await p.inCard((root, phrase) => {
        const para = [...root.querySelectorAll('.body p')].find((e) => e.textContent.includes(phrase));
        const r = para.getBoundingClientRect();
        return { index: [...root.querySelectorAll('.body p')].indexOf(para), inView: r.top < innerHeight && r.bottom > 0, scrolled: scrollY > 2000 };
      }, PHRASE);
      assert.deepEqual(where, { index: 4, inView: true, scrolled: true });
      assert.deepEqual([await p.evaluate(() => document.querySelector('news-card').hasAttribute('open')), await recordedToggles(p)], [true, ['open']]);
      // The card is the wasm's now: a click closes it, everything in step.
      await p.click('.toggle');
      await p.waitFor(() => !document.querySelector('news-card').open);
      assert.deepEqual(await recordedToggles(p), ['open', 'closed']);
      assert.equal(await p.inCard((root) => root.querySelector('details').open), false);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('shows the same card before and after hydration, and without JavaScript (screenshots)', async () => {
      const p = await env.open('pre/slow.html', { mounted: false });
      await p.waitFor(() => customElements.get('news-card') !== undefined);
      assert.equal(await p.evaluate(() => performance.getEntriesByName('news-card:init').length), 0, 'the wasm is held back');
      const before = await box(p);
      const shotBefore = await p.screenshot('nojs-before-hydration', { card: 0 });
      await hydrated(p, 1, { timeout: WASM_DELAY_MS + 10_000 });
      await p.frames();
      assert.deepEqual(await box(p), before, 'no layout shift');
      // The same card is the same pixels: measured identical in all three engines.
      assert.equal(pixelDiff(await p.screenshot('nojs-after-hydration', { card: 0 }), shotBefore), 0, 'after hydration');
      await p.close();
      const off = await env.open('noscript/card.html', { mounted: false });
      assert.deepEqual(await box(off), before, 'the same box without script');
      assert.equal(pixelDiff(await off.screenshot('nojs-scripts-refused', { card: 0 }), shotBefore), 0, 'without script');
      await off.close();
    });
  });
}
