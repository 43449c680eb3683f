// Runs Lighthouse (mobile, its default simulated throttling) on the demo pages served as ./build.sh serves them (tools/serve.mjs), in the system Chromium.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CSP, serve, withStyleSrc } from './serve.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

// Headless, and kept off the network: Chromium would otherwise try to reach its update and
// field-trial services, which these machines refuse (as tests/e2e/harness.mjs does).
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-gpu'];

/**
 * Audits each of `pages` (paths under the server) of `www` served as `./build.sh` serves it, one
 * Chromium for all. Resolves to [{ page, scores: { category: 0..1 }, failing: [text], metrics, ms }].
 */
export async function audit(pages, { www = 'www', chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium' } = {}) {
  // As ./build.sh serves it: the strict CSP plus the hash of the prerendered card's inline stylesheet.
  const csp = withStyleSrc(CSP, execFileSync('target/release/news-card', ['csp'], { encoding: 'utf8' }).trim());
  const server = await serve({ '/': www }, { csp, precompress: true });
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    const results = [];
    for (const page of pages) {
      const start = Date.now();
      const { lhr } = await lighthouse(server.url + page, { port: chrome.port, logLevel: 'error', onlyCategories: CATEGORIES });
      if (lhr.runtimeError) throw new Error(`lighthouse on ${page}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score]));
      // What keeps a category under 1: its weighted audits that did not pass.
      const failing = [];
      for (const c of CATEGORIES) {
        for (const ref of lhr.categories[c].auditRefs) {
          const a = lhr.audits[ref.id];
          if (ref.weight > 0 && a.score !== null && a.score < 1) {
            failing.push(`${c}: ${a.id} (score ${a.score}, weight ${ref.weight}): ${a.title}${a.displayValue ? ` [${a.displayValue}]` : ''}${details(a)}`);
          }
        }
      }
      const metric = (id) => lhr.audits[id]?.numericValue;
      const metrics = {
        fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'),
        tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift'), si: metric('speed-index'),
      };
      results.push({ page, scores, failing, metrics, ms: Date.now() - start, warnings: lhr.runWarnings });
    }
    return results;
  } finally {
    chrome.kill();
    await new Promise((ok) => server.close(ok));
  }
}

/** The first few items of an audit's details: which element or URL it is about. */
function details(a) {
  const items = a.details?.items ?? [];
  const named = items.slice(0, 5).map((i) => i.node?.snippet ?? i.url ?? i.source?.url ?? i.description ?? JSON.stringify(i).slice(0, 200));
  return named.length ? `\n      ${named.join('\n      ')}` : '';
}

const round = (n) => (n === undefined ? '-' : n < 1 ? n.toFixed(3) : Math.round(n));

/** One line a page: its four scores (0..100) and its metrics (ms; CLS unitless). */
export function summary({ page, scores, metrics, ms }) {
  const s = CATEGORIES.map((c) => `${c} ${Math.round(scores[c] * 100)}`).join(', ');
  const m = Object.entries(metrics).map(([k, v]) => `${k} ${round(v)}`).join(', ');
  return `${page || 'index.html'}: ${s} (${m}; ${(ms / 1000).toFixed(1)} s)`;
}

// `node tools/lighthouse.mjs [PAGE...]` (after ./build.sh build): the prerendered demo and the
// client-rendered page by default; prints each page's scores and what kept any under 100.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pages = process.argv.length > 2 ? process.argv.slice(2) : ['', 'client.html'];
  for (const r of await audit(pages)) {
    console.log(summary(r));
    for (const f of r.failing) console.log(`  ${f}`);
    for (const w of r.warnings) console.log(`  warning: ${w}`);
  }
}
