// Relative image and link URLs: resolved against the fetched article's own URL (src) or the page's base URL (inline and property articles), and still refused when they cannot be http(s).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';
import { CSP } from '../../tools/serve.mjs';

/** The image's and the headline link's attributes in card `id`, and its alert. */
function urlsOf(id) {
  const root = document.getElementById(id).shadowRoot;
  const img = root.querySelector('.card img');
  return {
    src: img?.getAttribute('src') ?? null,
    srcset: img?.getAttribute('srcset') ?? null,
    href: root.querySelector('.card .title a')?.getAttribute('href') ?? null,
    alert: root.querySelector('[role=alert]')?.textContent ?? null,
  };
}

for (const engine of ENGINES) {
  describe(`relative URLs in ${engine}`, () => {
    let env;
    // The documented policy, but with a <base> element allowed (its base-uri is 'none').
    before(async () => { env = await start(engine, { csp: CSP.replace("base-uri 'none'", "base-uri https://cdn.example") }); });
    after(async () => { await env?.stop(); });

    it('an article fetched from src resolves them against its own URL', async () => {
      const page = await env.open('fixtures/two.html');
      const origin = await page.evaluate(() => location.origin);
      await page.evaluate(() => { document.getElementById('first').src = '/fixtures/stories/42.json'; });
      await page.waitFor(() => document.getElementById('first').shadowRoot.querySelector('.card img'));
      assert.deepEqual(await page.run(`(${urlsOf})('first')`), {
        src: `${origin}/fixtures/stories/media/42.jpg`,
        srcset: `${origin}/fixtures/stories/media/42.jpg 1x, ${origin}/media/42@2x.jpg 2x`,
        href: `${origin}/stories/42`,
        alert: null,
      });
      // (The image itself is not there: its 404 is the only problem.)
      assert.deepEqual((await page.problems()).filter((p) => !p.includes('404')), []);
      await page.close();
    });

    it('an article property resolves them against the page\'s base URL, <base> included', async () => {
      const page = await env.open('fixtures/two.html');
      await page.evaluate(() => {
        const base = document.createElement('base');
        base.href = 'https://cdn.example/news/today/';
        document.head.prepend(base);
        document.getElementById('first').article = {
          title: 't', body: ['b'], url: '../42',
          image: { src: '/m/1.jpg', alt: '', width: 2, height: 1, srcset: 'a.jpg 100w, //img.example/b.jpg 200w' },
        };
      });
      await page.waitFor(() => document.getElementById('first').shadowRoot.querySelector('.card img'));
      assert.deepEqual(await page.run(`(${urlsOf})('first')`), {
        src: 'https://cdn.example/m/1.jpg',
        srcset: 'https://cdn.example/news/today/a.jpg 100w, https://img.example/b.jpg 200w',
        href: 'https://cdn.example/news/42',
        alert: null,
      });
      await page.close();
    });

    for (const [name, image] of [
      ['javascript:', { src: 'javascript:alert(1)' }],
      ['data:', { src: 'data:image/png;base64,AAAA' }],
      ['blob:', { src: 'blob:https://a.example/1' }],
      ['javascript: hidden behind a tab', { src: 'java\tscript:alert(1)' }],
      ['a data: srcset candidate', { src: 'a.jpg', srcset: 'a.jpg 1x, data:image/png;base64,AAAA 2x' }],
    ]) {
      it(`${name} stays refused: the alert names the image, and no image is shown`, async () => {
        const page = await env.open('fixtures/two.html');
        await page.evaluate((image) => {
          document.getElementById('first').article = { title: 't', body: ['b'], image: { alt: '', width: 1, height: 1, ...image } };
        }, image);
        await page.waitFor(() => document.getElementById('first').shadowRoot.querySelector('[role=alert]'));
        const shown = await page.run(`(${urlsOf})('first')`);
        assert.equal(shown.src, null);
        assert.match(shown.alert, /image\.(src|srcset)/);
        await page.close();
      });
    }
  });
}
