// End-to-end tests of the public API (every way in, bad input, hostile text, leaks), in every engine of ENGINES.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ENGINES, start } from './harness.mjs';
import { assertCollected, track } from './leaks.mjs';

const byId = (page, id) => page.evaluate((id) => [...document.querySelectorAll('news-card')].findIndex((el) => el.id === id), id);

/** The card's fields as a reader gets them, from the card with `id`. */
async function fields(page, id) {
  return page.inCard((root) => {
    const text = (sel) => root.querySelector(sel)?.textContent ?? null;
    const card = root.querySelector('.card');
    return {
      lang: card.getAttribute('lang'),
      dir: getComputedStyle(card).direction,
      title: text('h2'),
      summary: text('.summary p'),
      body: [...root.querySelectorAll('.body p')].map((p) => p.textContent),
      name: text('.author-name'),
      bio: text('.author-bio'),
      source: text('[part=source]'),
      // The attribute, not the shown text: how the date is displayed is not this spec's concern.
      published: root.querySelector('time')?.getAttribute('datetime') ?? null,
      link: root.querySelector('h2 a') && { href: root.querySelector('h2 a').getAttribute('href'), rel: root.querySelector('h2 a').rel },
      alert: text('[role=alert]'),
    };
  }, null, await byId(page, id));
}

/** Sets the `article` property of the card with `id` and waits for the card to change. */
async function setArticle(page, id, article) {
  await page.evaluate(([id, article]) => {
    const el = document.getElementById(id);
    window.__before = el.shadowRoot.querySelector('.card');
    el.article = article;
  }, [id, article]);
  await page.waitFor((id) => {
    const card = document.getElementById(id).shadowRoot.querySelector('.card');
    return card && card !== window.__before;
  }, id);
}

for (const engine of ENGINES) {
  describe(`news-card API in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    describe('ways in', () => {
      it('reads src as JSON (by Content-Type) and as plain text, an inline script, and falls back to the embedded article', async () => {
        const page = await env.open('fixtures/inputs.html');
        const json = JSON.parse(await readFile('tests/fixtures/article.json', 'utf8'));
        assert.deepEqual(await fields(page, 'json'), {
          lang: 'en', dir: 'ltr', title: json.title, summary: json.summary, body: json.body,
          name: json.author.name, bio: json.author.bio, source: json.source, published: json.published,
          link: { href: json.url, rel: 'noopener' }, alert: null,
        });
        const seedTitle = (await readFile('content/article.txt', 'utf8')).split('\n')[0];
        assert.equal((await fields(page, 'text')).title, seedTitle);
        assert.equal((await fields(page, 'text')).body.length, 8);
        const inline = await fields(page, 'inline');
        assert.deepEqual([inline.title, inline.body, inline.dir], ['عنوان من الصفحة', ['فقرة أولى.', 'فقرة ثانية.'], 'rtl']);
        assert.equal((await fields(page, 'embedded')).title, seedTitle);
        assert.deepEqual(await page.problems(), []);
        await page.close();
      });

      it('re-renders in place when article or src change, keeping the element', async () => {
        const page = await env.open('fixtures/inputs.html');
        await page.evaluate(() => { window.__el = document.getElementById('embedded'); });
        await setArticle(page, 'embedded', { title: 'أول', body: ['نص'] });
        assert.equal((await fields(page, 'embedded')).title, 'أول');
        await setArticle(page, 'embedded', { title: 'ثانٍ', body: ['نص آخر'], lang: 'fa' });
        const second = await fields(page, 'embedded');
        assert.deepEqual([second.title, second.lang, second.body], ['ثانٍ', 'fa', ['نص آخر']]);
        assert.equal(await page.evaluate(() => document.getElementById('embedded') === window.__el), true);
        assert.equal(await page.inCard((root) => root.querySelectorAll('.card').length, null, await byId(page, 'embedded')), 1);
        // src replaces the inline script's article.
        await page.evaluate(() => { window.__before = document.getElementById('inline').shadowRoot.querySelector('.card'); document.getElementById('inline').src = 'article.json'; });
        await page.waitFor(() => document.getElementById('inline').shadowRoot.querySelector('.card') !== window.__before);
        assert.equal((await fields(page, 'inline')).title, 'Rust reaches the browser');
        await page.close();
      });

      it('drops a src fetch that loses the race to a newer one', async () => {
        const page = await env.open('fixtures/inputs.html');
        // The older request is held by the server until released, and has reached it before
        // the newer one is made (set both in one task and the card coalesces them: no race).
        await page.evaluate(() => { document.getElementById('embedded').src = '/content/article.txt?hold=older'; });
        await env.requested('/content/article.txt?hold=older');
        await page.evaluate(() => { document.getElementById('embedded').src = 'article.json'; });
        await page.waitFor(() => document.getElementById('embedded').shadowRoot.querySelector('h2').textContent === 'Rust reaches the browser');
        // Only now is the older one answered; then it has ended (dropped by the page, or sent)
        // and the page has had whatever the server sent: had it landed, the card would show it.
        env.release('older');
        await page.drain();
        assert.equal((await fields(page, 'embedded')).title, 'Rust reaches the browser');
        assert.deepEqual(await page.problems(), []);
        await page.close();
      });

      it('exports parseArticle: plain text into the JSON format, errors naming the line', async () => {
        const page = await env.open();
        const text = await readFile('content/article.txt', 'utf8');
        const parsed = await page.evaluate(async (text) => (await import('/news-card.js')).parseArticle(text), text);
        const lines = text.split('\n').filter((l) => l.trim());
        assert.deepEqual(
          { ...parsed, body: parsed.body.length },
          { title: lines[0], summary: lines[3], body: 8, author: { name: 'يوري', bio: lines[13].slice('يوري - '.length) }, lang: 'ar', dir: 'rtl' },
        );
        const error = await page.evaluate(async () => {
          try { await (await import('/news-card.js')).parseArticle('عنوان\n\nنص'); return null; } catch (e) { return e.message; }
        });
        assert.equal(error, 'line 3: summary: expected the section label "في كلمات قليلة" after the headline');
        await page.close();
      });
    });

    describe('bad input', () => {
      const cases = [
        // JSON text is parsed by the browser: one message in every engine, without the engine's wording.
        ['invalid JSON', { src: 'invalid.json' }, { field: 'article', line: null, has: 'article: is not valid JSON' }],
        ['not UTF-8', { src: 'latin1.txt' }, { field: 'article', line: 5, has: 'not UTF-8' }],
        ['a 404', { src: 'missing.json' }, { field: 'src', line: null, has: 'HTTP 404' }],
        ['a network error', { src: 'article.json?reset' }, { field: 'src', line: null, has: 'TypeError' }],
        ['a wrong type', { article: { title: 42, body: ['x'] } }, { field: 'title', line: null, has: 'expected a string, found a number' }],
        ['a missing title', { article: { body: ['x'] } }, { field: 'title', line: null, has: 'is required' }],
        ['an empty body', { article: { title: 't', body: [] } }, { field: 'body', line: null, has: 'must not be empty' }],
        ['a bad paragraph', { article: { title: 't', body: ['a', null] } }, { field: 'body[1]', line: null, has: 'found null' }],
        ['too many paragraphs', { article: { title: 't', body: Array(2001).fill('p') } }, { field: 'body', line: null, has: 'more than 2000 paragraphs' }],
        ['too much text', { article: { title: 't', body: ['ب'.repeat(600_000)] } }, { field: 'article', line: null, has: 'more than 1048576 bytes' }],
        // The object crosses as itself: a cycle through a member the card reads is that member's
        // wrong type (a cycle anywhere else is never read: tests/web.rs).
        ['a cyclic object', { cyclic: true }, { field: 'author.name', line: null, has: 'author.name: expected a string, found an object' }],
      ];
      for (const [name, input, expected] of cases) {
        it(`shows ${name} as an alert, fires news-card-error, logs once, and leaves the other card working`, async () => {
          const page = await env.open('fixtures/errors.html');
          // The bad card's first src (missing.json) has already failed: count from here.
          await page.evaluate(() => { window.__cardErrors.length = 0; });
          await page.clearProblems();
          await page.evaluate(async (input) => {
            const el = document.getElementById('bad');
            const before = el.shadowRoot.querySelector('.card');
            if (input.src) el.src = `${input.src}${input.src.includes('?') ? '&' : '?'}case=${Math.random()}`;
            // The cycle is made in the page: a cyclic object cannot travel as an argument.
            else if (input.cyclic) { const a = { title: 't', body: ['b'] }; a.self = a; a.author = { name: a }; el.article = a; }
            else el.article = input.article;
            await new Promise((ok) => { const t = setInterval(() => { if (el.shadowRoot.querySelector('.card') !== before) { clearInterval(t); ok(); } }, 10); });
          }, input);
          const bad = await fields(page, 'bad');
          assert.ok(bad.alert, 'an alert is shown');
          assert.ok(bad.alert.includes(expected.field), `the alert names the field: ${bad.alert}`);
          assert.ok(bad.alert.includes(expected.has), `the alert gives the reason: ${bad.alert}`);
          assert.ok(bad.alert.startsWith('تعذّر عرض المقال'), 'the alert speaks the card\'s language');
          const events = await page.evaluate(() => window.__cardErrors);
          assert.equal(events.length, 1);
          assert.deepEqual({ id: events[0].id, field: events[0].field, line: events[0].line }, { id: 'bad', field: expected.field, line: expected.line });
          assert.ok(events[0].message.includes(expected.has));
          // Counted from the in-page probe, which sees each console.error call once in every engine.
          const recorded = await page.recorded();
          const logged = recorded.filter((p) => p.startsWith('news-card:'));
          assert.equal(logged.length, 1, `one console error: ${recorded}`);
          // Everything the probe and the driver saw (the browser's own network messages included).
          const problems = await page.problems();
          assert.ok(problems.every((p) => p.startsWith('news-card:') || p.startsWith('Failed to load resource')), `nothing else failed: ${problems}`);
          // The good card still toggles.
          await page.click('.toggle', await byId(page, 'good'));
          assert.equal(await page.evaluate(() => document.getElementById('good').open), true);
          await page.close();
        });
      }
    });

    describe('hostile text', () => {
      const HOSTILE = [
        '<img src=x onerror="window.__pwned=1">',
        '<script>window.__pwned=1</script>',
        '<svg onload="window.__pwned=1"><circle r=1></svg>',
        '&lt;b&gt;entities&lt;/b&gt; &amp; &#60;i&#62;',
        'javascript:window.__pwned=1',
        '"><iframe src="javascript:window.__pwned=1"></iframe>',
        '<style>*{display:none}</style><link rel=stylesheet href=x>',
      ];
      const ALLOWED = new Set(['ARTICLE', 'H2', 'H3', 'P', 'SECTION', 'DETAILS', 'SUMMARY', 'SPAN', 'DIV', 'BDI', 'TIME', 'A']);

      it('shows markup in every field literally and creates no element of its own', async () => {
        const page = await env.open('fixtures/inputs.html');
        const text = HOSTILE.join(' ');
        const article = {
          title: text, summary: text, body: HOSTILE, author: { name: text, bio: text }, source: text,
          url: 'javascript:window.__pwned=1', published: '2024-06-19',
        };
        await setArticle(page, 'embedded', article);
        const shown = await fields(page, 'embedded');
        assert.deepEqual([shown.title, shown.summary, shown.body, shown.name, shown.bio, shown.source],
          [text, text, HOSTILE, text, text, text]);
        assert.equal(shown.link, null, 'a javascript: url is not linked');
        const tags = await page.inCard((root) => [...root.querySelectorAll('*')].map((e) => e.tagName), null, await byId(page, 'embedded'));
        assert.deepEqual(tags.filter((t) => !ALLOWED.has(t)), []);
        const attrs = await page.inCard((root) => [...root.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((n) => n.startsWith('on')), null, await byId(page, 'embedded'));
        assert.deepEqual(attrs, []);
        // Markup that ran would set __pwned from an event: an image's error, an SVG's load, a
        // javascript: frame's navigation. A control image with the same URL, added now with a
        // listener of the test's own, fails to load after any such image the card made (the
        // same request); two frames after that, any frame or SVG it made has loaded too.
        await page.inCard((root) => new Promise((done) => {
          const img = document.createElement('img');
          img.addEventListener('error', () => { img.remove(); done(true); }, { once: true });
          img.src = 'x';
          root.append(img);
        }), null, await byId(page, 'embedded'));
        await page.frames();
        // typeof, not the value: WebDriver returns undefined as null.
        assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
        await page.close();
      });

      it('links only http and https URLs, relative ones resolved against the page, with rel=noopener', async () => {
        const page = await env.open('fixtures/inputs.html');
        const origin = await page.evaluate(() => location.origin);
        for (const [url, href] of [['https://example.org/', 'https://example.org/'], ['http://example.org/x?y=1', 'http://example.org/x?y=1'],
          ['data:text/html,hi', null], ['JAVASCRIPT:alert(1)', null], ['java\tscript:alert(1)', null], ['ftp://example.org', null],
          // Relative (issue 23): resolved as the browser resolves them, against the page's URL.
          ['//example.org', 'http://example.org/'], ['/stories/42', `${origin}/stories/42`], ['../a?b#c', `${origin}/a?b#c`]]) {
          await setArticle(page, 'embedded', { title: 'T', body: ['B'], url });
          const { link } = await fields(page, 'embedded');
          assert.deepEqual(link, href ? { href, rel: 'noopener' } : null, url);
        }
        await page.close();
      });

      it('keeps bidi controls inside the field they came in', async () => {
        const page = await env.open('fixtures/inputs.html');
        // In an RTL line the pieces run right to left: source, then date, then reading time.
        const order = async (source) => {
          await setArticle(page, 'embedded', { title: 'عنوان', body: ['نص'], source, published: '2024-06-19' });
          return page.inCard((root) => ['[part=source]', 'time', '[part=reading-time]']
            .map((s) => root.querySelector(s).getBoundingClientRect().left), null, await byId(page, 'embedded'));
        };
        for (const control of ['\u202E', '\u202D', '\u202B', '\u202A', '\u2066', '\u2067', '\u2068']) {
          const [source, date, time] = await order(`Reuters ${control}وكالة`);
          assert.ok(source > date && date > time, `order kept with U+${control.codePointAt(0).toString(16)}: ${[source, date, time]}`);
        }
        await page.close();
      });

      it('keeps every character of generated text, field by field', async () => {
        const page = await env.open('fixtures/inputs.html');
        // A seeded generator, so a failure can be replayed.
        let seed = 20261124;
        const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
        const pieces = ['مرحبا', 'بِسْمِ', 'שָׁלוֹם', 'Hello', 'e\u0301', '👩‍👩‍👧', '🇸🇦', '2024', '"quoted"', "'single'", '\u200D', '\u200C', '\u202E', '\u2067', ' ', '<b>', '&amp;', 'ﷺ', 'ـ'];
        const gen = () => Array.from({ length: 1 + rand(8) }, () => pieces[rand(pieces.length)]).join('') + 'ب';
        for (let i = 0; i < 40; i++) {
          const a = { title: gen(), summary: gen(), body: Array.from({ length: 1 + rand(4) }, gen), author: { name: gen(), bio: gen() }, source: gen() };
          await setArticle(page, 'embedded', a);
          const shown = await fields(page, 'embedded');
          assert.deepEqual([shown.title, shown.summary, shown.body, shown.name, shown.bio, shown.source],
            [a.title, a.summary, a.body, a.author.name, a.author.bio, a.source], `case ${i}`);
        }
        await page.close();
      });
    });

    describe('leaks', () => {
      it('1,000 mount/unmount cycles leave nodes, listeners and wasm memory at baseline', async (t) => {
        const page = await env.open('fixtures/two.html');
        await page.evaluate(track);
        // Every engine checks: the wasm-side live cards; every removed card collected and the
        // listeners registered since track() (leaks.mjs: forced GC in Chromium, awaited
        // elsewhere); the nodes reachable from the document (shadow roots included); that each
        // removal empties the card's shadow root; and the wasm memory, which grows in 64 KiB
        // pages, so a leak under 64 KiB over the 950 cycles (about 69 bytes a cycle) can hide.
        // Chromium adds its DevTools node and listener counts after GC.
        if (!env.can.listenerMetrics) {
          t.diagnostic(`${engine}: no DevTools counts: nodes other than the removed cards, and listeners registered before tracking, not measured`);
        }
        const measure = async () => {
          const counters = env.can.listenerMetrics ? await page.counters() : {};
          const reachable = await page.evaluate(() => {
            const count = (root) => [...root.querySelectorAll('*')]
              .reduce((n, el) => n + 1 + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
            return count(document);
          });
          const stats = await page.evaluate(async () => (await import('/news-card.js')).stats());
          // Every card removed so far collected (leaks.mjs: in WebKit perhaps late, after more cycles).
          const { collected, watched, listeners: tracked, how } = await assertCollected(env, page, { more: () => cycle(50, false), t });
          return { ...counters, reachable, ...stats, collected, watched, tracked, how };
        };
        // Runs `n` cycles, in steps short enough for a WebDriver script timeout; returns how many
        // removals left anything in the shadow root. `watch`: each removed card is watched.
        const cycle = async (n, watch = true) => {
          let notEmptied = 0;
          for (let done = 0; done < n; done += 50) {
            notEmptied += await page.evaluate(async ({ n, watch }) => {
              const el = document.getElementById('first');
              const main = el.parentNode;
              let left = 0;
              for (let i = 0; i < n; i++) {
                if (watch) window.__leaks.watch(el.shadowRoot.querySelector('.card'));
                el.remove();
                if (el.shadowRoot.childNodes.length !== 0) left++;
                main.prepend(el);
                // Each insertion mounts after the wasm start resolves: wait for it before removing again.
                await new Promise((ok) => { const t = () => (el.shadowRoot.querySelector('.card') ? ok() : queueMicrotask(t)); t(); });
              }
              return left;
            }, { n: Math.min(50, n - done), watch });
          }
          return notEmptied;
        };
        const baseline = await measure();
        const leftWarm = await cycle(50);
        const warm = await measure();
        const leftEnd = await cycle(950);
        const end = await measure();
        console.log(`leak check (${engine}): baseline ${JSON.stringify(baseline)}, after 50 ${JSON.stringify(warm)}, after 1000 ${JSON.stringify(end)}`);
        assert.equal(leftWarm + leftEnd, 0, 'every removal empties the shadow root');
        assert.equal(end.liveCards, baseline.liveCards);
        if (env.can.listenerMetrics) {
          assert.equal(end.listeners, baseline.listeners);
          assert.equal(end.nodes, baseline.nodes);
        }
        assert.equal(end.reachable, baseline.reachable);
        assert.deepEqual([warm.collected, end.collected], [50, 1000], `every removed card collected (${end.how})`);
        assert.equal(end.tracked, warm.tracked, 'listeners registered since tracking: as after the first cycles');
        assert.equal(end.wasmMemoryBytes, warm.wasmMemoryBytes, 'wasm memory flat after the first cycles');
        await page.mounted();
        await page.close();
      });
    });
  });
}
