// Builds the examples in examples/ into target/examples/ as a publisher would, for the examples spec and by hand; also installs a package tarball into a scratch site (the package spec's too).
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(fileURLToPath(import.meta.url), '../..');
/** Where the examples are built: inside the repository, so that Node finds the root's vite, typescript and eleventy. */
export const OUT = join(REPO, 'target/examples');
/** The rust-server's target directory: kept between runs, so a second build is incremental. */
export const RUST_TARGET = join(OUT, 'rust-server');
/** The rust-server's binary, as `buildRustServer` builds it. */
export const RUST_SERVER = join(RUST_TARGET, 'debug/news-card-rust-server');

// Not copied from an example into its build: what an earlier `npm install` or build left there.
const LEFT_BEHIND = new Set(['node_modules', 'package-lock.json', 'dist', '_site', 'target']);

/**
 * Installs the package tarball into `site` (offline: it has no dependencies), as a publisher's
 * `npm install ./news-card-VERSION.tgz` does. `manifest` is the site's package.json; its
 * news-card dependency is pointed at `tarball`, and its devDependencies are dropped: in this
 * repository they are the root's (the same pinned versions), found by Node from `site` upwards.
 */
export async function installTarball(site, tarball, manifest = { name: 'publisher-site', private: true, type: 'module' }) {
  const { devDependencies, ...rest } = manifest;
  const pkg = { ...rest, dependencies: { ...manifest.dependencies, 'news-card': `file:${tarball}` } };
  await writeFile(join(site, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: site });
}

/** A fresh copy of examples/`name` in target/examples/`name`, without what a local run left there. */
async function copyExample(name) {
  const from = join(REPO, 'examples', name);
  const to = join(OUT, name);
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from)) {
    if (!LEFT_BEHIND.has(entry)) await cp(join(from, entry), join(to, entry), { recursive: true });
  }
  return to;
}

/** The tarball `./build.sh pack` wrote (target/npm/news-card-VERSION.tgz); the newest if several. */
export async function packedTarball() {
  const dir = join(REPO, 'target/npm');
  const tgz = (await readdir(dir).catch(() => [])).filter((f) => /^news-card-.*\.tgz$/.test(f)).sort();
  if (!tgz.length) throw new Error('no target/npm/news-card-*.tgz: run ./build.sh pack first');
  return join(dir, tgz.at(-1));
}

// The snippet's script element in examples/static-html/index.html, with placeholders for what
// each build of dist/ names differently (the file's hash and its integrity).
const SNIPPET_SCRIPT = /<script type="module" src="news-card\.HASH\.js" integrity="sha384-HASH" crossorigin="anonymous"><\/script>/g;

/**
 * static-html: dist/'s files beside the page, whose snippet placeholder becomes the script
 * element of dist/snippet.html (as a publisher pastes it). Returns { dir, snippet }.
 */
export async function buildStaticHtml({ dist = join(REPO, 'dist') } = {}) {
  const dir = await copyExample('static-html');
  const snippet = await readFile(join(dist, 'snippet.html'), 'utf8').catch(() => {
    throw new Error('no dist/snippet.html: run ./build.sh dist first');
  });
  const script = snippet.match(/<script type="module" src="[^"]+" integrity="[^"]+" crossorigin="anonymous"><\/script>/)?.[0];
  if (!script) throw new Error(`dist/snippet.html holds no module script:\n${snippet}`);
  const page = await readFile(join(dir, 'index.html'), 'utf8');
  const found = page.match(SNIPPET_SCRIPT)?.length ?? 0;
  if (found !== 1) throw new Error(`examples/static-html/index.html: ${found} snippet placeholders, expected 1`);
  await writeFile(join(dir, 'index.html'), page.replace(SNIPPET_SCRIPT, script));
  for (const entry of await readdir(dist)) {
    if (entry !== 'snippet.html') await cp(join(dist, entry), join(dir, entry), { recursive: true });
  }
  return { dir, script };
}

/** vite: the tarball installed, `tsc` (strict) over the sources, `vite build` with relative URLs. Returns { dir, dist }. */
export async function buildVite({ tarball } = {}) {
  const dir = await copyExample('vite');
  await installTarball(dir, tarball ?? await packedTarball(), JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')));
  await run(join(REPO, 'node_modules/.bin/tsc'), ['-p', dir]);
  const { build } = await import('vite');
  // base './': the built site works from whatever path it is served under.
  await build({ root: dir, base: './', logLevel: 'warn', build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
  return { dir, dist: join(dir, 'dist') };
}

/** eleventy: the tarball installed, the site built by Eleventy with the example's config. Returns { dir, site }. */
export async function buildEleventy({ tarball, pathPrefix = '/' } = {}) {
  const dir = await copyExample('eleventy');
  await installTarball(dir, tarball ?? await packedTarball(), JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')));
  // Eleventy reads its config, input and output relative to the working directory: run it there.
  await run(join(REPO, 'node_modules/.bin/eleventy'), ['--quiet', `--pathprefix=${pathPrefix}`], { cwd: dir });
  return { dir, site: join(dir, '_site') };
}

/**
 * rust-server: `cargo build` of the example (its own workspace and lockfile) into RUST_TARGET,
 * a warning failing it (registry crates' lints are capped by cargo). Returns the binary's path.
 */
export async function buildRustServer() {
  await run('cargo', ['build', '--quiet', '--locked', '--manifest-path', join(REPO, 'examples/rust-server/Cargo.toml')],
    { env: { ...process.env, CARGO_TARGET_DIR: RUST_TARGET, RUSTFLAGS: '-D warnings' }, maxBuffer: 16 * 1024 ** 2 });
  return RUST_SERVER;
}

// `node tools/examples.mjs [static-html|vite|eleventy|rust-server]...`: build them (all by default)
// after `./build.sh pack` and `./build.sh dist`, and say where each is.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const builders = { 'static-html': buildStaticHtml, vite: buildVite, eleventy: buildEleventy, 'rust-server': buildRustServer };
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(builders);
  for (const name of names) {
    if (!builders[name]) throw new Error(`unknown example ${name}: ${Object.keys(builders).join(', ')}`);
    const begin = Date.now();
    const built = await builders[name]();
    console.log(`${name}: ${typeof built === 'string' ? built : built.dist ?? built.site ?? built.dir} (${((Date.now() - begin) / 1000).toFixed(1)} s)`);
  }
}
