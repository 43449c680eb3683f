// The benchmark's host pages: one publisher-like article (LTR text, host CSS) around the card of each arm, one card or many.
// bench/run.mjs writes them at bench time; only the embed differs between arms, so their text, fonts and layout match.
import { execFileSync } from 'node:child_process';

export const ARMS = {
  a: 'prerendered, no script (d without the module)',
  b: 'vanilla-JS custom element',
  c: 'news-card, client-rendered (wasm)',
  d: 'news-card, prerendered + hydrated',
};

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The publisher's own words. English and left-to-right, so the right-to-left card sits in a page
// whose direction differs from its own, as an embed usually does.
const HEADING = 'Allies and markets weigh a summer of shifting alliances';
const LEAD = 'Diplomats in three capitals spent the week trading visits and statements, and the ' +
  'reactions were quick to follow: currency desks priced in new sanctions, shipping insurers ' +
  'reviewed their routes, and analysts began asking which promises would survive the autumn. ' +
  'Our correspondents summarise the Arabic-language coverage below.';
const AFTER = [
  'The statement came at the end of a two-day visit that both governments described as ' +
  'productive. Neither side published the text of the agreements signed, but officials ' +
  'briefed reporters on defence cooperation, rail links and a plan to expand tourism.',
  'Western governments responded within hours. A spokesperson for the foreign ministry said ' +
  'the alliance would be "watched closely", while a senior official warned that any transfer ' +
  'of arms would breach existing resolutions of the Security Council.',
  'Markets were calmer than the rhetoric. Regional stock indices closed slightly higher, and ' +
  'the price of freight on the affected routes barely moved, suggesting that traders expect ' +
  'the announcements to change little in the short term.',
  'What happens next depends on the autumn negotiations. Several capitals have asked for ' +
  'talks before the end of the year, and diplomats say the next visit, already pencilled in, ' +
  'will show how much of this week\'s language turns into policy.',
];

// Host styles: a centred article column in a serif face. Class names carry a site- prefix so
// they never meet the card's own (.title, .meta, ...), which the static arm has in light DOM.
export const HOST_CSS = `/* The host page of bench/run.mjs: a publisher's article column. */
html { background: #f6f5f1; }
body { margin: 0; color: #222; font: 18px/1.6 "DejaVu Serif", Georgia, serif; }
.site-header { padding: 12px 24px; background: #14213d; color: #fff; font: 700 16px/1.4 "DejaVu Sans", system-ui, sans-serif; }
.site-article { max-inline-size: 720px; margin: 0 auto; padding: 8px 24px 48px; }
.site-article h1 { margin: 24px 0 8px; font-size: 32px; line-height: 1.25; }
.site-byline { margin: 0 0 16px; color: #666; font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; }
.site-article p { margin: 0 0 16px; }
.site-embed { margin: 24px 0; }
`;

/**
 * The markup of each arm's embeds: `embed(arm, i)` gives card `i` (from 0). `prerendered[i]` is the
 * native renderer's element, for (a) and (d): (a) is (d) without the module, so (d)/(a) is what
 * the script costs the page.
 */
function embedOf(arm, i, { prerendered }) {
  const inner = {
    a: () => prerendered[i],
    b: () => '<vanilla-card></vanilla-card>',
    c: () => '<news-card></news-card>',
    d: () => prerendered[i],
  }[arm]();
  return `<div class="site-embed">${inner}</div>`;
}

// What each arm's <head> loads beside the host stylesheet. (c) and (d) load `parts.module`: the
// module a publisher serves, as `./build.sh dist` writes it (shell and glue bundled, SRI-pinned).
const HEAD = {
  a: () => '',
  b: () => '<script type="module" src="/gen/vanilla-card.js"></script>',
  c: (parts) => parts.module,
  d: (parts) => parts.module,
};

/**
 * The host page of `arm` with `n` cards: heading, one paragraph, the card, four paragraphs; with
 * more cards, one host paragraph between each two. `leadParagraphs` extra paragraphs before the
 * first card push it below the fold (the lazy-start check).
 */
export function hostPage(arm, n, parts, { leadParagraphs = 0 } = {}) {
  const p = (s) => `<p>${escapeHtml(s)}</p>`;
  const body = [`<h1>${escapeHtml(HEADING)}</h1>`, '<p class="site-byline">By our correspondents · 6 min read</p>', p(LEAD)];
  for (let k = 0; k < leadParagraphs; k++) body.push(p(AFTER[k % AFTER.length]));
  for (let i = 0; i < n; i++) {
    body.push(embedOf(arm, i, parts));
    if (i < n - 1) body.push(p(AFTER[i % AFTER.length]));
  }
  body.push(...AFTER.map(p));
  return '<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>bench ${arm}, ${n} card${n === 1 ? '' : 's'}</title>\n<link rel="icon" href="data:,">\n` +
    `<link rel="stylesheet" href="/gen/host.css">\n${HEAD[arm](parts)}\n</head>\n<body>\n` +
    '<header class="site-header">The Daily Example</header>\n' +
    `<main class="site-article">\n${body.join('\n')}\n</main>\n</body>\n</html>\n`;
}

/**
 * `n` prerendered cards of the embedded article from the native command (built by run.mjs), each
 * with its own ID prefix so the page's IDs stay unique; the stylesheet inline, as the command
 * writes it by default (the server's CSP carries its hash, `styleSrc`).
 */
export function prerender(n, command = 'target/release/news-card') {
  return Array.from({ length: n }, (_, i) => execFileSync(command,
    ['render', '--id-prefix', `ncp${i + 1}`], { encoding: 'utf8' }).trim());
}

/** The `style-src` source a page needs for the prerendered cards' inline stylesheet. */
export function styleSrc(command = 'target/release/news-card') {
  return execFileSync(command, ['csp'], { encoding: 'utf8' }).trim();
}
