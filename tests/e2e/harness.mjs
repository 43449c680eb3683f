// Shared set-up for the end-to-end tests: the local server, headless Chromium, shadow-DOM helpers.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { serve } from '../../tools/serve.mjs';

export const OUTPUT = 'test-output';

/** Starts the server (www/ at /, test pages at /fixtures/, the article at /content/, Bootstrap at /vendor/bootstrap/) and Chromium. */
export async function start() {
  const server = await serve({
    '/': 'www',
    '/fixtures/': 'tests/fixtures',
    '/content/': 'content',
    '/vendor/bootstrap/': 'node_modules/bootstrap/dist/css',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // Without these Chromium keeps trying to reach the network, which these machines refuse.
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  await mkdir(OUTPUT, { recursive: true });
  return {
    url: (path = '') => server.url + path,
    browser,
    async stop() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A fresh page with console errors and CSP violations collected in `page.problems`;
 * waits until every <news-card> on it has mounted.
 */
export async function open(env, path = '', { viewport = { width: 800, height: 900 }, media } = {}) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(m.text()));
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective}`));
    // Every news-card-error that reaches the document (they bubble and cross shadow roots).
    window.__cardErrors = [];
    document.addEventListener('news-card-error', (e) => window.__cardErrors.push({ id: e.target.id, ...e.detail }));
  });
  if (media) await page.emulateMedia(media);
  await page.goto(env.url(path));
  await mounted(page);
  return page;
}

/** Waits until every <news-card> on the page has its card in its shadow root. */
export function mounted(page) {
  return page.waitForFunction(() =>
    [...document.querySelectorAll('news-card')].every((el) => el.shadowRoot?.querySelector('.card')));
}

/** Evaluates `fn(shadowRoot, arg)` inside the shadow root of the `index`th <news-card>. */
export async function inCard(page, fn, arg, index = 0) {
  const root = await page.evaluateHandle((i) => document.querySelectorAll('news-card')[i].shadowRoot, index);
  try {
    return await root.evaluate(fn, arg);
  } finally {
    await root.dispose();
  }
}
