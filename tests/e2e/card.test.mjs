// End-to-end tests of <news-card> against the served pages, in every engine of ENGINES (Chromium, Firefox, WebKit).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { readFile } from 'node:fs/promises';
import { CLIENT_PAGE, ENGINES, disclosureState as state, pixelDiff, recordToggles, recordedToggles, start } from './harness.mjs';
import { assertCollected, track } from './leaks.mjs';

/** The seed split by hand (blank-line paragraphs), as an oracle independent of the Rust parser. */
async function seedParts() {
  const text = await readFile('content/article.txt', 'utf8');
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  assert.equal(paras[0], paras[1], 'the seed repeats its headline');
  const [name, ...bio] = paras[13].split(' - ');
  return { title: paras[0], summary: paras[3], body: paras.slice(4, 12), name, bio: bio.join(' - ') };
}

/**
 * Engines that match a `#:~:text=` directive only against what the page holds at
 * DOMContentLoaded (measured: Firefox ESR 153). The card mounts after the wasm starts, later.
 */
const LATE_TEXT_FRAGMENT_MISSED = new Set(['firefox']);

for (const engine of ENGINES) {
  describe(`news-card in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    describe('on the demo page', () => {
      it('is an RTL Arabic card on an LTR page, under a strict CSP, without errors', async () => {
        const page = await env.open();
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'ltr');
        const card = await page.inCard((root) => {
          const article = root.querySelector('.card');
          const style = getComputedStyle(article);
          return {
            mode: root.mode,
            dir: article.getAttribute('dir'),
            lang: article.getAttribute('lang'),
            direction: style.direction,
            letterSpacing: style.letterSpacing,
            lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
            sheets: root.adoptedStyleSheets.length,
            styleAttrs: root.querySelectorAll('[style]').length,
            styleElements: root.querySelectorAll('style').length,
          };
        });
        assert.deepEqual(
          { ...card, lineHeight: undefined },
          { mode: 'open', dir: 'rtl', lang: 'ar', direction: 'rtl', letterSpacing: 'normal', lineHeight: undefined, sheets: 1, styleAttrs: 0, styleElements: 0 },
        );
        assert.ok(card.lineHeight >= 1.6, `line height ${card.lineHeight} leaves room for diacritics`);
        assert.deepEqual(await page.problems(), [], 'no console errors or CSP violations');
        await page.close();
      });

      it('shows every character of the article, the headline once', async () => {
        const seed = await seedParts();
        const page = await env.open();
        const shown = await page.inCard((root) => ({
          headings: [...root.querySelectorAll('h2')].map((h) => h.textContent),
          summary: root.querySelector('.summary p').textContent,
          labels: [...root.querySelectorAll('h3')].map((h) => h.textContent),
          body: [...root.querySelectorAll('.body p')].map((p) => p.textContent),
          name: root.querySelector('.author-name').textContent,
          bio: root.querySelector('.author-bio').textContent,
          all: root.textContent,
        }));
        assert.deepEqual(shown.headings, [seed.title]);
        assert.equal(shown.all.split(seed.title).length - 1, 1, 'headline appears once');
        assert.equal(shown.summary, seed.summary);
        assert.deepEqual(shown.labels, ['في كلمات قليلة', 'نبذة عن المؤلف']);
        assert.deepEqual(shown.body, seed.body);
        assert.equal(shown.name, 'يوري');
        assert.equal(shown.name, seed.name);
        assert.equal(shown.bio, seed.bio);
        await page.close();
      });

      it('starts with the summary visible and the full text closed', async () => {
        const page = await env.open();
        assert.equal(await page.inCard((root) => root.querySelector('.summary p').checkVisibility()), true);
        assert.deepEqual(await state(page), { expanded: false, labels: ['اقرأ المزيد'], bodyVisible: false, hostOpen: false });
        await page.close();
      });

      it('toggles by click, keeping aria-expanded, the open attribute and toggle events in step', async () => {
        const page = await env.open();
        await recordToggles(page);
        await page.click('.toggle');
        assert.deepEqual(await state(page), { expanded: true, labels: ['اعرض أقل'], bodyVisible: true, hostOpen: true });
        await page.click('.toggle');
        assert.deepEqual(await state(page), { expanded: false, labels: ['اقرأ المزيد'], bodyVisible: false, hostOpen: false });
        assert.deepEqual(await recordedToggles(page, { full: true }), [
          { id: '', type: 'ToggleEvent', oldState: 'closed', newState: 'open', open: true },
          { id: '', type: 'ToggleEvent', oldState: 'open', newState: 'closed', open: false },
        ]);
        await page.close();
      });

      it('toggles with Enter and Space, keeps focus on the control and shows a focus ring', async () => {
        const page = await env.open();
        await recordToggles(page);
        await page.press('Tab');
        const focused = () => page.inCard((root) => {
          const el = root.activeElement;
          const style = el && getComputedStyle(el);
          return el && { cls: el.className, outline: style.outlineStyle, width: style.outlineWidth };
        });
        assert.deepEqual(await focused(), { cls: 'toggle', outline: 'solid', width: '3px' });
        await page.press('Enter');
        assert.equal((await state(page)).expanded, true);
        assert.equal((await focused()).cls, 'toggle');
        await page.press('Space');
        assert.equal((await state(page)).expanded, false);
        assert.equal((await focused()).cls, 'toggle');
        assert.deepEqual((await recordedToggles(page, { full: true })).map((t) => t.newState), ['open', 'closed']);
        await page.close();
      });

      it('opens and closes from the open property and attribute, firing toggle each time', async () => {
        const page = await env.open();
        await recordToggles(page);
        await page.evaluate(() => { document.querySelector('news-card').open = true; });
        assert.deepEqual(await state(page), { expanded: true, labels: ['اعرض أقل'], bodyVisible: true, hostOpen: true });
        await page.evaluate(() => { document.querySelector('news-card').open = true; }); // no change, no event
        await page.evaluate(() => document.querySelector('news-card').removeAttribute('open'));
        assert.deepEqual(await state(page), { expanded: false, labels: ['اقرأ المزيد'], bodyVisible: false, hostOpen: false });
        await page.evaluate(() => document.querySelector('news-card').setAttribute('open', ''));
        assert.equal((await state(page)).bodyVisible, true);
        assert.deepEqual((await recordedToggles(page, { full: true })).map((t) => `${t.oldState}>${t.newState}`),
          ['closed>open', 'open>closed', 'closed>open']);
        await page.close();
      });

      it('reveals the closed text for a text fragment link (find-in-page)', async (t) => {
        const page = await env.open(CLIENT_PAGE + '#:~:text=' + encodeURIComponent('منطقة كورسك'));
        if (LATE_TEXT_FRAGMENT_MISSED.has(engine)) {
          // This engine looks for a text directive once, at DOMContentLoaded, before the wasm
          // has mounted the card; the link lands on the page with the card closed. What a
          // reader then needs: a closed card with no errors, whose button opens the text.
          t.diagnostic(`${engine}: text directives are matched before the card mounts; the link does not open it`);
          // By when it would have opened: an engine that tries a text directive again later
          // does so while the page loads or as it renders, so the load event has fired, the
          // card has mounted (open() waited for it) and two frames have been rendered since.
          await page.waitFor(() => document.readyState === 'complete');
          await page.frames();
          assert.deepEqual(await state(page), { expanded: false, labels: ['اقرأ المزيد'], bodyVisible: false, hostOpen: false },
            'if this engine now matches late content, move it out of LATE_TEXT_FRAGMENT_MISSED');
          await page.click('.toggle');
          const found = await page.inCard((root) => [...root.querySelectorAll('.body p')]
            .some((p) => p.textContent.includes('منطقة كورسك') && p.checkVisibility()));
          assert.equal(found, true, 'the linked words are readable after one click');
          assert.deepEqual(await page.problems(), []);
        } else {
          await page.waitFor(() => document.querySelector('news-card').open, undefined, { timeout: 5000 });
        }
        assert.deepEqual(await state(page), { expanded: true, labels: ['اعرض أقل'], bodyVisible: true, hostOpen: true });
        await page.close();
      });

      it('prints the full text without the control', async (t) => {
        const printed = (page) => page.inCard((root) => ({
          body: [...root.querySelectorAll('.body p')].every((p) => p.checkVisibility() && p.getBoundingClientRect().height > 0),
          button: root.querySelector('.toggle').checkVisibility(),
        }));
        if (env.can.printMedia) {
          const page = await env.open(CLIENT_PAGE, { media: 'print' });
          assert.deepEqual(await printed(page), { body: true, button: false });
          await page.close();
          return;
        }
        // No print emulation in this engine's driver: apply the card's own @media print rules
        // to the screen instead, proving that this engine's cascade lets them reveal the
        // closed details' text and drop the control.
        t.diagnostic(`${engine}: the driver cannot emulate print media; the card's print rules are applied to the screen`);
        const page = await env.open();
        assert.deepEqual(await printed(page), { body: false, button: true }, 'closed on screen');
        const rules = await page.inCard((root) => {
          const print = [...root.adoptedStyleSheets[0].cssRules]
            .filter((r) => r instanceof CSSMediaRule && r.media.mediaText === 'print');
          const sheet = new CSSStyleSheet();
          for (const rule of print) sheet.insertRule(`@media all { ${[...rule.cssRules].map((r) => r.cssText).join('\n')} }`);
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
          return print.length;
        });
        assert.equal(rules, 1, 'the card has one @media print block');
        assert.deepEqual(await printed(page), { body: true, button: false });
        await page.close();
      });

      it('animates only where reduced motion is not asked for', async () => {
        const duration = async (reducedMotion) => {
          const page = await env.open(CLIENT_PAGE, { reducedMotion });
          const d = await page.inCard((root) => getComputedStyle(root.querySelector('.chevron')).transitionDuration);
          await page.close();
          return d;
        };
        assert.equal(await duration('reduce'), '0s');
        assert.equal(await duration('no-preference'), '0.2s');
      });

      it('has zero axe-core violations, closed and open, and writes screenshots', async () => {
        const page = await env.open();
        assert.deepEqual(await page.axe(), []);
        await page.screenshot('card-closed', { card: 0 });
        await page.click('.toggle');
        assert.equal((await state(page)).expanded, true);
        assert.deepEqual(await page.axe(), []);
        await page.screenshot('card-open', { card: 0 });
        await page.screenshot('demo-page');
        await page.close();
      });
    });

    describe('beside other cards and host pages', () => {
      it('keeps several cards independent, with unique IDs, even when imported twice', async () => {
        const page = await env.open('fixtures/two.html');
        await recordToggles(page);
        assert.equal((await state(page, 0)).expanded, false);
        assert.equal((await state(page, 1)).expanded, true, 'the open attribute applies at mount');
        await page.click('.toggle', 0);
        assert.equal((await state(page, 0)).expanded, true);
        assert.equal((await state(page, 1)).expanded, true);
        await page.click('.toggle', 1);
        assert.equal((await state(page, 0)).expanded, true);
        assert.equal((await state(page, 1)).expanded, false);
        const ids = await page.evaluate(() => [...document.querySelectorAll('news-card')]
          .flatMap((el) => [...el.shadowRoot.querySelectorAll('[id]')].map((n) => n.id)));
        assert.equal(new Set(ids).size, ids.length, `IDs unique across cards: ${ids}`);
        assert.deepEqual((await recordedToggles(page, { full: true })).map((t) => `${t.id}:${t.newState}`),
          ['first:open', 'second:closed']);
        assert.deepEqual(await page.problems(), []);
        await page.close();
      });

      it('releases everything on removal and works again when re-inserted', async (t) => {
        const page = await env.open('fixtures/two.html');
        await page.evaluate(track);
        const live = () => page.evaluate(async () => (await (await import('/news-card.js')).stats()).liveCards);
        // In every engine: the wasm-side count, each removed card collected, and the listeners
        // registered since track() (leaks.mjs). Chromium adds its DevTools listener count.
        // Removes and re-inserts the first card; `watch`: its removed card is watched (leaks.mjs).
        const cycle = (watch = true) => page.evaluate(async (watch) => {
          const el = document.querySelector('#first');
          if (watch) window.__leaks.watch(el.shadowRoot.querySelector('.card'));
          el.remove();
          const left = [el.shadowRoot.childElementCount, (await (await import('/news-card.js')).stats()).liveCards];
          document.querySelector('main').prepend(el);
          return left;
        }, watch);
        if (!env.can.listenerMetrics) t.diagnostic(`${engine}: no DevTools counts; removed cards collected (awaited GC), listeners since tracking and live cards checked; other nodes not measured`);
        const baseline = { live: await live(), listeners: env.can.listenerMetrics ? await page.listenerCount() : 'not measured' };
        assert.equal(baseline.live, 2);
        // One cycle first: the listeners the tracker sees are those of cards mounted after it.
        assert.deepEqual(await cycle(), [0, 1]);
        await page.mounted();
        const cycles = async (n, watch = true) => {
          for (let i = 0; i < n; i++) {
            assert.deepEqual(await cycle(watch), [0, 1], 'removal empties the shadow root and frees the wasm-side card');
            await page.mounted();
            assert.equal(await live(), 2, 're-insertion mounts the card again');
          }
        };
        // WebKit may collect a card late, after more work (leaks.mjs, assertCollected): 20 cycles more, not watched.
        const more = () => cycles(20, false);
        const first = await assertCollected(env, page, { more, t, what: 'the removed card collected' });
        const tracked = first.listeners;
        await cycles(20);
        const end = await assertCollected(env, page, { more, t });
        t.diagnostic(`${engine}: ${JSON.stringify(end)}, ${tracked} listeners tracked after the first cycle`);
        assert.equal(end.listeners, tracked, 'listeners registered since tracking: as after one cycle');
        assert.deepEqual({ live: await live(), listeners: env.can.listenerMetrics ? await page.listenerCount() : 'not measured' }, baseline, 'live cards (and in Chromium all listeners) back at baseline');
        await page.click('.toggle', 0);
        assert.equal((await state(page, 0)).expanded, true, 're-inserted card still toggles');
        await page.close();
      });

      it('has the newer features the card relies on, natively', async () => {
        // Each of these has a fallback (next test); this records that the engine needs none.
        const page = await env.open();
        const features = await page.inCard((root) => ({
          detailsContent: CSS.supports('selector(::details-content)'),
          toggleEvent: typeof ToggleEvent === 'function',
          constructableSheets: 'adoptedStyleSheets' in ShadowRoot.prototype && root.adoptedStyleSheets.length === 1,
          disclosure: root.querySelector('.body').parentElement.localName,
        }));
        assert.deepEqual(features, { detailsContent: true, toggleEvent: true, constructableSheets: true, disclosure: 'details' });
        await page.close();
      });

      it('looks identical on a bare page and inside a hostile Bootstrap RTL page', async () => {
        const shot = async (path) => {
          const page = await env.open(path);
          const png = await page.screenshot(`host-${path.split('/').pop()}`, { card: 0 });
          const styles = await page.inCard((root) => {
            const s = getComputedStyle(root.querySelector('.body p, .summary p'));
            return [s.letterSpacing, s.wordSpacing, s.textTransform, s.direction, s.fontStyle, s.color, s.textIndent, s.whiteSpace];
          });
          await page.close();
          return { png, styles };
        };
        const bare = await shot('fixtures/bare.html');
        const hostile = await shot('fixtures/hostile.html');
        assert.deepEqual(hostile.styles, bare.styles);
        assert.deepEqual(bare.styles.slice(0, 4), ['normal', '0px', 'none', 'rtl']);
        // Pixel for pixel, but Chromium's rasteriser anti-aliases the rounded corner a level
        // apart between page loads now and then (seen: 9 pixels at the top corner, each channel
        // off by 1, on identical geometry): a channel may differ by 2 levels, no more. Any style
        // the host leaked in would move glyphs, lines or colours by far more than that.
        const a = PNG.sync.read(bare.png);
        const b = PNG.sync.read(hostile.png);
        assert.deepEqual([b.width, b.height], [a.width, a.height], 'the card has the same size on both hosts');
        assert.equal(pixelDiff(bare.png, hostile.png, { tolerance: 2 }), 0, 'the card renders pixel-identical (within 2 levels of anti-aliasing) on both hosts');
      });
    });
  });
}
