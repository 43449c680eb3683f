// Adversarial specs for issue 10 (poison, re-entrancy, handles, errors, numbers, smaller items; limits are in limits.test.mjs), in every engine of ENGINES.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ENGINES, collectGarbage, start } from './harness.mjs';
import { ARTICLE, EXHAUSTED, REFUSAL_LOGS, addCard, agreement, assertAgreement, assertAtBaseline, measure, settle, unexpected } from './hardening-checks.mjs';

for (const engine of ENGINES) {
  describe(`news-card hardening in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    describe('1. one failure poisons every card', () => {
      it('a page that exhausts its own stack while toggling, setting article and src and calling parseArticle leaves every card working', async (t) => {
        const page = await env.open('fixtures/bare.html');
        await addCard(page, 'second', { article: ARTICLE });
        // Each action runs at the bottom of a nearly exhausted stack, behind a padding of 0..39
        // tiny frames, on the way back up 60 levels: the overflow then lands at every depth of
        // the action's own call chain, inside the wasm included. Five runs.
        const run = await page.evaluate(async (article) => {
          const mod = await import('/news-card.js');
          const cards = [...document.querySelectorAll('news-card')];
          const pending = [];
          const acts = [
            (el) => { el.open = !el.open; },
            (el) => el.shadowRoot.querySelector('.toggle')?.click(),
            (el, n) => { el.article = { ...article, title: `عمق ${n}` }; },
            (el, n) => { el.src = `/fixtures/article.json?depth=${n}`; },
            () => pending.push(mod.parseArticle('عنوان\n\nفي كلمات قليلة\n\nملخص\n\nنص')),
          ];
          const exhausted = (e) => e instanceof RangeError || (typeof InternalError === 'function' && e instanceof InternalError);
          const out = { depth: 0, acts: 0, overflows: 0, thrown: [] };
          const pad = (k, f) => (k > 0 ? pad(k - 1, f) : f());
          let levels = 0;
          const deep = (n) => {
            try { deep(n + 1); } catch (e) { if (!exhausted(e)) throw e; out.depth ||= n; }
            if (levels++ >= 60) return;
            for (let k = 0; k < 40; k++) {
              out.acts++;
              const el = cards[(n + k) % cards.length];
              // toggles dominate: they are the calls that reach the wasm synchronously today.
              const act = acts[k % 8 < 5 ? k % 2 : 2 + (k % 3)];
              try { pad(k, () => act(el, n)); } catch (e) {
                if (exhausted(e)) out.overflows++;
                else if (out.thrown.length < 5) out.thrown.push(`${e?.name}: ${e?.message}`);
              }
            }
          };
          for (let r = 0; r < 5; r++) { levels = 0; deep(0); }
          const settled = await Promise.allSettled(pending);
          out.parseFailures = [...new Set(settled.filter((s) => s.status === 'rejected' && !exhausted(s.reason)).map((s) => String(s.reason)))];
          return out;
        }, ARTICLE);
        // Loads started at depth land (every request has ended and the page has had the
        // answers); then the page goes on as a reader would.
        await page.drain();
        await page.evaluate(() => { document.querySelectorAll('news-card').forEach((el) => el.removeAttribute('src')); });
        await page.evaluate(() => { document.querySelectorAll('news-card').forEach((el) => { el.article = undefined; }); });
        // Every card now asks for the embedded article: done when each one shows it.
        const embedded = (await readFile('content/article.txt', 'utf8')).split('\n')[0];
        const remounted = await page.waitFor((title) => [...document.querySelectorAll('news-card')]
          .every((el) => el.shadowRoot.querySelectorAll('.card').length === 1 && el.shadowRoot.querySelector('h2')?.textContent === title), embedded)
          .then(() => true, () => false);
        await settle(page);
        t.diagnostic(`${engine}: depth ${run.depth}, ${run.acts} actions, ${run.overflows} overflowed; thrown ${JSON.stringify(run.thrown)}; parse failures ${JSON.stringify(run.parseFailures)}`);
        assert.deepEqual(run.thrown, [], 'nothing but the page\'s own RangeError reached the page');
        assert.deepEqual(run.parseFailures, [], 'parseArticle called at depth failed only with the page\'s own RangeError');
        assert.ok(remounted, 'every card shows a card again, the embedded article');
        await assertAgreement(page, 'after the overflow, before any click');
        // Every existing card still toggles by a real click, and agrees with itself.
        for (const i of [0, 1]) {
          const was = await page.evaluate((i) => document.querySelectorAll('news-card')[i].open, i);
          await page.click('.toggle', i);
          await settle(page);
          assert.equal(await page.evaluate((i) => document.querySelectorAll('news-card')[i].open, i), !was, `card ${i} toggles after the overflow`);
        }
        await assertAgreement(page, 'after the overflow');
        // A new card mounts, parseArticle works, and the wasm counts what is on the page.
        await addCard(page, 'fresh');
        const parsed = await page.evaluate(async () => (await import('/news-card.js')).parseArticle('عنوان\n\nفي كلمات قليلة\n\nملخص\n\nنص').then((a) => a.title, (e) => `failed: ${e}`));
        assert.equal(parsed, 'عنوان');
        const m = await measure(env, page);
        assert.equal(m.liveCards, m.shown, 'live cards = mounted cards');
        assert.deepEqual(await unexpected(page, [EXHAUSTED]), [], 'no uncaught error but the page\'s own stack exhaustion');
        await page.close();
      });

      it('a wasm trap (the memory overwritten) is noticed: a fresh instance, the cards re-mounted, the page keeps working', async (t) => {
        const page = await env.open('fixtures/bare.html');
        await addCard(page, 'second', { article: ARTICLE });
        const titles = (await agreement(page)).map((s) => s.title);
        // wasm-bindgen's init returns the raw exports of the instance the shell uses. Filling its
        // memory with 0xff wrecks the allocator's lists and every closure's vtable: the next call
        // that allocates or runs a closure traps (checked here on the page's own call).
        const precondition = await page.evaluate(async () => {
          const raw = await (await import('/pkg/news_card.js')).default();
          new Uint8Array(raw.memory.buffer).fill(0xff);
          try { raw.__wbindgen_malloc(16, 1); return 'no trap'; } catch (e) { return `${e instanceof WebAssembly.RuntimeError ? 'RuntimeError' : e.name}: ${e.message}`; }
        });
        t.diagnostic(`${engine}: the page's own call after the overwrite: ${precondition}`);
        assert.match(precondition, /^RuntimeError/, 'the overwrite makes the next wasm call trap');
        // A reader clicks the first card: it opens (re-mounted if need be) with the same article.
        await page.click('.toggle', 0);
        await settle(page);
        const opened = await page.waitFor(() => document.querySelectorAll('news-card')[0].open
          && document.querySelectorAll('news-card')[0].shadowRoot.querySelector('details')?.open === true, null, { timeout: 3000 }).catch(() => false);
        const states = await agreement(page);
        t.diagnostic(`${engine}: after the click ${JSON.stringify(states.map(({ open, expanded, mounted, title, alert }) => ({ open, expanded, mounted, title, alert })))}`);
        assert.ok(opened, 'the clicked card opens');
        assert.deepEqual(states.map((s) => s.title), titles, 'every card shows its article again');
        await assertAgreement(page, 'after the trap');
        // The second card toggles too, a new card mounts, parseArticle and stats work.
        await page.click('.toggle', 1);
        await settle(page);
        assert.equal(await page.evaluate(() => document.querySelectorAll('news-card')[1].open), true, 'the other card toggles');
        await addCard(page, 'fresh');
        const parsed = await page.evaluate(async () => (await import('/news-card.js')).parseArticle('عنوان\n\nفي كلمات قليلة\n\nملخص\n\nنص').then((a) => a.title, (e) => `failed: ${e}`));
        assert.equal(parsed, 'عنوان');
        const m = await measure(env, page);
        assert.equal(m.liveCards, 3, 'stats counts the three cards of the fresh instance');
        await assertAgreement(page, 'at the end');
        assert.deepEqual(await unexpected(page, [/^news-card:/]), [], 'no uncaught error');
        await page.close();
      });
    });

    describe('3. re-entrancy and ordering', () => {
      /** Opens bare.html, warms up one add/remove, and returns the page and its baseline. */
      async function prepared() {
        const page = await env.open('fixtures/bare.html');
        await addCard(page, 'warm', { article: ARTICLE });
        await page.evaluate(() => document.getElementById('warm').remove());
        // A real click first: Playwright's click leaves its own listeners on the page (about 13
        // in Chromium), which belong in the baseline, not in the card's count.
        await page.click('.toggle', 0);
        await page.click('.toggle', 0);
        await settle(page);
        return { page, base: await measure(env, page) };
      }
      /** Removes the card `id` if still there, settles, and checks everything is back at `base`. */
      async function backAtBaseline(page, base, id, t, what) {
        await page.evaluate((id) => document.getElementById(id)?.remove(), id);
        // Loads the card started have ended and been dropped; its free (a microtask) has run.
        await page.drain();
        const now = await measure(env, page);
        t.diagnostic(`${engine}: ${what}: baseline ${JSON.stringify(base)}, after ${JSON.stringify(now)}`);
        assertAtBaseline(env, now, base, what);
        assert.deepEqual(await unexpected(page), [], `${what}: no uncaught error`);
      }
      /** Live cards equal the mounted cards on the page. */
      async function liveMatches(page, what) {
        const m = await measure({ can: {} }, page);
        assert.equal(m.liveCards, m.shown, `${what}: live cards = mounted cards`);
      }

      /**
       * Whether this engine fires focusout when a focused element is removed, measured on a plain
       * button in a shadow root of the same page: Chromium does, Firefox and WebKit do not (the
       * focus fixup that follows fires nothing). The focusout specs below run where it does, and
       * say they did not run elsewhere (cannotRunFocusout).
       */
      function focusoutOnRemoval(page) {
        return page.evaluate(async () => {
          const host = document.body.appendChild(document.createElement('div'));
          const button = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('button'));
          let fired = 0;
          host.addEventListener('focusout', () => fired++);
          button.focus();
          const focused = host.shadowRoot.activeElement === button;
          button.remove();
          // Focus fixup runs in the rendering update: two frames and it is done.
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          host.remove();
          if (!focused) throw new Error('the control button could not be focused');
          return fired > 0;
        });
      }

      it('toggle fires after the click returns, once per change of state', async (t) => {
        const { page, base } = await prepared();
        await addCard(page, 'r', { article: ARTICLE });
        const seen = await page.evaluate(async () => {
          const el = document.getElementById('r');
          const events = [];
          // Every engine lists wasm frames in a stack trace (wasm://, .wasm:wasm-function[n],
          // [wasm code]): a listener that finds none runs outside any wasm call.
          const inWasm = () => /wasm:\/\/|wasm-function|\[wasm code\]/.test(new Error().stack);
          el.addEventListener('toggle', (e) => events.push({ state: e.newState, inWasm: inWasm() }));
          el.shadowRoot.querySelector('.toggle').click();
          const duringClick = events.length;
          await new Promise((r) => setTimeout(r, 0));
          el.open = true; // no change: no event
          await new Promise((r) => setTimeout(() => setTimeout(r, 0), 0));
          return { duringClick, events };
        });
        t.diagnostic(`${engine}: ${JSON.stringify(seen)}`);
        assert.deepEqual(seen.events.map((e) => e.inWasm), [false], 'the toggle listener runs outside any wasm call');
        // The event follows the wasm's return from a microtask: Chromium and Firefox run it once
        // the page's script has returned; WebKit runs microtasks when each listener returns, so
        // there it arrives before click() does, still outside the wasm.
        if (engine !== 'webkit') assert.equal(seen.duringClick, 0, 'no toggle event inside the click');
        assert.deepEqual(seen.events.map((e) => e.state), ['open'], 'one event per change of state');
        await assertAgreement(page, 'after the click');
        await backAtBaseline(page, base, 'r', t, 'async toggle');
        await page.close();
      });

      it('a toggle listener that clicks the same button again', async (t) => {
        const { page, base } = await prepared();
        const index = await addCard(page, 'r', { article: ARTICLE });
        await page.evaluate(() => {
          const el = document.getElementById('r');
          window.__events = [];
          el.addEventListener('toggle', (e) => {
            window.__events.push(e.newState);
            if (window.__events.length === 1) el.shadowRoot.querySelector('.toggle').click();
          });
        });
        await page.click('.toggle', index);
        await settle(page);
        await settle(page);
        const events = await page.evaluate(() => window.__events);
        assert.deepEqual(await unexpected(page), [], 'no uncaught error');
        assert.deepEqual(events, ['open', 'closed'], 'both clicks count, one event each');
        const [state] = (await assertAgreement(page, 'after the nested click')).filter((s) => s.id === 'r');
        assert.equal(state.open, false);
        await liveMatches(page, 'nested click');
        await backAtBaseline(page, base, 'r', t, 'nested click');
        await page.close();
      });

      it('a toggle listener that sets open the other way', async (t) => {
        const { page, base } = await prepared();
        const index = await addCard(page, 'r', { article: ARTICLE });
        await page.evaluate(() => {
          const el = document.getElementById('r');
          window.__events = [];
          el.addEventListener('toggle', (e) => {
            window.__events.push(e.newState);
            if (e.newState === 'open' && window.__events.length === 1) el.open = false;
          });
        });
        await page.click('.toggle', index);
        await settle(page);
        await settle(page);
        assert.deepEqual(await unexpected(page), [], 'no uncaught error');
        const [state] = (await assertAgreement(page, 'after the listener closed it')).filter((s) => s.id === 'r');
        assert.equal(state.open, false);
        assert.deepEqual(await page.evaluate(() => window.__events), ['open', 'closed']);
        await backAtBaseline(page, base, 'r', t, 'listener closes');
        await page.close();
      });

      it('a toggle listener that removes the card', async (t) => {
        const { page, base } = await prepared();
        const index = await addCard(page, 'r', { article: ARTICLE });
        await page.evaluate(() => {
          const el = document.getElementById('r');
          el.addEventListener('toggle', () => el.remove());
        });
        await page.click('.toggle', index);
        await settle(page);
        assert.equal(await page.evaluate(() => document.getElementById('r')), null);
        await liveMatches(page, 'removed in toggle');
        await backAtBaseline(page, base, 'r', t, 'removed in toggle');
        await page.close();
      });

      /**
       * Skips `t` (and returns true) where the engine fires no focusout when a focused element is
       * removed: a focusout listener cannot run during the re-render there, so the scenario is
       * not run, rather than passed by asserting that it did not happen.
       */
      async function cannotRunFocusout(page, t) {
        if (await focusoutOnRemoval(page)) return false;
        await page.close();
        t.skip(`${engine} fires no focusout when a focused element is removed (measured on a plain button): a focusout listener cannot run during the re-render here, so this scenario is not run`);
        return true;
      }

      for (const [what, rerender] of [['article', 'article'], ['lang', 'lang']]) {
        it(`a focusout listener that sets open while the card re-renders (${what} changed)`, async (t) => {
          const { page, base } = await prepared();
          if (await cannotRunFocusout(page, t)) return;
          await addCard(page, 'r', { article: ARTICLE });
          const fired = await page.evaluate(async ({ rerender, article }) => {
            const el = document.getElementById('r');
            let fired = 0;
            const before = el.shadowRoot.querySelector('.card');
            el.addEventListener('focusout', () => { if (fired++ === 0) el.open = !el.open; });
            el.shadowRoot.querySelector('.toggle').focus();
            if (rerender === 'article') el.article = { ...article, title: 'بعد' };
            else el.setAttribute('lang', 'en');
            await new Promise((r) => setTimeout(() => setTimeout(r, 0), 0));
            // Done: the card has been rebuilt (a new node in its shadow root).
            while (el.shadowRoot.querySelector('.card') === before) await new Promise((r) => setTimeout(r, 10));
            return fired;
          }, { rerender, article: ARTICLE });
          await settle(page);
          t.diagnostic(`${engine}: focusout fired ${fired} time(s) during the re-render`);
          assert.deepEqual(await unexpected(page), [], 'no uncaught error');
          const [state] = (await assertAgreement(page, 'after focusout')).filter((s) => s.id === 'r');
          // The listener ran once, and then the page's open is the card's state.
          assert.equal(fired, 1, 'focusout during the re-render');
          assert.equal(state.open, true, 'the page opened it last');
          await liveMatches(page, 'focusout sets open');
          await backAtBaseline(page, base, 'r', t, 'focusout sets open');
          await page.close();
        });
      }

      it('a focusout listener that removes the card while it re-renders', async (t) => {
        const { page, base } = await prepared();
        if (await cannotRunFocusout(page, t)) return;
        await addCard(page, 'r', { article: ARTICLE });
        const fired = await page.evaluate(async (article) => {
          const el = document.getElementById('r');
          let fired = 0;
          const before = el.shadowRoot.querySelector('.card');
          el.addEventListener('focusout', () => { fired++; el.remove(); });
          el.shadowRoot.querySelector('.toggle').focus();
          el.article = { ...article, title: 'بعد' };
          await new Promise((r) => setTimeout(() => setTimeout(r, 0), 0));
          // Done: the card has been rebuilt, or the listener removed it.
          while (el.isConnected && el.shadowRoot.querySelector('.card') === before) await new Promise((r) => setTimeout(r, 10));
          return fired;
        }, ARTICLE);
        await settle(page);
        t.diagnostic(`${engine}: focusout fired ${fired} time(s)`);
        assert.deepEqual(await unexpected(page), [], 'no uncaught error');
        // The listener ran and removed the card.
        assert.equal(fired, 1, 'focusout during the re-render');
        assert.equal(await page.evaluate(() => document.getElementById('r') === null), true, 'the listener removed the card');
        await liveMatches(page, 'focusout removes');
        await backAtBaseline(page, base, 'r', t, 'focusout removes');
        await page.close();
      });

      it('open set in the microtask after article sticks, and later sets work', async (t) => {
        const { page, base } = await prepared();
        await addCard(page, 'r', { article: ARTICLE });
        await page.evaluate((article) => {
          const el = document.getElementById('r');
          el.article = { ...article, title: 'ثانٍ' };
          queueMicrotask(() => { el.open = true; });
        }, ARTICLE);
        await page.waitFor(() => document.getElementById('r').shadowRoot.querySelector('h2')?.textContent === 'ثانٍ');
        await settle(page);
        let [state] = (await assertAgreement(page, 'after article + microtask open')).filter((s) => s.id === 'r');
        assert.equal(state.open, true, 'open');
        assert.equal(state.expanded, 'true', 'and shown open');
        await page.evaluate(() => { const el = document.getElementById('r'); el.open = false; el.open = true; });
        await settle(page);
        [state] = (await assertAgreement(page, 'after false then true')).filter((s) => s.id === 'r');
        assert.deepEqual([state.open, state.expanded, state.hidden], [true, 'true', false]);
        await page.evaluate(() => { document.getElementById('r').open = false; });
        await settle(page);
        [state] = (await assertAgreement(page, 'after closing')).filter((s) => s.id === 'r');
        assert.deepEqual([state.open, state.expanded, state.hidden], [false, 'false', true]);
        await backAtBaseline(page, base, 'r', t, 'microtask open');
        await page.close();
      });

      it('src, src, article, remove, append: the last input wins; then article cleared: the src', async (t) => {
        const { page, base } = await prepared();
        await addCard(page, 'r', { article: ARTICLE });
        await page.evaluate((article) => {
          const el = document.getElementById('r');
          el.article = undefined;
          el.src = '/fixtures/article.json?delay=150';
          el.src = '/content/article.txt?delay=50';
          el.article = { ...article, title: 'الأخير' };
          el.remove();
          document.querySelector('main').append(el);
        }, ARTICLE);
        await page.waitFor(() => document.getElementById('r').shadowRoot.querySelector('h2')?.textContent === 'الأخير');
        // Both src requests have ended (dropped, or answered) and the page has had the answers:
        // had either landed, the card would show it now.
        await page.drain();
        const cards = await page.evaluate(() => document.getElementById('r').shadowRoot.querySelectorAll('.card').length);
        let [state] = (await assertAgreement(page, 'after the orders')).filter((s) => s.id === 'r');
        assert.equal(state.title, 'الأخير');
        assert.equal(cards, 1, 'one card in the shadow root');
        await liveMatches(page, 'orders');
        await page.evaluate(() => {
          const el = document.getElementById('r');
          el.article = null;
          el.src = '/fixtures/article.json?delay=50';
        });
        await page.waitFor(() => document.getElementById('r').shadowRoot.querySelector('h2')?.textContent === 'Rust reaches the browser');
        [state] = (await assertAgreement(page, 'after article cleared')).filter((s) => s.id === 'r');
        await liveMatches(page, 'article cleared');
        await backAtBaseline(page, base, 'r', t, 'orders');
        await page.close();
      });
    });

    describe('4. handles that vanish', () => {
      /**
       * Collects garbage until a GC has reached objects as old as the dropped handles: the page
       * registered such objects in window.__aged (a FinalizationRegistry), and one of them must
       * have been finalized (harness.mjs, collectGarbage). Without that, "still there after GC"
       * would say nothing: the spec fails instead of going on.
       */
      async function collect(page, t) {
        const { done, how } = await collectGarbage(page, () => window.__agedCollected === true);
        t.diagnostic(`${engine}: ${how}; ${done ? 'an object as old as the dropped handles was collected' : 'none was seen collected'}`);
        assert.ok(done, `a GC reached objects as old as the dropped handles (${how})`);
      }

      it('cards mounted with mountCard live until destroy(), whether the page keeps the handle or not', async (t) => {
        const page = await env.open('fixtures/bare.html');
        const base = await measure({ can: {} }, page);
        await page.evaluate(async () => {
          const { mountCard } = await import('/news-card.js');
          window.__kept = [];
          // Objects as old as the dropped handles: collect() knows a GC reached that age when one goes.
          window.__aged = new FinalizationRegistry(() => { window.__agedCollected = true; });
          for (let i = 0; i < 4; i++) {
            const host = document.createElement('div');
            host.className = 'host';
            document.body.append(host);
            const card = await mountCard(host, { onToggle() {} });
            if (i >= 2) window.__kept.push(card); // the first two handles are dropped
            else window.__aged.register({ dropped: i }, i);
          }
        });
        await collect(page, t);
        const hosts = await page.evaluate(() => [...document.querySelectorAll('.host')].map((h) => Boolean(h.shadowRoot.querySelector('.card'))));
        const m = await measure({ can: {} }, page);
        t.diagnostic(`${engine}: after GC hosts with a card ${JSON.stringify(hosts)}, live ${m.liveCards} (baseline ${base.liveCards})`);
        assert.deepEqual(hosts, [true, true, true, true], 'every mounted card is still there after GC');
        assert.equal(m.liveCards, base.liveCards + 4);
        // A dropped handle's card still works.
        const expanded = await page.evaluate(async () => {
          const b = document.querySelector('.host').shadowRoot.querySelector('.toggle');
          b.click();
          await new Promise((r) => setTimeout(() => setTimeout(r, 0), 0));
          return String(b.parentElement.open);
        });
        assert.equal(expanded, 'true');
        await page.evaluate(() => window.__kept.forEach((c) => c.destroy()));
        await settle(page);
        assert.equal((await measure({ can: {} }, page)).liveCards, base.liveCards + 2, 'destroy() frees the kept ones');
        assert.deepEqual(await unexpected(page), []);
        await page.close();
      });

      it('a mountCard card whose handle was dropped goes when its host leaves the document', async (t) => {
        const page = await env.open('fixtures/bare.html');
        const base = await measure({ can: {} }, page);
        await page.evaluate(async () => {
          const { mountCard } = await import('/news-card.js');
          for (let i = 0; i < 3; i++) {
            const host = document.createElement('div');
            host.className = 'host';
            document.body.append(host);
            await mountCard(host, {});
          }
        });
        assert.equal((await measure({ can: {} }, page)).liveCards, base.liveCards + 3);
        // The shell's MutationObserver destroys a card whose host left; an observer made after it
        // is told of the same removal after it, so once the test's own has been told, the shell's has run.
        await page.evaluate(() => new Promise((done) => {
          const seen = new MutationObserver(() => { seen.disconnect(); done(true); });
          seen.observe(document, { childList: true, subtree: true });
          document.querySelectorAll('.host').forEach((h) => h.remove());
        }));
        const m = await measure(env, page);
        t.diagnostic(`${engine}: hosts removed: live ${m.liveCards} (baseline ${base.liveCards})`);
        assert.equal(m.liveCards, base.liveCards, 'the cards went with their hosts');
        assert.deepEqual(await unexpected(page), []);
        await page.close();
      });
    });

    describe('5. every failure to load reaches the reader and the page', () => {
      // The browser's own reports of a request it refused (CSP, Firefox's CORS notice) are not the card's.
      const BROWSER_REPORTS = [/^CSP: connect-src/, /Refused to connect/, /Content.Security.Policy/i, /^Cross-Origin Request Blocked/];
      const cases = [
        ['a src that is not a URL', 'http://['],
        ['a 404', '/fixtures/missing.json'],
        ['a dropped connection', '/fixtures/article.json?reset'],
        ['a scheme fetch refuses', 'ftp://127.0.0.1/article.json'],
        ['an origin the CSP refuses', 'http://127.0.0.1:9/article.json'],
      ];
      for (const [name, src] of cases) {
        it(`${name} (${src}): an alert and one news-card-error naming src`, async (t) => {
          const page = await env.open('fixtures/bare.html');
          await addCard(page, 'target', { attrs: { src: '/fixtures/article.json' } });
          await page.clearProblems();
          await page.evaluate((src) => {
            window.__cardErrors.length = 0;
            document.getElementById('target').src = src;
          }, src);
          const got = await page.waitFor(() => window.__cardErrors.length > 0, null, { timeout: 5000 }).catch(() => false);
          // A second report would come from a second load or re-render: every request has ended
          // and the page has had the answers.
          await page.drain();
          const events = await page.evaluate(() => window.__cardErrors);
          const [state] = (await agreement(page)).filter((s) => s.id === 'target');
          t.diagnostic(`${engine}: ${JSON.stringify(events)}; card shows ${JSON.stringify({ title: state.title, alert: state.alert })}; problems ${JSON.stringify(await page.recorded())}`);
          assert.ok(got, 'a news-card-error reached the document');
          assert.equal(events.length, 1, 'exactly one');
          assert.deepEqual([events[0].id, events[0].field, events[0].line], ['target', 'src', null]);
          assert.ok(events[0].message.startsWith('src: '), events[0].message);
          assert.ok(state.alert, 'the card shows an alert');
          assert.equal(state.title, null, 'the previous article is gone');
          assert.deepEqual(await unexpected(page, [...REFUSAL_LOGS, ...BROWSER_REPORTS]), []);
          await page.close();
        });
      }
    });

    describe('6. numbers checked at the boundary', () => {
      // ~900 words: 5 minutes at the default 180 wpm, so wrong speeds show.
      const WORDY = { title: 'عنوان', summary: 'ملخص', body: Array.from({ length: 30 }, () => 'كلمة '.repeat(30).trim()), lang: 'ar' };
      const readingTimes = (page, cards) => page.evaluate(async ({ cards, article }) => {
        const els = cards.map(([attr, value]) => {
          const el = document.createElement('news-card');
          if (value !== null) el.setAttribute(attr, value);
          el.article = article;
          document.body.append(el);
          return el;
        });
        await new Promise((ok) => { const t = setInterval(() => { if (els.every((el) => el.shadowRoot.querySelector('[part=reading-time]'))) { clearInterval(t); ok(); } }, 10); });
        const out = els.map((el) => el.shadowRoot.querySelector('[part=reading-time]').textContent);
        els.forEach((el) => el.remove());
        return out;
      }, { cards, article: WORDY });

      it('wpm: an integer from 1 to 10000 after rounding, else the default 180', async (t) => {
        const page = await env.open('fixtures/bare.html');
        const valid = [null, '180', '1', '1.4', '10000', '10000.4', ' 200 '];
        const invalid = ['4294967297', '4294967296', '-5', '0', '0.4', '1e400', 'NaN', '12abc', '10001', '10000.5', '', 'Infinity', '-4294967295'];
        const texts = await readingTimes(page, [...valid, ...invalid].map((v) => ['wpm', v]));
        const [dflt, at180, at1, at1r, at10000, at10000r, at200] = texts;
        const bad = Object.fromEntries(invalid.map((v, i) => [v, texts[valid.length + i]]));
        t.diagnostic(`${engine}: default ${dflt}; 1 → ${at1}; 10000 → ${at10000}; 200 → ${at200}; invalid ${JSON.stringify(bad)}`);
        assert.equal(at180, dflt, '180 is the default');
        assert.notEqual(at1, dflt);
        assert.notEqual(at10000, dflt);
        assert.equal(at1r, at1, '1.4 rounds to 1');
        assert.equal(at10000r, at10000, '10000.4 rounds to 10000');
        assert.notEqual(at200, dflt, '" 200 " is 200');
        for (const [value, text] of Object.entries(bad)) assert.equal(text, dflt, `wpm="${value}" falls back to the default`);
        // mountCard's wpm option crosses the same boundary.
        const viaMount = await page.evaluate(async ({ article, values }) => {
          const { mountCard } = await import('/news-card.js');
          const out = [];
          for (const wpm of values) {
            const host = document.createElement('div');
            document.body.append(host);
            const card = await mountCard(host, { article, wpm });
            out.push(host.shadowRoot.querySelector('[part=reading-time]').textContent);
            card.destroy();
            host.remove();
          }
          return out;
        }, { article: WORDY, values: [4294967297, 4294967296, -5, 10001, 1] });
        assert.deepEqual(viaMount, [dflt, dflt, dflt, dflt, at1], 'mountCard({ wpm }) is checked the same way');
        assert.deepEqual(await unexpected(page), []);
        await page.close();
      });

      it('numerals: latn, arab or auto; anything else means latn', async (t) => {
        const page = await env.open('fixtures/bare.html');
        const values = ['latn', 'arab', null, 'bogus', '', 'arab ', 'ARAB', 'latn arab'];
        const texts = await readingTimes(page, values.map((v) => ['numerals', v]));
        const [latn, arab, ...rest] = texts;
        t.diagnostic(`${engine}: latn ${latn}; arab ${arab}; others ${JSON.stringify(rest)}`);
        assert.match(latn, /[0-9]/);
        assert.match(arab, /[٠-٩]/);
        values.slice(2).forEach((v, i) => assert.equal(rest[i], latn, `numerals=${JSON.stringify(v)} means latn`));
        assert.deepEqual(await unexpected(page), []);
        await page.close();
      });
    });

    describe('smaller items', () => {
      it('a JSON src that starts with a BOM renders', async () => {
        const page = await env.open('fixtures/bare.html');
        await addCard(page, 'bom', { attrs: { src: '/fixtures/bom.json' } });
        const [state] = (await agreement(page)).filter((s) => s.id === 'bom');
        assert.equal(state.alert, null, `no alert: ${state.alert}`);
        assert.equal(state.title, 'عنوان بعلامة ترتيب البايتات');
        assert.deepEqual(await page.evaluate(() => window.__cardErrors), []);
        await page.close();
      });

      for (const [what, make, word] of [['a function', '() => {}', 'function'], ['a symbol', 'Symbol("x")', 'symbol'], ['a bigint', '10n', 'bigint']]) {
        it(`an article that is ${what} is reported as ${what}`, async (t) => {
          const page = await env.open('fixtures/bare.html');
          await addCard(page, 'target', { article: ARTICLE });
          await page.evaluate((make) => {
            window.__cardErrors.length = 0;
            // Made in the page: none of these travel as an argument.
            const values = { '() => {}': () => {}, 'Symbol("x")': Symbol('x'), '10n': 10n };
            document.getElementById('target').article = values[make];
          }, make);
          await page.waitFor(() => window.__cardErrors.length > 0, null, { timeout: 5000 });
          const [event] = await page.evaluate(() => window.__cardErrors);
          t.diagnostic(`${engine}: ${JSON.stringify(event)}`);
          assert.equal(event.field, 'article');
          assert.ok(!event.message.includes('unexpected character'), `says what the value was: ${event.message}`);
          assert.ok(event.message.toLowerCase().includes(word), `names ${word}: ${event.message}`);
          await page.close();
        });
      }
    });
  });
}
