// Writes dist/: the card as content-hashed files (and the stylesheet for prerendered cards that link it), and the embed snippet with SRI (dist/snippet.html).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crateVersion } from './pack.mjs';
import { bundleShell } from './shell.mjs';

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/**
 * Two hashed files and the snippet. The shell and the wasm-bindgen glue become one module
 * (`news-card.HASH.js`), with the wasm's name and SRI hash written into it; the snippet pins that
 * module with `integrity`, so one attribute pins both: a changed byte in either is refused.
 * `base` is the URL the files will be served from ('' = beside the page). Also the card's
 * stylesheet (`news-card.HASH.css`), for prerendered cards that link it (`./build.sh render
 * --css-href`) rather than carry it inline; a card the module builds adopts the same CSS from
 * the wasm and fetches it only in an engine without constructable stylesheets (the module
 * names the hashed file).
 * Also the publisher's wasm and glue, which `parseArticle` loads on its first call (no card needs
 * them). Returns { module, wasm, restartGlue, renderGlue, renderWasm, css, integrity, snippet }.
 */
export async function writeDist({ www = 'www', out = 'dist', base = '' } = {}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'fonts'), { recursive: true });
  const wasmBytes = readFileSync(join(www, 'pkg/news_card_bg.wasm'));
  const wasm = `news_card_bg.${short(wasmBytes)}.wasm`;
  copyFileSync(join(www, 'pkg/news_card_bg.wasm'), join(out, wasm));
  const cssBytes = readFileSync(join(www, 'news-card.css'));
  const css = `news-card.${short(cssBytes)}.css`;
  writeFileSync(join(out, css), cssBytes);
  // The optional web font (font="naskh") keeps its own, versioned name: CSS has no integrity for fonts.
  for (const f of readdirSync(join(www, 'fonts'))) copyFileSync(join(www, 'fonts', f), join(out, 'fonts', f));

  const integrity = sri(wasmBytes);
  // The glue is bundled into the module; a copy of its own is imported only to restart a failed
  // wasm (a dynamic import cannot carry integrity; the wasm it loads is still checked).
  const glueBytes = readFileSync(join(www, 'pkg/news_card.js'));
  const restartGlue = `news_card.${short(glueBytes)}.js`;
  writeFileSync(join(out, restartGlue), glueBytes);
  // The publisher's wasm and glue (www/pkg-render), fetched by parseArticle's first call only.
  const renderWasmBytes = readFileSync(join(www, 'pkg-render/news_card_bg.wasm'));
  const renderWasm = `news_card_render_bg.${short(renderWasmBytes)}.wasm`;
  writeFileSync(join(out, renderWasm), renderWasmBytes);
  const renderGlueBytes = readFileSync(join(www, 'pkg-render/news_card.js'));
  const renderGlue = `news_card_render.${short(renderGlueBytes)}.js`;
  writeFileSync(join(out, renderGlue), renderGlueBytes);
  // Written into the shell's modules as they are bundled (each must be there once).
  const bundled = await bundleShell({
    www, minify: true, banner: `/* news-card ${crateVersion()} */`,
    replace: [
      ["new URL('./pkg/news_card_bg.wasm', import.meta.url)", `new URL('./${wasm}', import.meta.url)`],
      ['fetch(WASM)', `fetch(WASM, { integrity: '${integrity}' })`],
      ["new URL('./news-card.css', import.meta.url)", `new URL('./${css}', import.meta.url)`],
      ["new URL('./pkg/news_card.js', import.meta.url)", `new URL('./${restartGlue}', import.meta.url)`],
      ["new URL('./pkg-render/news_card.js', import.meta.url)", `new URL('./${renderGlue}', import.meta.url)`],
      ["new URL('./pkg-render/news_card_bg.wasm', import.meta.url)", `new URL('./${renderWasm}', import.meta.url)`],
      // The error then names the hash too (WebDriver-driven WebKit shows no console but this one).
      ['could not load ${WASM}:', `could not load \${WASM} (integrity ${integrity}):`],
    ],
  });
  const moduleBytes = Buffer.from(bundled);
  const module = `news-card.${short(moduleBytes)}.js`;
  writeFileSync(join(out, module), moduleBytes);

  const snippet = `<!-- news-card ${crateVersion()}: the module's integrity also pins the wasm, whose hash it holds. -->\n` +
    `<script type="module" src="${base}${module}" integrity="${sri(moduleBytes)}" crossorigin="anonymous"></script>\n` +
    '<news-card theme="auto"></news-card>\n';
  writeFileSync(join(out, 'snippet.html'), snippet);
  return { module, wasm, restartGlue, renderGlue, renderWasm, css, integrity: sri(moduleBytes), snippet };
}

// `node tools/dist.mjs [BASE_URL]` (./build.sh dist): write dist/ and print the snippet.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ?? process.env.DIST_BASE ?? '';
  const { module, wasm, css, snippet } = await writeDist({ base });
  console.log(`dist/${module}\ndist/${wasm}\ndist/${css}\ndist/fonts/\ndist/snippet.html:\n\n${snippet}`);
  console.log(`Prerendered cards that link their stylesheet: ./build.sh render FILE --css-href ${base}${css}`);
}
