// An engine without ToggleEvent or constructable stylesheets: the card links news-card.css, and shows and names one toggle label whether that file is late, refused or loaded.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, disclosureState as state, recordToggles, recordedToggles, start } from './harness.mjs';
import { CSP } from '../../tools/serve.mjs';

const CLOSED = 'اقرأ المزيد';
const OPEN = 'اعرض أقل';
// docs/csp.md's minimum policy plus font-src: no style-src at all, so a linked stylesheet is
// refused (default-src 'none').
const DOCS_POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; font-src 'self'";

/** Chromium's accessibility tree: the names of the disclosure triangles (the summary). */
async function accessibleNames(env, page) {
  if (env.engine !== 'chromium') return null;
  const cdp = await page.pw.context().newCDPSession(page.pw);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => n.role?.value === 'DisclosureTriangle').map((n) => n.name?.value);
}

/** The stylesheet link the shell put in the card's shadow root, and whether it has loaded. */
const link = (page) => page.inCard((root) => {
  const l = root.querySelector('link[rel=stylesheet]');
  return l && { href: new URL(l.href).pathname, loaded: Boolean(l.sheet) };
});

/** Checks the toggle closed, clicks it, checks it open: one label each time, by sight and by name. */
async function togglesWithOneLabel(env, page, styled) {
  const taken = await page.evaluate(() => typeof ToggleEvent === 'undefined' && !('adoptedStyleSheets' in ShadowRoot.prototype));
  assert.equal(taken, true, 'the fixture took ToggleEvent and constructable stylesheets away');
  assert.equal(await page.inCard((root) => getComputedStyle(root.querySelector('.card')).direction), 'rtl', 'the card is RTL, styled or not');
  assert.deepEqual(await state(page), { labels: [CLOSED], expanded: false, hostOpen: false, bodyVisible: false });
  const names = await accessibleNames(env, page);
  if (names) assert.deepEqual(names, [CLOSED], 'the toggle is named by one label');
  await page.click('.toggle');
  await page.waitFor(() => document.querySelector('news-card').open);
  assert.deepEqual(await state(page), { labels: [OPEN], expanded: true, hostOpen: true, bodyVisible: true });
  const openNames = await accessibleNames(env, page);
  if (openNames) assert.deepEqual(openNames, [OPEN], 'the open toggle is named by one label');
  const toggles = (await recordedToggles(page, { full: true })).map(({ type, oldState, newState }) => ({ type, oldState, newState }));
  assert.deepEqual(toggles, [{ type: 'Event', oldState: 'closed', newState: 'open' }], 'one toggle event, an Event with ToggleEvent\'s fields');
  if (styled !== undefined) {
    // The card's own styles apply once the link has loaded (its padding), never before.
    const padded = await page.inCard((root) => getComputedStyle(root.querySelector('.card')).paddingInlineStart !== '0px');
    assert.equal(padded, styled, styled ? 'the stylesheet applies once loaded' : 'no card styles without the stylesheet');
  }
}

for (const engine of ENGINES) {
  describe(`an older engine (no ToggleEvent, no constructable stylesheets) in ${engine}`, () => {
    let env;
    before(async () => {
      env = await start(engine, { csp: (url) => (url.searchParams.has('docs-csp') ? DOCS_POLICY : CSP) });
    });
    after(async () => { await env?.stop(); });

    it('shows one label while news-card.css is still on its way, and after it loads', async () => {
      // The server holds the stylesheet until the checks below are done: late, for as long as it takes.
      const held = env.hold('/news-card.css');
      const page = await env.open('fixtures/old-engine.html');
      await held.requested; // the card is built and has linked its stylesheet
      assert.deepEqual(await link(page), { href: '/news-card.css', loaded: false });
      await recordToggles(page);
      await togglesWithOneLabel(env, page, false);
      // Closed again, then the stylesheet arrives: still one label, now styled.
      await page.click('.toggle');
      await page.waitFor(() => !document.querySelector('news-card').open);
      held.release();
      await page.waitFor(() => document.querySelector('news-card').shadowRoot.querySelector('link[rel=stylesheet]').sheet !== null);
      await recordToggles(page);
      await togglesWithOneLabel(env, page, true);
      assert.deepEqual(await page.problems(), []);
      await page.screenshot('old-engine-open', { card: 0 });
      await page.close();
    });

    it('shows one label where the page\'s CSP refuses news-card.css (docs/csp.md\'s minimum policy)', async () => {
      const page = await env.open('fixtures/old-engine.html?docs-csp');
      // The refusal itself is the signal: the stylesheet will never load.
      await page.waitFor(() => window.__violations.some((v) => new URL(v.blocked, location).pathname === '/news-card.css'));
      assert.equal((await link(page)).href, '/news-card.css');
      await recordToggles(page);
      await togglesWithOneLabel(env, page, false);
      // What the policy refuses is the two stylesheets and the fixture's data: icon, nothing of
      // the card's own code. WebKitGTK's MiniBrowser loads no page icon (measured: neither a
      // request nor a report for it), so there the icon is not among them.
      const expected = ['/fixtures/frame.css', '/news-card.css', ...(engine === 'webkit' ? [] : ['data'])].sort();
      const refusals = () => window.__violations.map((v) => (v.blocked.startsWith('data') ? 'data' : new URL(v.blocked, location).pathname));
      await page.waitFor(`(want) => want.every((r) => (${refusals})().includes(r))`, expected);
      await page.drain();
      const refused = await page.evaluate(refusals);
      assert.deepEqual([...new Set(refused)].sort(), expected);
      const other = (await page.recorded()).filter((p) => !p.startsWith('CSP: '));
      assert.deepEqual(other, [], 'no error besides the refusals');
      await page.screenshot('old-engine-refused-open', { card: 0 });
      await page.close();
    });
  });
}
