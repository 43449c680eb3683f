// The examples in examples/, each built as its README says and opened in real browsers: the card renders and toggles, with no console error and no CSP violation; the Eleventy site also without JavaScript and hydrated in place.
//
// Run by `./build.sh examples` (after `./build.sh pack` and `./build.sh dist`, which it runs):
// static-html in every engine of E2E_ENGINES, the others in Chromium (Eleventy's no-JS check also
// in WebKit: Playwright's Firefox cannot turn JavaScript off).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENGINES, start } from './e2e/harness.mjs';
import { CSP, withStyleSrc } from '../tools/serve.mjs';
import { buildEleventy, buildRustServer, buildStaticHtml, buildVite } from '../tools/examples.mjs';
import { crateVersion } from '../tools/pack.mjs';

const built = {};
const seconds = (begin) => `${((Date.now() - begin) / 1000).toFixed(1)} s`;

before(async () => {
  for (const [name, make] of [['static-html', buildStaticHtml], ['vite', buildVite],
    ['eleventy', () => buildEleventy({ pathPrefix: '/eleventy/' })], ['rust-server', buildRustServer]]) {
    const begin = Date.now();
    built[name] = await make();
    console.log(`# ${name} built in ${seconds(begin)}`);
  }
});

it('the npm examples name this version\'s tarball, and the versions of the tools they are built with here', async () => {
  const root = JSON.parse(await readFile('package.json', 'utf8')).devDependencies;
  for (const name of ['vite', 'eleventy']) {
    const manifest = JSON.parse(await readFile(`examples/${name}/package.json`, 'utf8'));
    assert.equal(manifest.dependencies['news-card'], `file:../../target/npm/news-card-${crateVersion()}.tgz`, name);
    // tools/examples.mjs builds them with the root's copies: the example must ask for those.
    for (const [dep, version] of Object.entries(manifest.devDependencies)) assert.equal(version, root[dep], `${name}: ${dep}`);
  }
});

/** The engines of E2E_ENGINES among `wanted`. */
const among = (...wanted) => ENGINES.filter((e) => wanted.includes(e));

/** The headline each <news-card> of the page shows. */
const titles = (p) => p.evaluate(() => [...document.querySelectorAll('news-card')].map((el) => el.shadowRoot?.querySelector('.title')?.textContent));

/** Records the toggle events of the page's <news-card>s in window.__toggles, from now on. */
const recordToggles = (p) => p.evaluate(() => {
  window.__toggles = [];
  // toggle does not bubble; a capturing listener on the document hears every card's. Added once.
  if (!window.__recording) document.addEventListener('toggle', (e) => { if (e.target.localName === 'news-card') window.__toggles.push(e.newState); }, true);
  window.__recording = true;
  return true;
});

/** Clicks card `i`'s toggle and waits for the element and its details to be open; returns the toggle events seen. */
async function toggleOpen(p, i = 0) {
  await recordToggles(p);
  await p.click('.toggle', i);
  await p.waitFor((n) => {
    const card = document.querySelectorAll('news-card')[n];
    return card.open && card.shadowRoot.querySelector('details').open && window.__toggles.length > 0;
  }, i);
  return p.evaluate(() => window.__toggles);
}

for (const engine of among('chromium', 'firefox', 'webkit')) {
  describe(`examples/static-html in ${engine}`, () => {
    let env;
    // The documented strict policy (tools/serve.mjs's CSP, the harness's default): no inline
    // script or style, the wasm compiled under 'wasm-unsafe-eval', everything from the page's origin.
    before(async () => { env = await start(engine, { mounts: { '/static-html/': built['static-html'].dir } }); });
    after(async () => { await env?.stop(); });

    it('the dist/ snippet, pinned by SRI, mounts the embedded article; a second card fetches article.json; both toggle', async () => {
      const p = await env.open('static-html/');
      const script = await p.evaluate(() => {
        const s = document.querySelector('script[type="module"][integrity]');
        return s && { src: new URL(s.src).pathname, integrity: s.integrity, crossOrigin: s.crossOrigin };
      });
      assert.match(script?.src ?? '', /^\/static-html\/news-card\.[0-9a-f]{12}\.js$/);
      assert.match(script.integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
      assert.equal(script.crossOrigin, 'anonymous');
      assert.equal(`<script type="module" src="${script.src.replace('/static-html/', '')}" integrity="${script.integrity}" crossorigin="anonymous"></script>`, built['static-html'].script);
      const article = JSON.parse(await readFile('examples/static-html/article.json', 'utf8'));
      await p.waitFor((title) => document.querySelectorAll('news-card')[1].shadowRoot.querySelector('.title')?.textContent === title, article.title);
      const [first, second] = await titles(p);
      assert.match(first, /كوريا/, 'the embedded article');
      assert.equal(second, article.title);
      // What the page loaded of the card: the hashed module and wasm from dist/, nothing unpinned.
      const loaded = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => /\.(js|wasm)$/.test(n)));
      assert.deepEqual(loaded.filter((n) => !n.startsWith('/__e2e/')).map((n) => n.replace(/\.[0-9a-f]{12}\./, '.HASH.')).sort(),
        ['/static-html/news-card.HASH.js', '/static-html/news_card_bg.HASH.wasm']);
      assert.deepEqual(await toggleOpen(p, 0), ['open']);
      assert.deepEqual(await toggleOpen(p, 1), ['open']);
      assert.deepEqual(await p.problems(), []);
      await p.close();
    });
  });
}

for (const engine of among('chromium')) {
  describe(`examples/vite in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine, { mounts: { '/vite/': built.vite.dist } }); });
    after(async () => { await env?.stop(); });

    it('type-checked (tsc --strict) and built by Vite: the element and a mountCard card render and toggle, typed listeners fire', async () => {
      const p = await env.open('vite/');
      await p.waitFor(() => document.querySelector('#host').shadowRoot?.querySelector('.title')?.textContent === 'Reading a card from TypeScript');
      assert.match((await titles(p))[0], /كوريا/);
      assert.deepEqual(await toggleOpen(p, 0), ['open']);
      await p.waitFor(() => document.querySelector('#status').textContent === 'the element is open');
      // The mounted card is in a host of the page's own: its toggle clicked in the page.
      await p.evaluate(() => { document.querySelector('#host').shadowRoot.querySelector('.toggle').click(); return true; });
      await p.waitFor(() => document.querySelector('#status').textContent === 'the mounted card is open');
      // Both wasm modules came from Vite's bundle: the reader's, and the publisher's for parseArticle.
      const wasm = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((n) => n.endsWith('.wasm')));
      assert.equal(wasm.length, 2, wasm.join(', '));
      for (const w of wasm) assert.match(w, /^\/vite\/assets\/news_card_bg-[\w-]+\.wasm$/);
      assert.deepEqual(await p.problems(), []);
      await p.close();
    });
  });
}

const SLUGS = ['library', 'market', 'rain'];

for (const engine of among('chromium', 'webkit')) {
  describe(`examples/eleventy in ${engine}`, () => {
    let env, articles, styleSrc;
    before(async () => {
      // The policy the example's README gives: the strict one, with the inline stylesheet's hash
      // as the installed package's styleSrc() prints it.
      const render = await import(pathToFileURL(join(built.eleventy.dir, 'node_modules/news-card/news-card-render.js')).href);
      styleSrc = render.styleSrc();
      articles = Object.fromEntries(await Promise.all(SLUGS.map(async (s) => [s, JSON.parse(await readFile(`examples/eleventy/src/_data/articles/${s}.json`, 'utf8'))])));
      env = await start(engine, { mounts: { '/eleventy/': built.eleventy.site }, csp: withStyleSrc(CSP, styleSrc) });
    });
    after(async () => { await env?.stop(); });

    it('without JavaScript: every article page shows its card, styled, its headline, summary and author readable', async () => {
      for (const slug of SLUGS) {
        const p = await env.open(`eleventy/articles/${slug}/`, { javaScript: false, mounted: false });
        assert.equal(await p.evaluate(() => customElements.get('news-card') === undefined), true, 'no script ran');
        const article = articles[slug];
        const seen = await p.inCard((root, summary) => {
          const shown = (e) => Boolean(e) && e.checkVisibility() && e.getBoundingClientRect().height > 0;
          return {
            title: shown(root.querySelector('.title')) && root.querySelector('.title').textContent,
            summary: shown(root.querySelector('[part~="summary"]')) && root.querySelector('[part~="summary"]').textContent.includes(summary),
            author: shown(root.querySelector('[part~="author"]')) && root.querySelector('[part~="author"]').textContent,
            border: getComputedStyle(root.querySelector('article.card')).borderTopWidth,
            open: root.querySelector('details').open,
          };
        }, article.summary);
        assert.equal(seen.title, article.title, slug);
        assert.equal(seen.summary, true, slug);
        assert.ok(seen.author.includes(article.author.name), `${slug}: ${seen.author}`);
        assert.equal(seen.border, '1px', `${slug}: the inline stylesheet applies under the policy`);
        assert.equal(seen.open, false);
        await p.close();
      }
    });

    if (engine !== 'chromium') return;

    it('the home page links every article of the collection', async () => {
      const p = await env.open('eleventy/', { mounted: false });
      const links = await p.evaluate(() => [...document.querySelectorAll('main a')].map((a) => [new URL(a.href).pathname, a.textContent]));
      assert.deepEqual(links, SLUGS.map((s) => [`/eleventy/articles/${s}/`, articles[s].title]));
      assert.deepEqual(await p.problems(), []);
      await p.close();
    });

    for (const slug of SLUGS) {
      it(`articles/${slug}/: hydrated in place (the same <article>, no mutation, no mount), then toggles`, async () => {
        // The wasm held back: the prerendered card is there, and recorded, before the shell can touch it.
        const wasm = env.hold('/eleventy/news-card/pkg/news_card_bg.wasm');
        const p = await env.open(`eleventy/articles/${slug}/`, { mounted: false });
        await wasm.requested;
        await p.evaluate(() => {
          const root = document.querySelector('news-card').shadowRoot;
          window.__before = root.querySelector('article.card');
          window.__mutations = 0;
          new MutationObserver((records) => { window.__mutations += records.length; }).observe(root, { childList: true, subtree: true, characterData: true });
          return true;
        });
        wasm.release();
        await p.waitFor(() => performance.getEntriesByName('news-card:hydrate').length === 1);
        const state = await p.evaluate(() => ({
          same: document.querySelector('news-card').shadowRoot.querySelector('article.card') === window.__before,
          mutations: window.__mutations,
          mounts: performance.getEntriesByName('news-card:mount').length,
          jsonLd: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)['@type'],
        }));
        assert.deepEqual(state, { same: true, mutations: 0, mounts: 0, jsonLd: 'NewsArticle' });
        assert.equal((await titles(p))[0], articles[slug].title);
        assert.deepEqual(await toggleOpen(p, 0), ['open']);
        assert.deepEqual(await p.problems(), []);
        await p.close();
      });
    }
  });
}

for (const engine of among('chromium')) {
  describe(`examples/rust-server in ${engine}`, () => {
    let env, server, base;
    before(async () => {
      server = spawn(built['rust-server'], [], { env: { ...process.env, PORT: '0', NEWS_CARD_WWW: 'www' }, stdio: ['ignore', 'pipe', 'inherit'] });
      base = await new Promise((ok, fail) => {
        let out = '';
        server.stdout.on('data', (chunk) => {
          out += chunk;
          const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
          if (url) ok(url);
        });
        server.once('exit', (code) => fail(new Error(`the rust-server exited (${code}) before listening: ${out}`)));
      });
      env = await start(engine);
    });
    after(async () => {
      await env?.stop();
      server?.kill();
    });

    it('serves the strict policy with the inline stylesheet\'s hash, and a fresh prerender per request', async () => {
      const styleSrc = execFileSync('target/release/news-card', ['csp'], { encoding: 'utf8' }).trim();
      const res = await fetch(base);
      assert.equal(res.headers.get('content-security-policy'), withStyleSrc(CSP, styleSrc));
      const closed = await res.text();
      const open = await (await fetch(`${base}?open`)).text();
      assert.match(closed, /<news-card data-digest="[0-9a-f]{16}"><template shadowrootmode="open">/);
      assert.match(open, /<news-card open data-digest="[0-9a-f]{16}"><template shadowrootmode="open">/);
      assert.equal((await fetch(`${base}articles/nothing`)).status, 404);
    });

    for (const [path, title] of [['', /كوريا/], ['articles/market?open', /^The old market reopens/]]) {
      it(`/${path}: prerendered, hydrated in place, toggles; no console error or CSP violation`, async () => {
        // The server's pages do not carry the tests' probe: Chromium reports every CSP
        // violation and error on the console, which Playwright records (p.console).
        const p = await env.open(`${base}${path}`, { mounted: false });
        await p.waitFor(() => performance.getEntriesByName('news-card:hydrate').length === 1);
        assert.equal(await p.evaluate(() => performance.getEntriesByName('news-card:mount').length), 0, 'hydrated, not built afresh');
        assert.match((await titles(p))[0], title);
        assert.equal(await p.inCard((root) => getComputedStyle(root.querySelector('article.card')).borderTopWidth), '1px', 'the inline stylesheet applies');
        const wasOpen = await p.evaluate(() => document.querySelector('news-card').open);
        assert.equal(wasOpen, path.endsWith('?open'));
        await recordToggles(p);
        await p.click('.toggle');
        await p.waitFor((open) => document.querySelector('news-card').open === !open && window.__toggles.length === 1, wasOpen);
        assert.deepEqual(await p.evaluate(() => window.__toggles), [wasOpen ? 'closed' : 'open']);
        assert.deepEqual(p.console, []);
        await p.close();
      });
    }
  });
}
