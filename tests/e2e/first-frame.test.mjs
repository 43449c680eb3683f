// The first frame that shows a prerendered card shows it styled, and the text below it never moves, through hydration too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENGINES, htmlPage, start } from './harness.mjs';
import { CSP } from '../../tools/serve.mjs';

const run = promisify(execFile);
// A linked news-card.css is held back this long: a first frame painted without it would surely come first.
const CSS_DELAY_MS = 1500;
// The recorder stops this many frames after the card's hydration, or after 600 frames.
const FRAMES_AFTER = 30;

// A classic script in <head>, so it runs before the body is parsed: every animation frame, it
// records whether the card is in the page, whether news-card.css styles it (the card's padding
// is 0 without it), and where the paragraph after the card is. A frame is rendered right after
// its callbacks; a browser that held rendering back for the stylesheet runs none before.
const FRAMES = `(() => {
  const frames = (window.__frames = []);
  const step = () => {
    const card = document.querySelector('news-card')?.shadowRoot?.querySelector('article.card');
    const after = document.getElementById('after');
    frames.push({
      t: performance.now(),
      card: Boolean(card),
      styled: card ? parseFloat(getComputedStyle(card).paddingBlockStart) > 0 : false,
      after: after ? after.getBoundingClientRect().top : null,
    });
    const hydrated = performance.getEntriesByName('news-card:hydrate').length > 0;
    if (hydrated) window.__hydratedAt ??= frames.length;
    if (frames.length < 600 && !(hydrated && frames.length > window.__hydratedAt + ${FRAMES_AFTER})) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})();
`;

let dir;
let styleSrc;

/** A publisher's article page: text before the card and after it, the recorder first. */
const story = (card, script = '') => htmlPage({
  title: 'A story with a card',
  head: `<script src="frames.js"></script>${script}`,
  body: `<main><h1>A story</h1><p>The paragraph before the card, as a publisher writes it.</p>
${card}
<p id="after">The paragraph after the card: it must never move.</p>
</main>`,
});

before(async () => {
  await run('cargo', ['build', '-q', '--release', '-p', 'news-card-cli']);
  dir = await mkdtemp(join(tmpdir(), 'news-card-first-frame-'));
  const renderer = 'target/release/news-card';
  styleSrc = (await run(renderer, ['csp'])).stdout.trim();
  // docs/csp.md's table tells publishers the hash: it must be this version's.
  const docs = await readFile('docs/csp.md', 'utf8');
  const row = docs.split('\n').find((l) => l.startsWith('| a prerendered card'));
  assert.ok(row?.includes(`\`style-src ${styleSrc}\``), `docs/csp.md's CSP row for prerendered cards does not give style-src ${styleSrc}`);
  const inline = (await run(renderer, ['render'])).stdout.trim();
  const linked = (await run(renderer, ['render', '--css-href', `/news-card.css?delay=${CSS_DELAY_MS}`])).stdout.trim();
  await writeFile(join(dir, 'frames.js'), FRAMES);
  // The default, the stylesheet inline, with the card's script: painted, then hydrated.
  await writeFile(join(dir, 'inline.html'), story(inline, '<script type="module" src="/news-card.js"></script>'));
  // A linked stylesheet, slow, and no script: what the parser alone paints.
  await writeFile(join(dir, 'slow-link.html'), story(linked));
});

after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

for (const engine of ENGINES) {
  describe(`the first frame of a prerendered card in ${engine}`, () => {
    let env;
    // The policy a publisher sets for prerendered cards: tools/serve.mjs's, with the hash that
    // `news-card csp` prints added to style-src.
    before(async () => {
      env = await start(engine, { mounts: { '/first/': dir }, csp: CSP.replace("style-src 'self'", `style-src 'self' ${styleSrc}`) });
    });
    after(async () => { await env?.stop(); });

    /** The recorded frames of `path`, once `done` holds in the page. */
    async function framesOf(path, done) {
      const p = await env.open(path, { mounted: false });
      await p.waitFor(done, undefined, { timeout: 20_000 });
      await p.frames();
      const frames = await p.evaluate(() => window.__frames);
      frames.hydratedAt = await p.evaluate(() => window.__hydratedAt ?? null);
      await p.close();
      return frames;
    }

    function assertStyledAndStill(frames) {
      const withCard = frames.filter((f) => f.card);
      assert.ok(withCard.length > 0, 'no frame showed the card');
      const unstyled = withCard.filter((f) => !f.styled);
      assert.deepEqual(unstyled, [], `${unstyled.length} of ${withCard.length} frames showed the card unstyled`);
      const tops = new Set(frames.filter((f) => f.after !== null).map((f) => f.after));
      assert.equal(tops.size, 1, `the paragraph after the card moved: ${[...tops].join(', ')}`);
      return withCard;
    }

    it('inline stylesheet (the default, under a CSP with its hash): every frame shows the card styled, and nothing moves when it hydrates', async () => {
      const frames = await framesOf('first/inline.html', () => window.__hydratedAt !== undefined && window.__frames.length > window.__hydratedAt + 30);
      assertStyledAndStill(frames);
      // The check spans the hydration: frames from the first paint to 30 frames after it.
      assert.ok(frames.hydratedAt !== null && frames.length > frames.hydratedAt + 30, `${frames.length} frames, hydrated at ${frames.hydratedAt}`);
    });

    // Only Chromium holds the first frame for a stylesheet linked in a declarative shadow root
    // (Firefox and WebKit painted the card unstyled for the whole delay here): the reason the
    // renderer writes the stylesheet inline unless it is given --css-href.
    it(`linked stylesheet (--css-href) ${CSS_DELAY_MS} ms late: Chromium paints no frame before it`, { skip: engine !== 'chromium' && 'Firefox and WebKit paint a linked shadow-root stylesheet late (see docs/prerender-and-hydration.md)' }, async () => {
      const frames = await framesOf('first/slow-link.html', () => (window.__frames ?? []).some((f) => f.styled));
      const withCard = assertStyledAndStill(frames);
      assert.ok(withCard[0].t >= CSS_DELAY_MS * 0.9, `the first frame with the card came at ${withCard[0].t} ms`);
    });
  });
}
