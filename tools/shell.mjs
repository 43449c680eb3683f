// Bundles the shell (www/news-card.js and its modules in www/shell/) into one ES module with esbuild, for dist/ (tools/dist.mjs) and the package (tools/pack.mjs).
import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

// The modules in www/shell/ find the card's files beside the entry with
// `new URL('../file', import.meta.url)`. The bundle sits where the entry does, so there the same
// files are './file': every such URL is rewritten, and a shell module whose import.meta.url is
// used otherwise fails the build (its URL would then point one folder too high).
const UP = /new URL\((['`])\.\.\//g;

/**
 * One ES module holding the entry and every module of `www`/shell/, as a string.
 * `replace`: [from, to] pairs applied to the modules' source (after the URL rewrite above), each
 * of which must occur exactly once in all of them together (else the shell changed: fail
 * loudly). `glue`: 'bundle' puts the wasm-bindgen glue into the module; 'external' leaves it an
 * import of './pkg/news_card.js' beside the module. `minify` and `banner` as esbuild's.
 */
export async function bundleShell({ www = 'www', replace = [], glue = 'bundle', minify = false, banner = '' } = {}) {
  const entry = resolve(www, 'news-card.js');
  const shell = resolve(www, 'shell') + sep;
  const found = replace.map(() => 0);
  const plugin = {
    name: 'news-card-shell',
    setup(b) {
      if (glue === 'external') {
        b.onResolve({ filter: /\/pkg\/news_card\.js$/ }, () => ({ path: './pkg/news_card.js', external: true }));
      }
      b.onLoad({ filter: /\.js$/ }, ({ path }) => {
        if (path !== entry && !path.startsWith(shell)) return undefined; // the glue, as it is
        let text = readFileSync(path, 'utf8');
        if (path.startsWith(shell)) {
          const uses = text.split('import.meta.url').length - 1;
          const ups = text.match(UP)?.length ?? 0;
          if (uses !== ups) {
            throw new Error(`tools/shell.mjs: ${relative('.', path)} uses import.meta.url ${uses} times, ` +
              `${ups} of them as new URL('../...', import.meta.url): the bundle could not keep its URLs`);
          }
          text = text.replace(UP, 'new URL($1./');
        }
        replace.forEach(([from, to], i) => {
          const parts = text.split(from);
          found[i] += parts.length - 1;
          text = parts.join(to);
        });
        return { contents: text, loader: 'js' };
      });
    },
  };
  const bundled = await build({
    entryPoints: [entry], bundle: true, format: 'esm', minify, write: false, logLevel: 'warning',
    banner: banner ? { js: banner } : undefined, plugins: [plugin],
  });
  replace.forEach(([from], i) => {
    if (found[i] !== 1) {
      throw new Error(`tools/shell.mjs: expected ${JSON.stringify(from)} once in ${join(www, 'news-card.js')} and ${join(www, 'shell/')}, found it ${found[i]} times`);
    }
  });
  return bundled.outputFiles[0].text;
}
