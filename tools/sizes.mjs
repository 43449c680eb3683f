// Bytes of what the card ships (raw, gzip -9, brotli max quality), for the bench table and the size budget.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { writeDist } from './dist.mjs';

/** Compressed sizes of one buffer, at the settings a careful server would use for static files. */
export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/**
 * One row per file a page downloads to show the card, and a `total` row (each file compressed
 * on its own, as served). Measured on what `./build.sh dist` publishes (the shell and the
 * wasm-bindgen glue bundled and minified into one module, and the wasm), built from `www`
 * into a temporary folder: that is the production form; `www/news-card.js` and `www/shell/`
 * are its source.
 * The restart copy of the glue (`restartGlue`) is not counted: a page fetches it only after
 * the wasm has failed.
 */
export async function shippedSizes(www = 'www') {
  const out = mkdtempSync(join(tmpdir(), 'news-card-size-'));
  try {
    const dist = await writeDist({ www, out });
    const files = [dist.module, dist.wasm].map((name) => ({ path: `dist/${name}`, ...compressedSizes(readFileSync(join(out, name))) }));
    const total = { path: 'total', raw: 0, gzip: 0, brotli: 0 };
    for (const f of files) for (const k of ['raw', 'gzip', 'brotli']) total[k] += f[k];
    return { files, total };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A wasm module's sections in order: `{ id, name, start, end }` (`name` for custom sections only). */
export function wasmSections(wasm) {
  const sections = [];
  let p = 8; // after the magic and version
  const leb = () => {
    let value = 0, shift = 0, byte;
    do { byte = wasm[p++]; value |= (byte & 127) << shift; shift += 7; } while (byte & 128);
    return value >>> 0;
  };
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    const end = leb() + p;
    const name = id === 0 ? wasm.subarray(p + 1, p + 1 + wasm[p]).toString() : undefined; // names here are < 128 bytes
    sections.push({ id, name, start, end });
    p = end;
  }
  return sections;
}

/**
 * How NAMED (a copy of SHIPPED built with its function names kept, for twiggy) compares with
 * SHIPPED once its `name` section is left out: byte for byte, or section by section in size.
 */
export function compareNamed(named, shipped) {
  const kept = wasmSections(named).filter((s) => s.name !== 'name');
  const bytes = Buffer.concat([named.subarray(0, 8), ...kept.map((s) => named.subarray(s.start, s.end))]);
  if (bytes.equals(shipped)) return { same: true, text: 'byte for byte the shipped wasm plus its name section' };
  const sizes = (list) => list.map((s) => `${s.id}${s.name ? ':' + s.name : ''}=${s.end - s.start}`).join(' ');
  if (sizes(kept) === sizes(wasmSections(shipped))) {
    let differ = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== shipped[i]) differ++;
    return { same: true, text: `the shipped wasm plus its name section, every section the same size (with --debuginfo, wasm-opt writes ${differ.toLocaleString('en')} bytes of its code differently)` };
  }
  return { same: false, text: `NOT the shipped wasm: sections ${sizes(kept)} against ${sizes(wasmSections(shipped))}` };
}

// `node tools/sizes.mjs` (./build.sh size): the reader's download, then the publisher's build beside it.
// `node tools/sizes.mjs --named NAMED SHIPPED` (./build.sh size): how twiggy's copy NAMED compares
// with SHIPPED (compareNamed); exits 1 when their sections differ in size.
const main = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (main && process.argv[2] === '--named') {
  const [named, shipped] = process.argv.slice(3, 5);
  const { same, text } = compareNamed(readFileSync(named), readFileSync(shipped));
  console.log(`${named}: ${text}`);
  process.exit(same ? 0 : 1);
} else if (main) {
  const row = (f) => `| ${f.path} | ${f.raw.toLocaleString('en')} | ${f.gzip.toLocaleString('en')} | ${f.brotli.toLocaleString('en')} |`;
  const { files, total } = await shippedSizes();
  console.log('What a page with a card downloads (./build.sh dist), bytes:\n');
  console.log('| file | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|');
  for (const f of [...files, total]) console.log(row(f));
  console.log('\nThe publisher\'s build (renderToString; parseArticle loads it on first call), not in a reader\'s download:\n');
  console.log('| file | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|');
  for (const path of ['www/pkg-render/news_card_bg.wasm', 'www/pkg-render/news_card.js']) {
    console.log(row({ path, ...compressedSizes(readFileSync(path)) }));
  }
}
