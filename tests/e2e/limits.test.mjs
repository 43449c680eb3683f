// Adversarial specs for issue 10 class 2: every input path stops at the 2 MiB limit while reading, memory and cards at baseline, in every engine of ENGINES.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';
import { OVER, REFUSAL_LOGS, addCard, assertAtBaseline, measure, unexpected } from './hardening-checks.mjs';

for (const engine of ENGINES) {
  describe(`news-card input limits in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    describe('2. limits enforced while reading', () => {
      // Each case: warm up with a small refusal of the same field (the error card's one-off
      // costs), take the baseline, refuse the oversize input, and compare.
      const cases = [
        ['a 50 MiB src sent chunked, no Content-Length', 'src', { src: '/oversize.json?stream=52428800' }],
        ['a 100 KB gzip src (Content-Length) that inflates to 100 MiB', 'src', { src: '/oversize.json?gzipbomb=104857600&length' }],
        ['a 3 MiB inline JSON script', 'article', { inline: 3 * 1024 * 1024 }],
        // An object is never serialised: the text limit (1 MiB in the members the card reads)
        // is the one it meets, counted before the wasm copies any of it.
        ['a 4 MB article object', 'article', { article: 40 }, 'has more than 1048576 bytes of text'],
        // Last: on today's shell this one (issue 10's Firefox trap) can wedge WebKit's session.
        ['a gzip src streamed chunked that inflates to 2 GiB', 'src', { src: '/oversize.json?gzipbomb=2147483648' }],
      ];
      for (const [name, field, input, limit = OVER] of cases) {
        it(`refuses ${name} at the limit, with memory and cards at baseline`, async (t) => {
          const page = await env.open('fixtures/bare.html');
          await addCard(page, 'target', { attrs: { src: '/fixtures/article.json' } });
          const apply = (input) => page.evaluate((input) => {
            const el = document.getElementById('target');
            window.__t0 = performance.now();
            window.__refusals = [];
            el.addEventListener('news-card-error', (e) => window.__refusals.push({ at: performance.now() - window.__t0, ...e.detail }), { once: true });
            if (input.src) el.src = input.src;
            else if (input.article !== undefined) {
              el.article = typeof input.article === 'number'
                ? { title: 't', body: Array.from({ length: input.article }, (_, i) => `${i}`.padEnd(100_000, 'x')) }
                : input.article;
            } else {
              // An inline script is read when the card mounts: swap it in and re-insert the card.
              const parent = el.parentNode;
              el.remove();
              el.removeAttribute('src');
              el.querySelector('script')?.remove();
              const script = document.createElement('script');
              script.type = 'application/json';
              script.textContent = typeof input.inline === 'number' ? `{"title":"t","body":["${'a'.repeat(input.inline)}"]}` : input.inline;
              el.append(script);
              parent.append(el);
            }
          }, input);
          const refused = async (timeout) => {
            await page.waitFor(() => window.__refusals.length > 0, null, { timeout });
            // A second report would come from a second load or re-render: every request has
            // ended (the oversize ones cancelled) and the page has had the answers.
            await page.drain();
            return page.evaluate(() => window.__refusals);
          };
          // Warm-up: the same field refused by a small input.
          await apply(field === 'src' ? { src: '/fixtures/missing.json' } : input.inline ? { inline: '{"title": 1' } : { article: { title: 42, body: ['x'] } });
          await refused(5000);
          const base = await measure(env, page);
          // The test server compresses a bomb sent with its Content-Length once, on its first
          // request (seconds for 100 MiB on a busy machine): make that request here, so the
          // timing below is the card's, not the server's.
          if (input.src?.includes('&length')) {
            const warm = await fetch(env.url(input.src.slice(1)));
            await warm.body?.cancel();
          }
          await page.clearProblems();
          await apply(input);
          const events = await refused(10_000);
          const now = await measure(env, page);
          const alert = await page.inCard((root) => root.querySelector('[role=alert]')?.textContent ?? null, null, 1);
          t.diagnostic(`${engine}: ${name}: refused after ${Math.round(events[0].at)} ms; ${JSON.stringify(events[0]).slice(0, 200)}; baseline ${JSON.stringify(base)}, after ${JSON.stringify(now)}`);
          assert.equal(events.length, 1, 'one news-card-error');
          assert.equal(events[0].field, field);
          assert.ok(events[0].message.includes(limit), `the message gives the limit: ${events[0].message.slice(0, 200)}`);
          assert.ok(alert?.includes(limit), `the alert gives the limit: ${alert?.slice(0, 200)}`);
          if (field === 'src') assert.ok(events[0].at < 1500, `refused within 1,500 ms of setting src, not ${Math.round(events[0].at)} ms`);
          assertAtBaseline(env, now, base, name);
          assert.deepEqual(await unexpected(page, REFUSAL_LOGS), []);
          await page.close();
        });
      }
    });

  });
}
