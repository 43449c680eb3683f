// Bytes of what the card ships (raw, gzip -9, brotli max quality), for the bench table and the size budget.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Every file a page loads to show the card: the shell, then the wasm-bindgen glue and the wasm. */
export function shippedFiles(www = 'www') {
  const pkg = readdirSync(join(www, 'pkg')).filter((f) => f.endsWith('.js') || f.endsWith('.wasm')).sort();
  return ['news-card.js', ...pkg.map((f) => join('pkg', f))].map((f) => join(www, f));
}

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

/** One row per shipped file and a `total` row (each file compressed on its own, as served). */
export function shippedSizes(www = 'www') {
  const files = shippedFiles(www).map((path) => ({ path, ...compressedSizes(readFileSync(path)) }));
  const total = { path: 'total', raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ['raw', 'gzip', 'brotli']) total[k] += f[k];
  return { files, total };
}
