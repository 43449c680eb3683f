// The card's state agrees with itself after every task, whatever order page code and the reader change it in, re-entrant clicks from `toggle` listeners included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start, styleSrcOfCard } from './harness.mjs';
import { CSP, withStyleSrc } from '../../tools/serve.mjs';

// The prerendered demo page carries the card's stylesheet inline: served, as ./build.sh serves
// it, with its hash (what `news-card csp` prints) in style-src.
const STYLE_SRC = await styleSrcOfCard();

/**
 * Installs a monitor on the first <news-card>: after every task in which the host's `open`
 * attribute, its <details>' `open`, a label's `hidden` or a `toggle` event on the host changed,
 * a check runs in the next task (a message, queued behind that task) and records every
 * disagreement between the attribute, the property, the details, the label shown (by `hidden`,
 * which needs no stylesheet, and as rendered) and the last `toggle` event's newState.
 * `window.__monitor.changes` counts changes, so a spec can wait until they stop.
 */
function monitor(page) {
  return page.evaluate(() => {
    window.__monitor?.stop();
    const el = document.querySelector('news-card');
    const root = el.shadowRoot;
    const details = root.querySelector('details');
    const observers = [];
    const m = { changes: 0, checks: 0, bad: [], toggles: [], stop: () => observers.forEach((o) => o.disconnect()) };
    window.__monitor = m;
    const snapshot = () => {
      const labels = [...root.querySelectorAll('.toggle-label')];
      return {
        attr: el.hasAttribute('open'),
        prop: el.open,
        details: details.open,
        // The label for the state is the only one without `hidden`, and the only one rendered.
        unhidden: labels.filter((l) => !l.hidden).map((l) => l.classList.contains('when-open')),
        shown: labels.filter((l) => l.checkVisibility()).map((l) => l.classList.contains('when-open')),
        last: m.toggles.at(-1)?.newState ?? null,
      };
    };
    m.snapshot = snapshot;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      m.checks++;
      const s = snapshot();
      const open = s.attr;
      const agree = s.prop === open && s.details === open && String(s.unhidden) === String([open]) &&
        String(s.shown) === String([open]) && (s.last === null || s.last === (open ? 'open' : 'closed'));
      if (!agree) m.bad.push(s);
    };
    const changed = () => {
      m.changes++;
      channel.port2.postMessage(0);
    };
    const observe = (node, options) => {
      const o = new MutationObserver(changed);
      o.observe(node, { attributes: true, ...options });
      observers.push(o);
    };
    observe(el, { attributeFilter: ['open'] });
    observe(details, { attributeFilter: ['open'] });
    observe(details.querySelector('summary'), { attributeFilter: ['hidden'], subtree: true });
    el.addEventListener('toggle', (e) => {
      m.toggles.push({ oldState: e.oldState, newState: e.newState });
      changed();
    });
  });
}

/**
 * Waits until the monitor's checks have caught up with its changes and no change came for two
 * animation frames (each frame runs after the tasks queued before it, the details' own
 * `toggle` tasks included), then returns what it saw.
 */
async function settled(page) {
  await page.waitFor(() => new Promise((done) => {
    const m = window.__monitor;
    const before = m.changes;
    requestAnimationFrame(() => requestAnimationFrame(() => done(m.changes === before && m.checks >= m.changes)));
  }));
  return page.evaluate(() => ({ bad: window.__monitor.bad, toggles: window.__monitor.toggles, now: window.__monitor.snapshot() }));
}

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
