// Prerendered cards in each engine: painted and axe-clean without the wasm, hydrated without DOM mutations, started lazily, no lost click, re-rendered when stale; the demo page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, TOGGLE_RECORDER, htmlPage, hydrated, layoutShift, recordedToggles, renderLinked as render, start, styleSrcOfCard } from './harness.mjs';
import { CSP, withStyleSrc } from '../../tools/serve.mjs';

// The wasm is held back this long on the no-lost-click page, so the click surely comes first.
const WASM_DELAY_MS = 2500;

// Runs before the module (a classic script after the cards; modules are deferred): records
// what happens in every card's declarative shadow root, the toggles and the console warnings.
const RECORDER = `(() => {
  window.__mutations = [];
  window.__warnings = [];
  window.__infos = [];
  const warn = console.warn;
  console.warn = (...args) => { window.__warnings.push(args.map(String).join(' ')); warn.apply(console, args); };
  const info = console.info;
  console.info = (...args) => { window.__infos.push(args.map(String).join(' ')); info.apply(console, args); };
  document.querySelectorAll('news-card').forEach((card, i) => {
    new MutationObserver((records) => {
      for (const r of records) window.__mutations.push({ card: i, added: r.addedNodes.length, removed: r.removedNodes.length });
    }).observe(card.shadowRoot, { childList: true, subtree: true });
  });
  // When the page's first frame came (this script runs as the parser reaches it, before any
  // module), whether the element was defined by DOMContentLoaded (deferred modules have run by
  // then), and when it was defined.
  window.__order = { frame: null, defined: null, definedAtContentLoaded: null };
  requestAnimationFrame(() => { window.__order.frame = performance.now(); });
  document.addEventListener('DOMContentLoaded', () => { window.__order.definedAtContentLoaded = customElements.get('news-card') !== undefined; });
  customElements.whenDefined('news-card').then(() => { window.__order.defined = performance.now(); });
})();
${TOGGLE_RECORDER}`;

/** A page: `head` extra, the cards, the recorder, then the module from `module`. */
const page = (cards, { head = '', module = '/news-card.js', before = '' } = {}) => htmlPage({
  title: 'Prerendered cards',
  head,
  body: `<main><h1>Prerendered cards</h1>${before}
${cards.join('\n')}
</main>
<script src="record.js"></script>
<script type="module" src="${module}"></script>`,
});

/** The disclosure in a card's shadow root: [the details open, every body paragraph rendered]. */
const disclosure = (root) => [root.querySelector('details').open,
  [...root.querySelectorAll('.body p')].every((p) => p.checkVisibility() && p.getBoundingClientRect().height > 0)];

let dir;
let styleSrc; // what `news-card csp` prints: the hash of the inline stylesheet
const fixtures = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'news-card-prerender-'));
  styleSrc = await styleSrcOfCard();
  const seed = await render();
  const seedOpen = await render('--open', '--id-prefix', 'ncp2');
  await writeFile(join(dir, 'record.js'), RECORDER);
  fixtures.seed = seed;
  await writeFile(join(dir, 'seed.html'), page([seed]));
  // Closed and open (one card a page: two would be two landmarks of the same name), with the
  // wasm refused: a 404, and a CSP without 'wasm-unsafe-eval'.
  for (const [state, card] of [['closed', seed], ['open', seedOpen]]) {
    await writeFile(join(dir, `blocked-${state}.html`), page([card], { module: '/blocked/news-card.js' }));
    await writeFile(join(dir, `csp-${state}.html`), page([card], {
      head: `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">`,
    }));
  }
  // Thirty cards below the fold.
  const many = [];
  for (let i = 1; i <= 30; i++) many.push(await render('--id-prefix', `ncp${i}`));
  // (The spacer's height is in a stylesheet: the CSP refuses style attributes.)
  await writeFile(join(dir, 'spacer.css'), '#spacer { block-size: 4000px }\n');
  await writeFile(join(dir, 'many.html'), page(many, { head: '<link rel="stylesheet" href="spacer.css">', before: '<div id="spacer"></div>' }));
  // The wasm held back (a copy of the shell whose wasm URL asks the server for a delay).
  const shell = await readFile('www/shell/wasm.js', 'utf8');
  const slow = shell.replace("'../pkg/news_card_bg.wasm'", `'../pkg/news_card_bg.wasm?delay=${WASM_DELAY_MS}'`);
  assert.notEqual(slow, shell, 'the shell no longer names its wasm as ../pkg/news_card_bg.wasm');
  await writeFile(join(dir, 'slow-wasm.js'), slow);
  await writeFile(join(dir, 'slow.html'), page([seed], { module: '/slow/news-card.js' }));
  // Stale: markup prerendered from an older version of the article the element now carries.
  const old = join(dir, 'old.txt');
  await writeFile(old, 'Old headline\n\nفي كلمات قليلة\n\nThe old summary.\n\nThe old paragraph.\n');
  const stale = (await render(old)).replace(/<script type="application\/json">.*<\/script>/s,
    `<script type="application/json">${JSON.stringify({ title: 'New headline', summary: 'The new summary.', body: ['The new paragraph.'], lang: 'ar', dir: 'rtl' })}</script>`);
  assert.match(stale, /New headline/);
  await writeFile(join(dir, 'stale.html'), page([stale]));
  // mountCard's hosts: divs holding renderToString's markup (the element's markup moved to a
  // div, its data-digest kept), one current and one whose digest is stale.
  const asDiv = (card, id) => card.replace('<news-card ', `<div id="${id}" `).replace(/<\/news-card>$/, '</div>');
  const staleDigest = seed.replace(/data-digest="[0-9a-f]+"/, 'data-digest="0000000000000000"');
  assert.notEqual(staleDigest, seed);
  await writeFile(join(dir, 'hosts.html'), page([asDiv(seed, 'current'), asDiv(staleDigest.replaceAll('ncp1', 'ncp2'), 'stale')]));
});

after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

for (const engine of ENGINES) {
  describe(`prerendered cards in ${engine}`, () => {
    let env;
    before(async () => {
      env = await start(engine, {
        mounts: {
          '/pre/': dir,
          // The same shell, whose wasm is missing: a 404.
          '/blocked/': 'www',
          '/blocked/pkg/news_card_bg.wasm': join(dir, 'no-such.wasm'),
          '/slow/': 'www',
          '/slow/shell/wasm.js': join(dir, 'slow-wasm.js'),
        },
        // The demo page's card carries its stylesheet inline: served as ./build.sh serves it,
        // with the hash in style-src. Every other page gets the strict policy.
        csp: (url) => (url.pathname === '/index.html' ? withStyleSrc(CSP, styleSrc) : CSP),
      });
    });
    after(async () => { await env?.stop(); });

    for (const [name, file] of [['a 404', 'blocked'], ['a CSP refusal', 'csp']]) {
      it(`paints styled and axe-clean, closed and open, with the wasm refused by ${name}`, async () => {
        for (const state of ['closed', 'open']) {
          const p = await env.open(`pre/${file}-${state}.html`, { mounted: false });
          // The shell said once that the wasm could not load; the card stays as prerendered.
          await p.waitFor(() => window.__problems.some((m) => m.includes('could not load')));
          await p.frames();
          const card = await p.inCard((root) => {
            const style = getComputedStyle(root.querySelector('article.card'));
            const shown = (sel) => { const e = root.querySelector(sel); const r = e.getBoundingClientRect(); return e.checkVisibility() && r.width > 0 && r.height > 0; };
            return {
              direction: style.direction, border: style.borderTopWidth, padding: style.paddingTop,
              title: shown('[part~="title"]'), summary: shown('[part~="summary"]'), button: shown('[part~="toggle"]'),
              body: shown('[part~="body"]'), expanded: root.querySelector('details').open,
            };
          });
          assert.equal(card.direction, 'rtl');
          assert.equal(card.border, '1px');
          assert.notEqual(card.padding, '0px');
          assert.ok(card.title && card.summary && card.button, JSON.stringify(card));
          assert.deepEqual([card.body, card.expanded], state === 'open' ? [true, true] : [false, false]);
          assert.deepEqual(await p.axe(), [], state);
          await p.close();
        }
      });
    }

    it('hydrates without DOM mutations, then toggles, reflects open and fires toggle', async () => {
      const p = await env.open('pre/seed.html', { mounted: false });
      await hydrated(p);
      assert.equal(await p.evaluate(async () => (await import('/news-card.js')).stats().then((s) => s.liveCards)), 1);
      assert.deepEqual(await p.evaluate(() => window.__mutations), []);
      // The prerendered nodes and IDs are the card's.
      assert.equal(await p.inCard((root) => root.querySelectorAll('article.card').length + root.querySelector('.body').id), '1ncp1-body');
      await p.click('.toggle');
      await p.waitFor(() => document.querySelector('news-card').open);
      assert.deepEqual(await recordedToggles(p), ['open']);
      assert.deepEqual(await p.inCard(disclosure), [true, true]);
      await p.evaluate(() => { document.querySelector('news-card').open = false; });
      await p.waitFor(() => !document.querySelector('news-card').shadowRoot.querySelector('details').open);
      assert.deepEqual(await recordedToggles(p), ['open', 'closed']);
      assert.deepEqual(await p.inCard(disclosure), [false, false]);
      assert.deepEqual(await p.evaluate(() => [window.__warnings, window.__infos]), [[], []]);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('defines the element after the frame that painted the prerendered card, and hydrates after it', async () => {
      const p = await env.open('pre/seed.html', { mounted: false });
      await hydrated(p);
      const order = await p.evaluate(() => ({ ...window.__order, hydrate: performance.getEntriesByName('news-card:hydrate')[0].startTime }));
      // The module ran before DOMContentLoaded without defining the element: upgrading the
      // cards waits for a frame, which the browser paints before the shell's next task.
      assert.equal(order.definedAtContentLoaded, false, JSON.stringify(order));
      assert.ok(order.frame !== null && order.defined > order.frame && order.hydrate > order.frame, JSON.stringify(order));
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('the demo page (www/index.html, written by the build) hydrates its card in place, with no problem', async (t) => {
      const p = await env.open('index.html', { mounted: false });
      await hydrated(p);
      assert.deepEqual(await p.evaluate(() => performance.getEntriesByName('news-card:mount').length), 0, 'hydrated, not built afresh');
      // Styled by its inline stylesheet, which the hash in style-src lets through.
      assert.deepEqual(await p.inCard((root) => getComputedStyle(root.querySelector('article.card')).borderTopWidth), '1px');
      assert.equal(await p.evaluate(() => JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)['@type']), 'NewsArticle');
      // Text before and after the card, as on a publisher's article page; nothing of it moved.
      // Every shift is in by the time the page has loaded (its stylesheets and fonts in), the
      // card has been hydrated (above), and two frames have been laid out since: an engine
      // reports a shift in the frame it happens in, and takeRecords() hands over what is queued.
      await p.waitFor(() => document.readyState === 'complete');
      await p.evaluate(() => document.fonts.ready.then(() => true));
      await p.frames();
      const shift = await layoutShift(p);
      if (shift === null) t.diagnostic(`${engine}: no layout-shift entries to measure`);
      else assert.equal(shift, 0, 'cumulative layout shift');
      const [before, after] = await p.evaluate(() => {
        const where = [...document.querySelectorAll('main > p')].map((el) => el.compareDocumentPosition(document.querySelector('news-card')));
        return [where.filter((w) => w & Node.DOCUMENT_POSITION_FOLLOWING).length, where.filter((w) => w & Node.DOCUMENT_POSITION_PRECEDING).length];
      });
      assert.ok(before >= 1 && after >= 1, `${before} paragraphs before the card, ${after} after`);
      assert.deepEqual(await p.problems(), []);
      await p.close();
    });

    it('starts the wasm only when a card comes near the viewport', async () => {
      const earlier = env.requests().length; // what the server was asked for before this page
      const p = await env.open('pre/many.html', { mounted: false });
      await p.waitFor(() => customElements.get('news-card') !== undefined);
      // By when an eager start would have asked for the wasm: the cards were upgraded and
      // connected when the element was defined (their start would be a microtask later), the
      // IntersectionObserver has reported on them in the first of two frames, and every request
      // the page made by then has reached the server (drain()). The server never saw it.
      await p.frames();
      await p.drain();
      assert.deepEqual(env.requests().slice(earlier).filter((r) => r.url.includes('.wasm')), [], 'the server was not asked for the wasm');
      const fetched = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length;
      assert.equal(await p.evaluate(fetched), 0);
      assert.equal(await p.evaluate(() => performance.getEntriesByName('news-card:init').length), 0);
      await p.evaluate(() => { document.querySelectorAll('news-card')[9].scrollIntoView(); return true; });
      await hydrated(p);
      assert.equal(await p.evaluate(fetched), 1);
      // The cards near the viewport are hydrated, not all thirty.
      const live = await p.evaluate(async () => (await import('/news-card.js')).stats().then((s) => s.liveCards));
      assert.ok(live >= 1 && live < 30, `${live} cards hydrated`);
      await p.click('.toggle', 9);
      await p.waitFor(() => document.querySelectorAll('news-card')[9].open);
      assert.deepEqual(await recordedToggles(p), ['open']);
      assert.deepEqual(await p.evaluate(() => window.__mutations.filter((m) => m.card !== 9)), []);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('does not lose a click that comes before the wasm is ready', async () => {
      const p = await env.open('pre/slow.html', { mounted: false });
      await p.waitFor(() => customElements.get('news-card') !== undefined);
      await p.click('.toggle');
      assert.equal(await p.evaluate(() => performance.getEntriesByName('news-card:init').length), 0, 'the wasm was ready before the click');
      await hydrated(p, 1, { timeout: WASM_DELAY_MS + 10_000 });
      await p.waitFor(() => document.querySelector('news-card').open);
      assert.deepEqual(await recordedToggles(p), ['open']);
      assert.deepEqual(await p.inCard(disclosure), [true, true]);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('takes a body find-in-page revealed before hydration as opened', async () => {
      const p = await env.open('pre/slow.html', { mounted: false });
      // What the browser does for find-in-page: it opens the details.
      await p.inCard((root) => { root.querySelector('details').open = true; return true; });
      await hydrated(p, 1, { timeout: WASM_DELAY_MS + 10_000 });
      await p.waitFor(() => document.querySelector('news-card').open);
      assert.deepEqual(await recordedToggles(p), ['open']);
      assert.deepEqual(await p.inCard(disclosure), [true, true]);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('mountCard hydrates a host holding a prerendered card, replaces a stale one, and refuses a <news-card>', async () => {
      const p = await env.open('pre/hosts.html', { mounted: false });
      const result = await p.evaluate(async () => {
        const { mountCard } = await import('/news-card.js');
        const out = {};
        for (const id of ['current', 'stale']) {
          const host = document.getElementById(id);
          const before = host.shadowRoot.querySelector('article.card');
          const changes = [];
          const record = (r) => changes.push([r.addedNodes.length, r.removedNodes.length]);
          const observer = new MutationObserver((records) => records.forEach(record));
          observer.observe(host.shadowRoot, { childList: true, subtree: true });
          const handle = await mountCard(host, { open: true });
          // The card was opened: its details fire toggle (a task), which the card hears; a
          // listener added after the card's runs after it (and its microtask). Then the
          // observer's records so far, whether or not it has been called yet.
          await new Promise((r) => host.shadowRoot.addEventListener('toggle', () => setTimeout(r, 0), { capture: true, once: true }));
          observer.takeRecords().forEach(record);
          const cards = host.shadowRoot.querySelectorAll('article.card');
          out[id] = { cards: cards.length, same: cards[0] === before, open: handle.open, details: cards[0].querySelector('details').open,
            changes, error: handle.error };
        }
        try {
          await mountCard(document.createElement('news-card'));
          out.element = 'mounted';
        } catch (e) {
          out.element = `${e.name}: ${e.message}`;
        }
        return out;
      });
      // The current one: the same nodes, opened by the wasm (no node added or removed).
      assert.deepEqual(result.current, { cards: 1, same: true, open: true, details: true, changes: [], error: null });
      // The stale one: one fresh card built, the prerendered one removed.
      assert.deepEqual(result.stale, { cards: 1, same: false, open: true, details: true, changes: [[1, 0], [0, 1]], error: null });
      assert.match(result.element, /^TypeError: mountCard: a <news-card> element shows its own card/);
      await p.close();
    });

    it('re-renders a stale prerender once, saying why once', async () => {
      const p = await env.open('pre/stale.html', { mounted: false });
      await p.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('.title')?.textContent === 'New headline');
      // A second render would follow from the first: a microtask, a toggle event (a task), an
      // IntersectionObserver report (at the next frame). Two frames after the first render,
      // each of those has come and gone.
      await p.frames();
      const warnings = await p.evaluate(() => window.__warnings);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /prerendered/);
      assert.deepEqual(await p.inCard((root) => [root.querySelectorAll('article.card').length, root.querySelector('.summary p').textContent,
        root.querySelector('[part~="body"]').textContent]), [1, 'The new summary.', 'The new paragraph.']);
      // One card built, one removed: rendered once.
      assert.deepEqual(await p.evaluate(() => window.__mutations.filter((m) => m.added || m.removed)), [{ card: 0, added: 1, removed: 0 }, { card: 0, added: 0, removed: 1 }]);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });
  });
}
