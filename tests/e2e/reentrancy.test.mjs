// The card's state agrees with itself after every task, whatever order page code and the reader change it in, re-entrant clicks from `toggle` listeners included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start, styleSrcOfCard } from './harness.mjs';
import { monitor, settled } from './monitor.mjs';
import { CSP, withStyleSrc } from '../../tools/serve.mjs';

// The prerendered demo page carries the card's stylesheet inline: served, as ./build.sh serves
// it, with its hash (what `news-card csp` prints) in style-src.
const STYLE_SRC = await styleSrcOfCard();

/** Asserts the card settled in `open`, in agreement after every task it went through. */
function assertAgreed(seen, open, what) {
  assert.deepEqual(seen.bad, [], `${what}: after every task, attribute, property, details, label and last toggle agree`);
  assert.deepEqual(seen.now, {
    attr: open, prop: open, details: open, unhidden: [open], shown: [open],
    last: seen.toggles.length ? (open ? 'open' : 'closed') : null,
  }, `${what}: settled ${open ? 'open' : 'closed'}`);
  // Events alternate: each says the state the one before it left.
  seen.toggles.forEach((t, i) => {
    assert.notEqual(t.oldState, t.newState, `${what}: toggle ${i} changes the state`);
    if (i > 0) assert.equal(t.oldState, seen.toggles[i - 1].newState, `${what}: toggle ${i} starts where ${i - 1} ended`);
  });
}

// Each scenario runs in the page, on the card's host `el` and its `summary` (its listeners take
// `signal`, aborted before the final check); `reader` says whether a real (driver) click on the
// toggle follows the page code; `open` is the state it must end in.
const CLICK = {
  'click()': 'summary.click()',
  'dispatchEvent(click)': "summary.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }))",
  // A synthetic click that neither bubbles nor is cancelable still runs the summary's activation.
  'dispatchEvent(non-bubbling click)': "summary.dispatchEvent(new MouseEvent('click'))",
};
const SCENARIOS = [];
for (const [how, click] of Object.entries(CLICK)) {
  SCENARIOS.push(
    { name: `a toggle listener that ${how}s the summary once, after a reader's click`, reader: true, open: false,
      code: `el.addEventListener('toggle', () => ${click}, { once: true, signal });` },
    { name: `a toggle listener that ${how}s the summary three times in all, after a reader's click`, reader: true, open: false,
      code: `let n = 0; el.addEventListener('toggle', () => { if (n++ < 3) ${click}; }, { signal });` },
    { name: `a toggle listener that ${how}s the summary once, after the page sets open`, reader: false, open: false,
      code: `el.addEventListener('toggle', () => ${click}, { once: true, signal }); el.open = true;` },
    { name: `a listener on the details' own toggle that ${how}s the summary once, after a reader's click`, reader: true, open: false,
      code: `summary.parentElement.addEventListener('toggle', () => ${click}, { once: true, signal });` },
    { name: `${how} twice in one task`, reader: false, open: false, code: `${click}; ${click};` },
    { name: `${how}, then the page sets open = false in the same task`, reader: false, open: false,
      code: `${click}; el.open = false;` },
    { name: `the page sets open, then ${how} in the same task`, reader: false, open: false,
      code: `el.open = true; ${click};` },
  );
}
SCENARIOS.push(
  { name: 'a toggle listener that clicks the summary on every open, after a reader\'s click', reader: true, open: false,
    code: "el.addEventListener('toggle', (e) => { if (e.newState === 'open') summary.click(); }, { signal });" },
  { name: 'click() from a microtask after the page sets open', reader: false, open: false,
    code: 'el.open = true; queueMicrotask(() => summary.click());' },
  { name: 'a toggle listener that closes the card again (open = false), after a reader\'s click', reader: true, open: false,
    code: "el.addEventListener('toggle', (e) => { if (e.newState === 'open') el.open = false; }, { signal });" },
  { name: 'a toggle listener that removes the attribute, after a reader\'s click', reader: true, open: false,
    code: "el.addEventListener('toggle', () => el.removeAttribute('open'), { once: true, signal });" },
  { name: 'a toggle listener that flips the attribute three times, after a reader\'s click', reader: true, open: false,
    code: "el.addEventListener('toggle', () => { el.toggleAttribute('open'); el.toggleAttribute('open'); el.toggleAttribute('open'); }, { once: true, signal });" },
  { name: 'open set in a task, and a click queued in the next', reader: false, open: false,
    code: 'el.open = true; setTimeout(() => summary.click());' },
);
// The prerendered card's hydration is its own code path; these run there too (a page each).
const PRERENDERED = new Set([0, 3, 4, 5, 7, 14, 17].map((i) => SCENARIOS[i].name));

for (const engine of ENGINES) {
  describe(`re-entrant and interleaved toggles in ${engine}`, () => {
    let env;
    before(async () => {
      env = await start(engine, { csp: (url) => (url.pathname === '/index.html' ? withStyleSrc(CSP, STYLE_SRC) : CSP) });
    });
    after(async () => { await env?.stop(); });

    /** Runs `scenario` on the page's first card, then a reader's click; asserts agreement throughout. */
    async function run(page, scenario) {
      await monitor(page);
      // Sent as source (the page's CSP rightly refuses eval): the scenario's code in a function.
      await page.evaluate(`() => {
        const el = document.querySelector('news-card');
        const summary = el.shadowRoot.querySelector('summary');
        // The scenario's listeners go before the reader's last click (below).
        const { signal } = (window.__scenario = new AbortController());
        ${scenario.code}
        return true;
      }`);
      if (scenario.reader) await page.click('.toggle');
      const seen = await settled(page);
      assertAgreed(seen, scenario.open, scenario.name);
      // The wasm agrees too: a reader's click from here turns every part to the other state.
      await page.evaluate(() => { window.__scenario.abort(); window.__monitor.toggles.splice(0); });
      await page.click('.toggle');
      const next = await settled(page);
      assertAgreed(next, !scenario.open, `${scenario.name}, then a reader's click`);
      assert.equal(next.toggles.length, 1, 'the reader\'s click fires one toggle');
      assert.deepEqual(await page.problems(), []);
    }

    describe('a client-rendered card (a fresh one for each order)', () => {
      let page;
      before(async () => { page = await env.open(); });
      after(async () => { await page?.close(); });
      for (const scenario of SCENARIOS) {
        it(scenario.name, async () => {
          await page.evaluate(() => {
            document.querySelectorAll('news-card').forEach((el) => el.remove());
            document.querySelector('main').append(document.createElement('news-card'));
          });
          await page.mounted();
          await run(page, scenario);
        });
      }
    });

    describe('a prerendered card, once hydrated', () => {
      for (const scenario of SCENARIOS.filter((s) => PRERENDERED.has(s.name))) {
        it(scenario.name, async () => {
          const page = await env.open('index.html');
          await page.waitFor(() => performance.getEntriesByName('news-card:hydrate').length === 1);
          await run(page, scenario);
          await page.close();
        });
      }
    });
  });
}

