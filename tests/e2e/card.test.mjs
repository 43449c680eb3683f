// End-to-end tests of <news-card> in headless Chromium against the served pages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inCard, mounted, open, OUTPUT, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** The seed split by hand (blank-line paragraphs), as an oracle independent of the Rust parser. */
async function seedParts() {
  const text = await readFile('content/article.txt', 'utf8');
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  assert.equal(paras[0], paras[1], 'the seed repeats its headline');
  const [name, ...bio] = paras[13].split(' - ');
  return { title: paras[0], summary: paras[3], body: paras.slice(4, 12), name, bio: bio.join(' - ') };
}

/** Records toggle events on every <news-card> into window.__toggles. */
function recordToggles(page) {
  return page.evaluate(() => {
    window.__toggles = [];
    for (const el of document.querySelectorAll('news-card')) {
      el.addEventListener('toggle', (e) => window.__toggles.push({
        id: el.id, type: e.constructor.name, oldState: e.oldState, newState: e.newState, open: el.open,
      }));
    }
  });
}

/** The disclosure as a reader and an assistive technology see it. */
function state(page, index = 0) {
  return inCard(page, (root) => {
    const button = root.querySelector('button.toggle');
    const body = root.getElementById(button.getAttribute('aria-controls'));
    return {
      expanded: button.getAttribute('aria-expanded'),
      label: button.textContent,
      bodyVisible: body.checkVisibility() && body.getBoundingClientRect().height > 0,
      hostOpen: root.host.hasAttribute('open'),
    };
  }, null, index);
}

async function runAxe(page) {
  const source = await readFile('node_modules/axe-core/axe.min.js', 'utf8');
  // evaluate() runs outside the page's CSP, which (rightly) forbids injected inline scripts.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

describe('news-card on the demo page', () => {
  it('is an RTL Arabic card on an LTR page, under a strict CSP, without errors', async () => {
    const page = await open(env);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'ltr');
    const card = await inCard(page, (root) => {
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
    assert.deepEqual(page.problems, [], 'no console errors or CSP violations');
    await page.context().close();
  });

  it('shows every character of the article, the headline once', async () => {
    const seed = await seedParts();
    const page = await open(env);
    const shown = await inCard(page, (root) => ({
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
    await page.context().close();
  });

  it('starts with the summary visible and the full text closed', async () => {
    const page = await open(env);
    const summaryVisible = await inCard(page, (root) => root.querySelector('.summary p').checkVisibility());
    assert.equal(summaryVisible, true);
    assert.deepEqual(await state(page), { expanded: 'false', label: 'اقرأ المزيد', bodyVisible: false, hostOpen: false });
    await page.context().close();
  });

  it('toggles by click, keeping aria-expanded, the open attribute and toggle events in step', async () => {
    const page = await open(env);
    await recordToggles(page);
    const button = page.locator('news-card button.toggle');
    await button.click();
    assert.deepEqual(await state(page), { expanded: 'true', label: 'اعرض أقل', bodyVisible: true, hostOpen: true });
    await button.click();
    assert.deepEqual(await state(page), { expanded: 'false', label: 'اقرأ المزيد', bodyVisible: false, hostOpen: false });
    assert.deepEqual(await page.evaluate(() => window.__toggles), [
      { id: '', type: 'ToggleEvent', oldState: 'closed', newState: 'open', open: true },
      { id: '', type: 'ToggleEvent', oldState: 'open', newState: 'closed', open: false },
    ]);
    await page.context().close();
  });

  it('toggles with Enter and Space, keeps focus on the control and shows a focus ring', async () => {
    const page = await open(env);
    await recordToggles(page);
    await page.keyboard.press('Tab');
    const focused = () => inCard(page, (root) => {
      const el = root.activeElement;
      const style = el && getComputedStyle(el);
      return el && { cls: el.className, outline: style.outlineStyle, width: style.outlineWidth };
    });
    assert.deepEqual(await focused(), { cls: 'toggle', outline: 'solid', width: '3px' });
    await page.keyboard.press('Enter');
    assert.equal((await state(page)).expanded, 'true');
    assert.equal((await focused()).cls, 'toggle');
    await page.keyboard.press('Space');
    assert.equal((await state(page)).expanded, 'false');
    assert.equal((await focused()).cls, 'toggle');
    assert.deepEqual((await page.evaluate(() => window.__toggles)).map((t) => t.newState), ['open', 'closed']);
    await page.context().close();
  });

  it('opens and closes from the open property and attribute, firing toggle each time', async () => {
    const page = await open(env);
    await recordToggles(page);
    await page.evaluate(() => { document.querySelector('news-card').open = true; });
    assert.deepEqual(await state(page), { expanded: 'true', label: 'اعرض أقل', bodyVisible: true, hostOpen: true });
    await page.evaluate(() => { document.querySelector('news-card').open = true; }); // no change, no event
    await page.evaluate(() => document.querySelector('news-card').removeAttribute('open'));
    assert.deepEqual(await state(page), { expanded: 'false', label: 'اقرأ المزيد', bodyVisible: false, hostOpen: false });
    await page.evaluate(() => document.querySelector('news-card').setAttribute('open', ''));
    assert.equal((await state(page)).bodyVisible, true);
    assert.deepEqual((await page.evaluate(() => window.__toggles)).map((t) => `${t.oldState}>${t.newState}`),
      ['closed>open', 'open>closed', 'closed>open']);
    await page.context().close();
  });

  it('reveals the closed text for a text fragment link (find-in-page)', async () => {
    const page = await open(env, '#:~:text=' + encodeURIComponent('منطقة كورسك'));
    await page.waitForFunction(() => document.querySelector('news-card').open, null, { timeout: 5000 });
    assert.deepEqual(await state(page), { expanded: 'true', label: 'اعرض أقل', bodyVisible: true, hostOpen: true });
    await page.context().close();
  });

  it('prints the full text without the control', async () => {
    const page = await open(env, '', { media: { media: 'print' } });
    const printed = await inCard(page, (root) => ({
      body: [...root.querySelectorAll('.body p')].every((p) => p.checkVisibility() && p.getBoundingClientRect().height > 0),
      button: root.querySelector('.toggle').checkVisibility(),
    }));
    assert.deepEqual(printed, { body: true, button: false });
    await page.context().close();
  });

  it('animates only where reduced motion is not asked for', async () => {
    const duration = async (reducedMotion) => {
      const page = await open(env, '', { media: { reducedMotion } });
      const d = await inCard(page, (root) => getComputedStyle(root.querySelector('.chevron')).transitionDuration);
      await page.context().close();
      return d;
    };
    assert.equal(await duration('reduce'), '0s');
    assert.equal(await duration('no-preference'), '0.2s');
  });

  it('has zero axe-core violations, closed and open, and writes screenshots', async () => {
    const page = await open(env);
    assert.deepEqual(await runAxe(page), []);
    await page.locator('news-card').screenshot({ path: `${OUTPUT}/card-closed.png` });
    await page.locator('news-card button.toggle').click();
    assert.deepEqual(await runAxe(page), []);
    await page.locator('news-card').screenshot({ path: `${OUTPUT}/card-open.png` });
    await page.screenshot({ path: `${OUTPUT}/demo-page.png`, fullPage: true });
    await page.context().close();
  });
});

describe('news-card beside other cards and host pages', () => {
  it('keeps several cards independent, with unique IDs, even when imported twice', async () => {
    const page = await open(env, 'fixtures/two.html');
    await recordToggles(page);
    assert.equal((await state(page, 0)).expanded, 'false');
    assert.equal((await state(page, 1)).expanded, 'true', 'the open attribute applies at mount');
    await page.locator('#first button.toggle').click();
    assert.equal((await state(page, 0)).expanded, 'true');
    assert.equal((await state(page, 1)).expanded, 'true');
    await page.locator('#second button.toggle').click();
    assert.equal((await state(page, 0)).expanded, 'true');
    assert.equal((await state(page, 1)).expanded, 'false');
    const ids = await page.evaluate(() => [...document.querySelectorAll('news-card')]
      .flatMap((el) => [...el.shadowRoot.querySelectorAll('[id]')].map((n) => n.id)));
    assert.equal(new Set(ids).size, ids.length, `IDs unique across cards: ${ids}`);
    assert.deepEqual((await page.evaluate(() => window.__toggles)).map((t) => `${t.id}:${t.newState}`),
      ['first:open', 'second:closed']);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  it('releases everything on removal and works again when re-inserted', async () => {
    const page = await open(env, 'fixtures/two.html');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (name) => metrics.find((m) => m.name === name).value;
      const live = await page.evaluate(async () => (await import('/news-card.js')).stats().then((s) => s.liveCards));
      return { listeners: get('JSEventListeners'), live };
    };
    const baseline = await metrics();
    assert.equal(baseline.live, 2);
    for (let i = 0; i < 20; i++) {
      await page.evaluate(() => { window.__card = document.querySelector('#first'); window.__card.remove(); });
      assert.equal((await metrics()).live, 1, 'removal frees the wasm-side card');
      assert.equal(await page.evaluate(() => window.__card.shadowRoot.childElementCount), 0);
      await page.evaluate(() => document.querySelector('main').prepend(window.__card));
      await mounted(page);
    }
    assert.deepEqual(await metrics(), baseline, 'listeners and live cards back at baseline');
    await page.locator('#first button.toggle').click();
    assert.equal((await state(page, 0)).expanded, 'true', 're-inserted card still toggles');
    await page.context().close();
  });

  it('looks identical on a bare page and inside a hostile Bootstrap RTL page', async () => {
    const shot = async (path) => {
      const page = await open(env, path);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const png = await page.locator('news-card').screenshot({ path: `${OUTPUT}/host-${path.split('/').pop()}.png` });
      const styles = await inCard(page, (root) => {
        const s = getComputedStyle(root.querySelector('.body p, .summary p'));
        return [s.letterSpacing, s.wordSpacing, s.textTransform, s.direction, s.fontStyle, s.color, s.textIndent, s.whiteSpace];
      });
      await page.context().close();
      return { png, styles };
    };
    const bare = await shot('fixtures/bare.html');
    const hostile = await shot('fixtures/hostile.html');
    assert.deepEqual(hostile.styles, bare.styles);
    assert.deepEqual(bare.styles.slice(0, 4), ['normal', '0px', 'none', 'rtl']);
    assert.ok(bare.png.equals(hostile.png), 'the card renders pixel-identical on both hosts');
  });
});
