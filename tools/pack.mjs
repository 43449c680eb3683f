// Assembles the publishable npm package in target/npm/package/ (from www/ and npm/) and packs it with npm pack.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleShell } from './shell.mjs';

/** The crate's version: Cargo.toml is the one place it is set, so the wasm and the package agree. */
export function crateVersion() {
  return readFileSync('Cargo.toml', 'utf8').match(/^version = "([^"]+)"/m)[1];
}

/**
 * Bundles the shell and copies what else a publisher needs (build-time renderer, types, glue, wasm, fonts, manifest, schema) into
 * `out`/package, writes its package.json, and runs `npm pack` there. Nothing else can get in:
 * the staging folder holds only these files, and package.json's `files` lists them again.
 * Returns npm's own report: { filename, size, unpackedSize, files, tarball }.
 */
export async function pack({ out = 'target/npm' } = {}) {
  const stage = join(out, 'package');
  rmSync(stage, { recursive: true, force: true });
  const copy = (from, to = from) => {
    mkdirSync(dirname(join(stage, to)), { recursive: true });
    copyFileSync(join('www', from), join(stage, to));
  };
  // The shell's modules (www/news-card.js and www/shell/) become one news-card.js: the package's
  // only entry, as before the split. Not minified (the publisher's bundler does that); the glue
  // stays pkg/news_card.js beside it, which a restart imports afresh anyway.
  mkdirSync(stage, { recursive: true });
  writeFileSync(join(stage, 'news-card.js'), await bundleShell({
    glue: 'external',
    banner: `// news-card ${crateVersion()}: the <news-card> element, mountCard, parseArticle and stats, bundled from the repository's www/news-card.js and www/shell/.`,
  }));
  // news-card-render.js reads article objects as the element does (shell/input.js, which
  // imports nothing): the renderer needs that one module of the shell as it is.
  for (const f of ['news-card.d.ts', 'news-card-render.js', 'shell/input.js', 'news-card-render.d.ts', 'news-card.css', 'custom-elements.json', 'article.schema.json',
    'pkg/news_card.js', 'pkg/news_card_bg.wasm', 'pkg-render/news_card.js', 'pkg-render/news_card_bg.wasm']) copy(f);
  for (const f of readdirSync('www/fonts').filter((f) => f.endsWith('.woff2'))) copy(`fonts/${f}`);
  copyFileSync('npm/README.md', join(stage, 'README.md'));
  copyFileSync('LICENSE', join(stage, 'LICENSE')); // MIT asks for the notice in every copy; npm ships it whatever `files` says
  const manifest = JSON.parse(readFileSync('npm/package.json', 'utf8'));
  manifest.version = crateVersion();
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(out)],
    { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [report] = JSON.parse(json);
  return { ...report, tarball: resolve(out, report.filename) };
}

// `node tools/pack.mjs`: pack, and list the tarball's files the way `npm pack` does.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = await pack();
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  console.log(`npm pack: ${report.name}@${report.version}`);
  for (const f of report.files) console.log(`${kb(f.size).padStart(9)}  ${f.path}`);
  console.log(`package size:  ${kb(report.size)}\nunpacked size: ${kb(report.unpackedSize)}\ntotal files:   ${report.files.length}`);
  console.log(report.tarball);
}
