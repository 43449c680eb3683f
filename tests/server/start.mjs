// Starts the embed server (server/, built by cargo) over a temporary directory of articles for a Node spec; resolves to { base, dir, stop }.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The articles every spec serves: an English one with an image, the Arabic text article, a broken file. */
export function writeArticles(dir) {
  mkdirSync(dir, { recursive: true });
  copyFileSync('content/article.txt', join(dir, 'korea.txt'));
  writeFileSync(join(dir, 'market.json'), JSON.stringify({
    title: 'The old market reopens after the flood',
    summary: 'Traders are back under the restored roof, a year after the water reached the first floor.',
    body: ['The market opened at dawn.', 'Its roof was restored by the city.'],
    author: { name: 'Ada Lovelace', bio: 'Covers the city.' },
    lang: 'en',
    url: 'https://news.example/market',
    source: 'Example News',
  }));
  writeFileSync(join(dir, 'bad.json'), '{"title": "Broken", "body": "not a list"}');
}

/** A dist/ as tools/dist.mjs writes it, for specs that need no card script (the consumers read HTML). */
export function writeFakeDist(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'news-card.0123456789ab.js'), 'export {};\n');
  writeFileSync(join(dir, 'snippet.html'), '<script type="module" src="news-card.0123456789ab.js" integrity="sha384-FAKE" crossorigin="anonymous"></script>\n');
}

/**
 * Builds the server (`release`: Cargo.toml's `server` profile, for load runs) and starts it on a free loopback port with `args`.
 * `dist`: a directory of ./build.sh dist's files; none writes a fake one.
 */
export async function startServer({ args = [], dist, release = false } = {}) {
  await run('cargo', ['build', '-q', ...(release ? ['--profile', 'server'] : []), '-p', 'news-card-server'], { maxBuffer: 64 << 20 });
  const dir = mkdtempSync(join(tmpdir(), 'news-card-server-'));
  writeArticles(join(dir, 'articles'));
  if (!dist) writeFakeDist((dist = join(dir, 'dist')));
  const bin = `target/${release ? 'server' : 'debug'}/news-card-server`;
  const child = spawn(bin, ['--articles', join(dir, 'articles'), '--dist', dist, '--addr', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const base = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = out.match(/listening on (http:\/\/\S+)\//)?.[1];
      if (url) ok(url);
    });
    child.once('exit', (code) => fail(new Error(`the server exited (${code}) before listening: ${log}`)));
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { base, dir, child, stop, log: () => log };
}
