// The CSP table of docs/csp.md, feature by feature, in every engine: each under exactly its documented policy with no violation, and each without its one directive reported.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ENGINES, htmlPage, start } from './harness.mjs';
import { serve } from '../../tools/serve.mjs';
import { writeDist } from '../../tools/dist.mjs';

// The policies are docs/csp.md's: its table "What each feature needs", the first code span of
// each row's second cell, so the tests serve what the documentation promises (on main, which
// promised only script-src, the card could not even fetch its wasm). Every policy starts from
// nothing allowed. img-src data: is the test page's own icon, not the card's: without one Firefox
// fetches /favicon.ico, and either is an img-src violation under default-src 'none'.
const BASE = "default-src 'none'; img-src data:";
function documented() {
  const docs = readFileSync('docs/csp.md', 'utf8');
  const table = docs.split('\n## What each feature needs\n')[1]?.split('\n\n').find((block) => block.startsWith('| feature'));
  assert.ok(table, 'docs/csp.md has no table under "## What each feature needs"');
  const row = (start) => {
    const line = table.split('\n').find((l) => l.startsWith(`| ${start}`));
    assert.ok(line, `docs/csp.md's CSP table has no row for ${start}`);
    return line.split(' | ')[1].match(/`([^`]+)`/)[1];
  };
  const card = row('the card itself');
  // The documentation's example origins stand for the test's second origin.
  return {
    card,
    src: card.replace(/connect-src [^;]*/, row('`src`').replace('https://news.example', 'ORIGIN')),
    naskh: `${card}; ${row('`font="naskh"`')}`,
    image: `${card}; ${row('the lead image').replace('https://images.example', 'ORIGIN')}`,
    // 'self' is added for the tests' own error probe, which the server puts on every page.
    dist: row('the `dist/` snippet').replaceAll('https://cdn.example', 'ORIGIN').replace('script-src ', "script-src 'self' "),
  };
}
const NEEDS = documented();
// The controls: one directive (or one source in it) taken away, and what must then be reported.
const WITHOUT = {
  // WebKit refuses the compile with a CompileError naming the directive, and fires no event.
  'card-no-wasm-eval': ['card', "'wasm-unsafe-eval'", /^CSP: script-src|CompileError: Refused .*'wasm-unsafe-eval'/],
  'card-no-connect': ['card', "connect-src 'self'", /^CSP: (connect-src|default-src)/],
  'src-no-origin': ['src', ' ORIGIN', /^CSP: (connect-src|default-src)/],
  'naskh-no-font': ['naskh', "font-src 'self'", /^CSP: (font-src|default-src)/],
  'image-no-origin': ['image', ' ORIGIN', /^CSP: (img-src|default-src)/],
  'dist-no-script': ['dist', ' ORIGIN', /^CSP: script-src/],
  'dist-no-connect': ['dist', 'connect-src ORIGIN', /^CSP: (connect-src|default-src)/],
};

const page = (body) => htmlPage({ title: 'CSP', body });
const MODULE = '<script type="module" src="/news-card.js"></script>';

/** Resolves to 'mounted' once every card has, or to the problems recorded first (a violation, an error). */
function settle(p, ms = 10_000) {
  return p.waitFor(() => {
    const cards = [...document.querySelectorAll('news-card')];
    if (cards.length && cards.every((el) => el.shadowRoot?.querySelector('.card'))) return 'mounted';
    return window.__problems.length ? window.__problems.join('\n') : false;
  }, undefined, { timeout: ms });
}

for (const engine of ENGINES) {
  describe(`CSP, feature by feature, in ${engine}`, () => {
    let env, other, scratch, origin, dist;
    const policy = (name) => {
      const [feature, remove] = WITHOUT[name] ?? [name];
      let needs = NEEDS[feature];
      if (remove) {
        needs = remove.startsWith(' ') ? needs.replace(remove, '') : needs.replace(`; ${remove}`, '').replace(remove, '');
        assert.notEqual(needs, NEEDS[feature], `${name}: ${remove} is not in ${NEEDS[feature]}`);
      }
      // One img-src: the page's own icon (BASE) and the feature's sources together (a second
      // img-src directive would be ignored).
      const img = needs.match(/(?:^|; )img-src([^;]*)/);
      const base = img ? BASE.replace('img-src data:', `img-src data:${img[1]}`) : BASE;
      if (img) needs = needs.replace(img[0], '');
      return `${base}; ${needs}`.replaceAll('ORIGIN', origin).replace(/; $/, '');
    };
    before(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'news-card-csp-'));
      // The second origin: articles with CORS, and dist/ as a CDN would serve it.
      other = await serve({ '/': scratch }, { cors: true });
      origin = other.url.replace(/\/$/, '');
      dist = await writeDist({ out: join(scratch, 'dist'), base: `${other.url}dist/` });
      await writeFile(join(scratch, 'article.json'), JSON.stringify({ title: 'From elsewhere', body: ['A paragraph fetched from another origin.'], lang: 'en' }));
      await writeFile(join(scratch, 'landing.html'), page('<p>landed</p>'));
      const pages = join(scratch, 'pages');
      await mkdir(pages);
      const article = (a) => `<script type="application/json">${JSON.stringify(a)}</script>`;
      await writeFile(join(pages, 'card.html'), page(`${MODULE}\n<news-card></news-card>`));
      await writeFile(join(pages, 'src.html'), page(`${MODULE}\n<news-card src="${other.url}article.json"></news-card>`));
      await writeFile(join(pages, 'naskh.html'), page(`${MODULE}\n<news-card font="naskh"></news-card>`));
      await writeFile(join(pages, 'link.html'), page(`${MODULE}\n<news-card>${article({ title: 'رابط إلى موقع آخر', body: ['فقرة.'], url: `${other.url}landing.html` })}</news-card>`));
      await writeFile(join(pages, 'dist.html'), page(dist.snippet));
      // A lead image from the second origin.
      await writeFile(join(scratch, 'photo.png'), PNG.sync.write(new PNG({ width: 1, height: 1 })));
      await writeFile(join(pages, 'image.html'), page(`${MODULE}\n<news-card>${article({ title: 'صورة من موقع آخر', body: ['فقرة.'],
        image: { src: `${other.url}photo.png`, alt: 'صورة', width: 1, height: 1 } })}</news-card>`));
      // The page's policy comes from its ?csp= name.
      env = await start(engine, { mounts: { '/csp/': pages }, csp: (url) => policy(url.searchParams.get('csp') ?? 'card') });
    });
    after(async () => {
      await env?.stop();
      await new Promise((ok) => (other ? other.close(ok) : ok()));
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    /** Opens `file` under the named policy and waits until its cards mount or a problem is recorded. */
    async function open(file, name) {
      const p = await env.open(`csp/${file}?csp=${name}`, { mounted: false });
      return { p, state: await settle(p) };
    }

    it('the card (module, glue, wasm fetch and compile), toggled, under script-src and connect-src only', async () => {
      const { p, state } = await open('card.html', 'card');
      assert.equal(state, 'mounted');
      await p.click('.toggle');
      await p.waitFor(() => document.querySelector('news-card').open);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('styles need no style-src: constructable stylesheets apply under style-src \'none\', a <style> would not', async () => {
      const { p } = await open('card.html', 'card');
      // default-src 'none' covers style-src: the card is styled all the same.
      const styled = await p.inCard((root) => {
        const card = root.querySelector('.card');
        return { sheets: root.adoptedStyleSheets.length, maxWidth: getComputedStyle(card).maxWidth, radius: getComputedStyle(card).borderTopLeftRadius };
      });
      assert.equal(styled.sheets, 1);
      assert.notEqual(styled.maxWidth, 'none');
      assert.notEqual(styled.radius, '0px');
      assert.deepEqual(await p.recorded(), []);
      // The control: a <style> in the same shadow root is refused and reported, so the listener would see one.
      await p.inCard((root) => { const s = document.createElement('style'); s.textContent = '.card{color:red}'; root.append(s); return true; });
      const problems = await p.waitFor(() => window.__problems.length && window.__problems);
      assert.match(problems[0], /^CSP: (style-src|default-src)/);
      await p.close();
    });

    it('src from another origin needs that origin in connect-src', async () => {
      const { p, state } = await open('src.html', 'src');
      assert.equal(state, 'mounted');
      assert.equal(await p.inCard((root) => root.querySelector('.title').textContent), 'From elsewhere');
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('font="naskh" needs font-src for the fonts beside the module, and its face really loads', async () => {
      const { p, state } = await open('naskh.html', 'naskh');
      assert.equal(state, 'mounted');
      // The card's Arabic text asks for the face by itself; nothing here forces a load. The
      // regular face (the text's) is awaited: the bold one (the headline's) may load first.
      const faces = await p.waitFor(() => {
        const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'news-card-naskh');
        return faces.some((f) => f.weight === '400' && f.status === 'loaded') && faces.map((f) => `${f.weight} ${f.status}`);
      });
      assert.ok(faces.includes('400 loaded'), faces.join());
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('the lead image from another origin needs that origin in img-src, and it loads', async () => {
      const { p, state } = await open('image.html', 'image');
      assert.equal(state, 'mounted');
      await p.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('img')?.naturalWidth === 1);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    it('links in the card need nothing: following one is a navigation, which no directive governs', async () => {
      const { p, state } = await open('link.html', 'card');
      assert.equal(state, 'mounted');
      assert.deepEqual(await p.recorded(), []);
      await p.click('a');
      await p.waitFor((url) => location.href === url, `${other.url}landing.html`);
      await p.close();
    });

    it('the dist/ snippet from a CDN needs the CDN in script-src and connect-src, nothing from the page', async () => {
      const { p, state } = await open('dist.html', 'dist');
      assert.equal(state, 'mounted');
      await p.click('.toggle');
      await p.waitFor(() => document.querySelector('news-card').open);
      assert.deepEqual(await p.recorded(), []);
      await p.close();
    });

    for (const [name, [feature, removed, expected]] of Object.entries(WITHOUT)) {
      it(`control: ${feature} without ${removed.trim().replace('ORIGIN', 'the other origin')} is reported`, async () => {
        const file = { card: 'card.html', src: 'src.html', naskh: 'naskh.html', image: 'image.html', dist: 'dist.html' }[feature];
        const p = await env.open(`csp/${file}?csp=${name}`, { mounted: false });
        const seen = await p.waitFor((re) => window.__problems.some((m) => new RegExp(re).test(m)), expected.source)
          .catch(() => false);
        assert.ok(seen, `${policy(name)}: nothing matching ${expected} in\n${(await p.recorded()).join('\n')}`);
        await p.close();
      });
    }
  });
}
