// What the hardening specs (hardening, limits, soak) check in a page: state agreement, live cards, memory, counters, problems.
import assert from 'node:assert/strict';

// MAX_INPUT_BYTES: every input path must stop here while reading.
export const LIMIT = 2_097_152;
export const OVER = `over the limit of ${LIMIT} bytes`;
// The page's own stack exhaustion: the only uncaught errors a stack-exhausting page may see
// (a custom-element reaction that overflows is reported, not thrown, and no shell can stop that).
export const EXHAUSTED = /Maximum call stack size exceeded|too much recursion/;

/** "Afterwards" in the contract: two zero-delay tasks after the action (events and re-renders are queued by then). */
export const settle = (page) => page.evaluate(() => new Promise((r) => setTimeout(() => setTimeout(() => r(true), 0), 0)));

/**
 * Every <news-card>'s state as the page sees it, and where the pieces disagree: the property, the
 * attribute, the summary's expanded state (its details' open) and the body's visibility must tell the same story.
 */
export const agreement = (page) => page.evaluate(() => [...document.querySelectorAll('news-card')].map((el, i) => {
  const root = el.shadowRoot;
  const card = root?.querySelector('.card');
  const button = root?.querySelector('.toggle');
  // The summary's expanded state, as the browser exposes it, is its <details>' open.
  const details = button?.parentElement;
  const body = root?.querySelector('.body');
  const state = {
    i, id: el.id, connected: el.isConnected, mounted: Boolean(card), open: el.open, attr: el.hasAttribute('open'),
    expanded: details ? String(details.open) : null, hidden: body ? !body.checkVisibility() : null,
    title: root?.querySelector('h2')?.textContent ?? null, alert: root?.querySelector('[role=alert]')?.textContent ?? null,
  };
  const wrong = [];
  if (state.open !== state.attr) wrong.push('property != attribute');
  if (button && state.expanded !== String(state.open)) wrong.push('aria-expanded != open');
  if (body && state.hidden !== !state.open) wrong.push('body hidden != !open');
  if (!card) wrong.push('no card mounted');
  const count = root?.querySelectorAll('.card').length ?? 0;
  if (count > 1) wrong.push(`${count} cards in one shadow root`);
  return { ...state, wrong };
}));

/** Asserts every card agrees with itself; returns the states. */
export async function assertAgreement(page, what) {
  const states = await agreement(page);
  const bad = states.filter((s) => s.wrong.length);
  assert.deepEqual(bad, [], `${what}: every card's property, attribute, aria-expanded and body agree`);
  return states;
}

/** Live cards, wasm memory, connected mounted cards and (Chromium) DOM nodes and listeners after GC. */
export async function measure(env, page) {
  const counters = env.can.listenerMetrics ? await page.counters() : {};
  const stats = await page.evaluate(async () => (await import('/news-card.js')).stats());
  const shown = await page.evaluate(() => [...document.querySelectorAll('news-card')].filter((el) => el.shadowRoot?.querySelector('.card')).length);
  return { liveCards: stats.liveCards, wasmMemoryBytes: stats.wasmMemoryBytes, shown, nodes: counters.nodes, listeners: counters.listeners };
}

/** Asserts `now` is back at `base`: live cards, wasm memory and, in Chromium, nodes and listeners. */
export function assertAtBaseline(env, now, base, what) {
  assert.equal(now.liveCards, base.liveCards, `${what}: live cards back at baseline`);
  assert.equal(now.wasmMemoryBytes, base.wasmMemoryBytes, `${what}: wasm memory back at baseline`);
  if (env.can.listenerMetrics) {
    assert.equal(now.nodes, base.nodes, `${what}: DOM nodes back at baseline`);
    assert.equal(now.listeners, base.listeners, `${what}: event listeners back at baseline`);
  }
}

/** Problems other than those matching `allowed` (regexps). */
export async function unexpected(page, allowed = []) {
  return (await page.problems()).filter((p) => !allowed.some((re) => re.test(p)));
}
// A refused input logs one console.error from the card, and the browser logs its own network failure.
export const REFUSAL_LOGS = [/^news-card:/, /^Failed to load resource/];

/** Appends a <news-card id> (with `article` if given, attributes from `attrs`) and waits for its card. */
export async function addCard(page, id, { article, attrs = {} } = {}) {
  await page.evaluate(({ id, article, attrs }) => {
    const el = document.createElement('news-card');
    el.id = id;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (article) el.article = article;
    (document.querySelector('main') ?? document.body).append(el);
  }, { id, article, attrs });
  await page.waitFor((id) => document.getElementById(id)?.shadowRoot?.querySelector('.card'), id);
  return page.evaluate((id) => [...document.querySelectorAll('news-card')].findIndex((el) => el.id === id), id);
}

export const ARTICLE = { title: 'خبر للاختبار', summary: 'ملخص', body: ['فقرة أولى.', 'فقرة ثانية.'], lang: 'ar' };

