// Themes and brand, in each engine: light, dark, auto and the --news-card-* properties on a dark host page, with axe's contrast rules.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';

const LIGHT = { background: 'rgb(255, 255, 255)', text: 'rgb(28, 31, 36)', muted: 'rgb(77, 85, 98)', accent: 'rgb(11, 87, 208)', border: 'rgb(201, 206, 214)' };
const DARK = { background: 'rgb(23, 25, 29)', text: 'rgb(230, 232, 235)', muted: 'rgb(170, 177, 188)', accent: 'rgb(138, 180, 248)', border: 'rgb(60, 66, 75)' };

/** The colours and type of card `id` as the engine computed them. */
function looks(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const card = getComputedStyle(root.querySelector('.card'));
    return {
      background: card.backgroundColor,
      text: card.color,
      muted: getComputedStyle(root.querySelector('.meta')).color,
      accent: getComputedStyle(root.querySelector('.toggle')).color,
      border: card.borderTopColor,
      radius: card.borderTopLeftRadius,
      font: card.fontFamily,
      size: card.fontSize,
    };
  }, id);
}

const colours = ({ background, text, muted, accent, border }) => ({ background, text, muted, accent, border });

for (const engine of ENGINES) {
  describe(`themes in ${engine}`, () => {
    let env, page;
    before(async () => {
      env = await start(engine);
      page = await env.open('fixtures/themes.html', { viewport: { width: 700, height: 900 } });
    });
    after(async () => {
      await page?.close();
      await env?.stop();
    });

    it('light, dark and auto (with no dark preference) take their palettes on a dark host page', async () => {
      assert.deepEqual(colours(await looks(page, 'light')), LIGHT);
      assert.deepEqual(colours(await looks(page, 'dark')), DARK);
      assert.deepEqual(colours(await looks(page, 'auto')), LIGHT);
      const errorTitle = await page.evaluate(() => getComputedStyle(document.getElementById('dark-error').shadowRoot.querySelector('.error-title')).color);
      assert.equal(errorTitle, 'rgb(242, 184, 181)');
      // The error card's console.error is the only problem on the page (checked before axe runs).
      assert.deepEqual((await page.recorded()).map((p) => p.replace(/:.*/s, '')), ['news-card']);
    });

    it('a brand set with the --news-card-* properties on the element reaches the card', async () => {
      const brand = await looks(page, 'brand');
      assert.deepEqual(colours(brand), { background: 'rgb(253, 246, 236)', text: 'rgb(43, 29, 14)', muted: 'rgb(107, 79, 42)', accent: 'rgb(138, 21, 56)', border: 'rgb(217, 185, 138)' });
      assert.equal(brand.radius, '0px');
      assert.match(brand.font, /^"?DejaVu Serif"?, serif$/);
      assert.equal(brand.size, '18px');
    });

    it('passes axe (contrast included), closed and open, and writes screenshots', async () => {
      assert.deepEqual(await page.axe({ perCard: true }), []);
      for (const [name, index] of [['light', 0], ['dark', 1], ['brand', 2]]) await page.screenshot(`theme-${name}`, { card: index });
      await page.evaluate(() => { for (const card of document.querySelectorAll('news-card')) card.open = true; });
      await page.frames();
      assert.deepEqual(await page.axe({ perCard: true }), []);
      await page.screenshot('theme-dark-open', { card: 1 });
      await page.evaluate(() => { for (const card of document.querySelectorAll('news-card')) card.open = false; });
    });

    it('auto follows the reader\'s preference live, and forced colours override every theme', { skip: engine !== 'chromium' && `${engine}: the preference cannot be changed under a running page here (Chromium emulates it)` }, async () => {
      await page.pw.emulateMedia({ colorScheme: 'dark' });
      await page.frames();
      assert.deepEqual(colours(await looks(page, 'auto')), DARK);
      assert.deepEqual(colours(await looks(page, 'light')), LIGHT, 'an explicit theme ignores the preference');
      assert.deepEqual(await page.axe({ perCard: true }), []);
      await page.pw.emulateMedia({ colorScheme: 'light' });
      await page.frames();
      assert.deepEqual(colours(await looks(page, 'auto')), LIGHT);
      await page.pw.emulateMedia({ forcedColors: 'active' });
      await page.frames();
      const forced = await Promise.all(['light', 'dark', 'brand'].map((id) => looks(page, id)));
      assert.deepEqual(colours(forced[1]), colours(forced[0]), 'the system colours, not the dark palette');
      assert.deepEqual(colours(forced[2]), colours(forced[0]), 'the system colours, not the brand');
      const chevron = await page.evaluate(() => {
        const style = getComputedStyle(document.getElementById('dark').shadowRoot.querySelector('.chevron'));
        return { top: style.borderTopColor, sides: [style.borderLeftColor, style.borderRightColor] };
      });
      // A triangle in the button's colour (ButtonText): its sides stay transparent.
      assert.deepEqual(chevron, { top: forced[0].accent, sides: ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'] });
      await page.screenshot('theme-forced-colors', { card: 1 });
      await page.pw.emulateMedia({ forcedColors: 'none' });
    });
  });
}
