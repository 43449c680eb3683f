// Writes the demo pages from the template www/index.src.html: index.html with the card prerendered by the native renderer, client.html with the card rendered in the browser.
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RENDERER = 'target/release/news-card';

// What differs between the two pages; the host text around the card is the same, so that the
// two compare the card and nothing else.
const PAGES = {
  'index.html': {
    title: 'news-card: an embeddable right-to-left news card, prerendered',
    description: 'An Arabic news article in a right-to-left card: a web component carried in WebAssembly, prerendered into the page, that any site can embed.',
    about: 'Here the card is prerendered: the build wrote its HTML into this page (a declarative shadow root), so it is painted with the text around it, and the script takes it over without moving anything. <a href="client.html">The same page with the card rendered in the browser</a>, for comparison.',
    // Nothing to preload: the card is painted without script, and the shell wakes it (loads the
    // wasm) only when it nears the viewport.
    head: '',
    card: () => execFileSync(RENDERER, ['render', '--jsonld'], { encoding: 'utf8' }).trim(),
  },
  'client.html': {
    title: 'news-card: an embeddable right-to-left news card, rendered in the browser',
    description: 'An Arabic news article in a right-to-left card: a web component carried in WebAssembly, rendered in the browser, that any site can embed.',
    about: 'Here the card is rendered in the browser: the page holds an empty <code>&lt;news-card&gt;</code>, which the script fills once the WebAssembly has loaded. <a href="./">The same page with the card prerendered</a>, for comparison.',
    // The glue is fetched as soon as the page is read rather than after the shell has run: the
    // card is drawn sooner (the demo page did this before there were two).
    head: '\n  <link rel="modulepreload" href="pkg/news_card.js">',
    card: () => '<news-card></news-card>',
  },
};

/** Fills `template`'s {{slot}}s; a slot the template lacks, or one left unfilled, is an error. */
export function fill(template, values) {
  for (const slot of Object.keys(values)) {
    if (!template.includes(`{{${slot}}}`)) throw new Error(`tools/demo.mjs: the template has no {{${slot}}}`);
  }
  return template.replace(/\{\{(\w+)\}\}/g, (whole, slot) => {
    if (!(slot in values)) throw new Error(`tools/demo.mjs: no value for ${whole}`);
    return values[slot];
  });
}

/** Writes both pages into `www` (each through a temporary file: a server may be reading it). */
export function writeDemo(www = 'www') {
  const template = readFileSync(join(www, 'index.src.html'), 'utf8')
    .replace(/^<!-- Template[^\n]*-->\n/m, '<!-- Written by tools/demo.mjs from index.src.html: edit that. -->\n');
  for (const [name, page] of Object.entries(PAGES)) {
    // The card goes in as printed: indenting it would change its text (and so its digest).
    const { card, ...text } = page;
    const file = join(www, name);
    writeFileSync(`${file}.tmp`, fill(template, { ...text, card: card() }));
    renameSync(`${file}.tmp`, file);
  }
}

// `node tools/demo.mjs` (./build.sh build, after the renderer is built): write the two pages.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeDemo();
