// A property test: random sequences of every way the disclosure can change (the reader's click, Enter and Space, click(), dispatched clicks that bubble or not, details.open, the attribute and the property, and each from inside a `toggle` listener), with the card's state agreeing after every task.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';
import { monitor, settled } from './monitor.mjs';

/** A small seeded generator (mulberry32): the sequences are drawn in Node, before any page runs, so they are the same in every engine whatever the timing. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What page script does, as source run in the page with `el`, `summary` and `details` in scope.
const PAGE_OPS = {
  'click()': 'summary.click()',
  'a dispatched click that does not bubble': "summary.dispatchEvent(new MouseEvent('click'))",
  'a dispatched click that bubbles': "summary.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }))",
  'details.open flipped through the shadow root': 'details.open = !details.open',
  'the attribute flipped': "el.toggleAttribute('open')",
  'the property flipped': 'el.open = !el.open',
};
const READER_OPS = ['a reader\'s click', 'Enter on the summary', 'Space on the summary'];
const OPS = [...READER_OPS, ...Object.keys(PAGE_OPS), 'from a toggle listener'];

/** `count` sequences of `length` operations each, from `seed`. */
function sequences(seed, count, length) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, () => Array.from({ length }, () => {
    const op = pick(OPS);
    // A toggle listener runs one page operation once, inside the next `toggle` the card fires
    // (set off here by flipping the property).
    return op === 'from a toggle listener' ? { op, inner: pick(Object.keys(PAGE_OPS)) } : { op };
  }));
}

for (const engine of ENGINES) {
  describe(`random sequences of toggles in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    for (const [n, sequence] of sequences(2326, 4, 12).entries()) {
      it(`sequence ${n}: ${sequence.map((s) => s.inner ? `${s.op} (${s.inner})` : s.op).join(', ')}`, async () => {
        const page = await env.open();
        await page.mounted();
        await monitor(page);
        for (const [i, { op, inner }] of sequence.entries()) {
          if (op === 'a reader\'s click') await page.click('.toggle');
          else if (READER_OPS.includes(op)) {
            await page.inCard((root) => root.querySelector('summary').focus());
            await page.press(op.startsWith('Enter') ? 'Enter' : 'Space');
          } else {
            const code = inner
              ? `el.addEventListener('toggle', () => { ${PAGE_OPS[inner]}; }, { once: true }); el.open = !el.open;`
              : PAGE_OPS[op];
            await page.evaluate(`() => {
              const el = document.querySelector('news-card');
              const details = el.shadowRoot.querySelector('details');
              const summary = details.querySelector('summary');
              ${code};
              return true;
            }`);
          }
          const seen = await settled(page);
          const open = seen.now.attr;
          assert.deepEqual(seen.bad, [], `step ${i} (${op}): after every task, all parts agree`);
          assert.deepEqual(seen.now, {
            attr: open, prop: open, details: open, unhidden: [open], shown: [open],
            last: seen.toggles.length ? (open ? 'open' : 'closed') : null,
          }, `step ${i} (${op}): settled in agreement`);
        }
        // The wasm agrees too: one reader's click turns every part to the other state, with one toggle.
        const before = (await settled(page)).now.attr;
        await page.evaluate(() => { window.__monitor.toggles.splice(0); });
        await page.click('.toggle');
        const last = await settled(page);
        assert.equal(last.now.attr, !before);
        assert.equal(last.now.details, !before);
        assert.equal(last.toggles.length, 1);
        assert.deepEqual(await page.problems(), []);
        await page.close();
      });
    }
  });
}
