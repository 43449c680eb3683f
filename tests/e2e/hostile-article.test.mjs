// An `article` object whose reading runs page code (getters, proxies, toString, throwing indices, re-entrant sets, removal) leaves the card showing an article or its alert, never blank, and nothing is thrown at the page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, start } from './harness.mjs';

// Each case is built in the page by name (objects with getters cannot travel as arguments).
// `field` is what the alert and the event must name; `has` part of the message.
const THROWING = [
  ['a getter that throws', 'getter', { field: 'title', has: 'title: could not be read (Error: x)' }],
  ['a Proxy whose every trap throws', 'proxy', { field: 'article', has: 'article: could not be read (Error: trap)' }],
  ['a revoked Proxy', 'revoked', { field: 'article', has: 'article: could not be read (TypeError' }],
  ['a throwing author getter', 'author', { field: 'author', has: 'author: could not be read' }],
  ['a throwing member of author', 'authorName', { field: 'author.name', has: 'author.name: could not be read' }],
  ['a throwing member of image', 'imageSrc', { field: 'image.src', has: 'image.src: could not be read' }],
  ['a paragraph whose index throws', 'index', { field: 'body[1]', has: 'body[1]: could not be read' }],
  ['a body Proxy whose length throws', 'length', { field: 'body', has: 'body: could not be read' }],
  ['a thrown value whose message throws too', 'nastyThrow', { field: 'title', has: 'title: could not be read (an exception)' }],
  // Never called: a member of the wrong kind is named as such, its toString never runs.
  ['members whose toString and valueOf throw', 'toString', { field: 'title', has: 'title: expected a string, found an object' }],
  ['an array-like body with a throwing index', 'arrayLike', { field: 'body', has: 'body: expected an array of strings, found an object' }],
];

/** The hostile value for `name`, made in the page; `window.__calls` counts the page code it runs. */
function hostile(name) {
  const boom = () => { window.__calls++; throw new Error('x'); };
  const good = { title: 't', body: ['b'] };
  switch (name) {
    case 'getter': return { get title() { return boom(); }, body: ['b'] };
    case 'proxy': {
      const trap = () => { window.__calls++; throw new Error('trap'); };
      return new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap, getPrototypeOf: trap });
    }
    case 'revoked': { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; }
    case 'author': return { ...good, get author() { return boom(); } };
    case 'authorName': return { ...good, author: { get name() { return boom(); } } };
    case 'imageSrc': return { ...good, image: { alt: '', width: 1, height: 1, get src() { return boom(); } } };
    case 'index': { const body = ['a', 'b']; Object.defineProperty(body, 1, { get: boom }); return { title: 't', body }; }
    case 'length': return { title: 't', body: new Proxy([], { get: (t, k) => (k === 'length' ? boom() : t[k]) }) };
    case 'nastyThrow': return { get title() { window.__calls++; throw { get message() { throw new Error('again'); }, get name() { throw new Error('again'); } }; }, body: ['b'] };
    case 'toString': {
      const evil = { toString: boom, valueOf: boom, [Symbol.toPrimitive]: boom };
      return { title: evil, body: [evil] };
    }
    case 'arrayLike': return { title: 't', body: { length: 2, 0: 'a', get 1() { return boom(); } } };
    default: throw new Error(`no case ${name}`);
  }
}

/** What card `id` shows: its title or its alert (exactly one of them), and its toggle. */
function shown(id) {
  const root = document.getElementById(id)?.shadowRoot;
  const cards = root ? root.querySelectorAll('.card') : [];
  return {
    cards: cards.length,
    title: root?.querySelector('.card .title')?.textContent ?? null,
    alert: root?.querySelector('[role=alert]')?.textContent ?? null,
  };
}

for (const engine of ENGINES) {
  describe(`hostile article objects in ${engine}`, () => {
    let env;
    before(async () => { env = await start(engine); });
    after(async () => { await env?.stop(); });

    /** errors.html with its bad card's first error (a missing src) behind us. */
    async function errorsPage() {
      const page = await env.open('fixtures/errors.html');
      await page.waitFor(() => document.getElementById('bad').shadowRoot.querySelector('[role=alert]'));
      // Defined as page script (through the driver, like every evaluate: no eval under a CSP).
      await page.run(`(window.__cardErrors.length = 0, window.__calls = 0, window.__hostile = ${hostile}, window.__shown = ${shown}, 0)`);
      await page.clearProblems();
      return page;
    }

    /** The page's good card still opens, and a card mounted now shows its article. */
    async function othersUnharmed(page) {
      const good = await page.evaluate(() => [...document.querySelectorAll('news-card')].indexOf(document.getElementById('good')));
      await page.click('.toggle', good);
      await page.waitFor(() => document.getElementById('good').open === true);
      await page.evaluate(() => {
        const fresh = document.createElement('news-card');
        fresh.id = 'fresh';
        fresh.article = { title: 'fresh title', body: ['fresh body'] };
        document.querySelector('main').append(fresh);
      });
      await page.waitFor(() => window.__shown('fresh').title === 'fresh title');
    }

    for (const [label, name, expected] of THROWING) {
      it(`${label}: the alert names "${expected.field}", one news-card-error, nothing thrown at the page`, async () => {
        const page = await errorsPage();
        await page.evaluate((name) => {
          const el = document.getElementById('bad');
          window.__before = el.shadowRoot.querySelector('.card');
          el.article = window.__hostile(name);
        }, name);
        await page.waitFor(() => {
          const card = document.getElementById('bad').shadowRoot.querySelector('.card');
          return card && card !== window.__before;
        });
        const state = await page.evaluate(() => window.__shown('bad'));
        assert.equal(state.cards, 1, 'one card');
        assert.equal(state.title, null, 'no article');
        assert.ok(state.alert?.includes(expected.has), `the alert says why: ${state.alert}`);
        const events = await page.evaluate(() => window.__cardErrors);
        assert.equal(events.length, 1, JSON.stringify(events));
        assert.equal(events[0].id, 'bad');
        assert.equal(events[0].field, expected.field);
        assert.ok(events[0].message.includes(expected.has), events[0].message);
        const problems = await page.recorded();
        assert.deepEqual(problems.filter((p) => !p.startsWith('news-card: ')), [], 'nothing uncaught');
        assert.equal(problems.length, 1, `one console error: ${problems}`);
        // The page code ran once at most (read once, never again inside the wasm).
        assert.ok(await page.evaluate(() => window.__calls) <= 1);
        await othersUnharmed(page);
        await page.close();
      });
    }

    it('mountCard gives the same error for the same object, and rejects nothing', async () => {
      const page = await errorsPage();
      const error = await page.evaluate(async () => {
        const host = document.createElement('div');
        document.querySelector('main').append(host);
        const { mountCard } = await import('/news-card.js');
        const handle = await mountCard(host, { article: window.__hostile('getter') });
        return { ...handle.error, alert: host.shadowRoot.querySelector('[role=alert]')?.textContent };
      });
      assert.equal(error.field, 'title');
      assert.ok(error.message.includes('title: could not be read (Error: x)'), error.message);
      assert.ok(error.alert.includes('could not be read'));
      await page.close();
    });

    it('a getter that sets `article` to another object: the card shows that one', async () => {
      const page = await errorsPage();
      await page.evaluate(() => {
        const el = document.getElementById('bad');
        el.article = { get title() { window.__calls++; el.article = { title: 'second', body: ['2'] }; return 'first'; }, body: ['1'] };
      });
      await page.waitFor(() => window.__shown('bad').title === 'second');
      // Settled: still the second article, one card, and the getter ran once.
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
      assert.deepEqual(await page.evaluate(() => window.__shown('bad')), { cards: 1, title: 'second', alert: null });
      assert.equal(await page.evaluate(() => window.__calls), 1);
      assert.deepEqual(await page.evaluate(() => window.__cardErrors), []);
      assert.deepEqual(await page.recorded(), []);
      await othersUnharmed(page);
      await page.close();
    });

    it('a getter that sets `article` to the same object each time it is read: read once, no endless loop', async () => {
      const page = await errorsPage();
      await page.evaluate(() => {
        const el = document.getElementById('bad');
        const article = { get title() { window.__calls++; el.article = article; return 'same'; }, body: ['b'] };
        el.article = article;
      });
      await page.waitFor(() => window.__shown('bad').title === 'same');
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 200)));
      assert.equal(await page.evaluate(() => window.__calls), 1);
      assert.deepEqual(await page.recorded(), []);
      await page.close();
    });

    it('a getter that always sets a new article keeps the page responsive, and the card shows one of them', async () => {
      const page = await errorsPage();
      await page.evaluate(() => {
        const el = document.getElementById('bad');
        window.__stop = false;
        const next = (n) => ({ get title() { window.__calls++; if (!window.__stop) el.article = next(n + 1); return `n${n}`; }, body: ['b'] });
        el.article = next(0);
      });
      // Tasks, timers and animation frames still run while the chain goes on.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
      await page.evaluate(() => { window.__stop = true; });
      await page.waitFor(() => /^n\d+$/.test(window.__shown('bad').title ?? ''));
      const settled = await page.evaluate(() => new Promise((ok) => setTimeout(() => ok(window.__shown('bad')), 100)));
      assert.equal(settled.cards, 1);
      assert.equal(settled.alert, null);
      assert.deepEqual(await page.recorded(), []);
      await page.close();
    });

    it('a getter that removes the card: it stays removed, and mounts when it is put back', async () => {
      const page = await errorsPage();
      await page.evaluate(() => {
        const el = document.getElementById('bad');
        window.__removed = el;
        let removed = false;
        el.article = { get title() { window.__calls++; if (!removed) { removed = true; el.remove(); } return 'back'; }, body: ['b'] };
      });
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
      assert.equal(await page.evaluate(() => document.getElementById('bad')), null);
      assert.deepEqual(await page.recorded(), []);
      // Put back: read again, and shown.
      await page.evaluate(() => document.querySelector('main').append(window.__removed));
      await page.waitFor(() => window.__shown('bad').title === 'back');
      assert.deepEqual(await page.evaluate(() => window.__shown('bad')), { cards: 1, title: 'back', alert: null });
      assert.deepEqual(await page.recorded(), []);
      await page.close();
    });
  });
}
