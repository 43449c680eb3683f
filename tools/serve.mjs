// Static file server for the demo and the tests: right MIME types and a strict CSP.
import { createServer } from 'node:http';
import { createGzip, gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// The policy a careful publisher would set: the card must work under it.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/**
 * Serves `mounts` ({ '/url/prefix/': '/dir' }, longest prefix wins) on `port` (0 = any).
 * Resolves to the listening server; `server.url` is its base URL. `inject` (a same-origin script
 * URL) is added at the top of every HTML page's <head>: the tests use it to record errors.
 * `csp` is the policy, or a function of the request's URL giving it (a test serving pages under several).
 * `cors` sends `Access-Control-Allow-Origin: *`, as a CDN does: a page on another origin may then
 * load the files with `crossorigin` and `integrity` (which a response without CORS always fails).
 */
export function serve(mounts, { port = 0, host = '127.0.0.1', csp = CSP, inject, cors = false } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const path = decodeURIComponent(url.pathname);
      // ?reset drops the connection: a network error without leaving the origin (and its CSP).
      if (url.searchParams.has('reset')) {
        req.socket.destroy();
        return;
      }
      // ?stream=BYTES and ?gzipbomb=BYTES: oversize bodies made on the fly, for the input-limit specs.
      if (url.searchParams.has('stream') || url.searchParams.has('gzipbomb')) {
        oversize(url.searchParams, req, res, csp);
        return;
      }
      // ?delay=MS holds the response back, so tests can make one request lose a race.
      const delay = Number(url.searchParams.get('delay') ?? 0);
      if (delay > 0) await new Promise((ok) => setTimeout(ok, Math.min(delay, 10_000)));
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (!prefix) throw Object.assign(new Error('no mount'), { code: 'ENOENT' });
      const dir = resolve(mounts[prefix]);
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (file !== dir && !file.startsWith(dir + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      if (inject && extname(file) === '.html') {
        body = body.toString('utf8').replace(/<head>/i, (head) => `${head}<script src="${inject}"></script>`);
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': typeof csp === 'function' ? csp(url) : csp,
        'Cache-Control': 'no-store',
        ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      });
      res.end(body);
    } catch (error) {
      res.writeHead(error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 404 : 500, { 'Content-Type': 'text/plain' });
      res.end(error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'not found' : 'server error');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.url = `http://${host}:${server.address().port}/`;
      ok(server);
    });
  });
}

// Oversize responses are bounded: at most this many bytes (before compression) and this long.
const OVERSIZE_MAX_BYTES = 4 * 1024 ** 3;
const OVERSIZE_MAX_MS = 30_000;
// Precompressed bombs sent with a Content-Length, by size: made once per server.
const bombs = new Map();

/** A JSON-looking article body of exactly `size` bytes: a title, then one huge paragraph. */
function* articleBytes(size) {
  const head = Buffer.from('{"title":"t","body":["');
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let left = size;
  if (left > 0) { yield head.subarray(0, Math.min(head.length, left)); left -= Math.min(head.length, left); }
  while (left > 0) {
    const n = Math.min(chunk.length, left);
    yield chunk.subarray(0, n);
    left -= n;
  }
}

/**
 * Test-only oversize responses (JSON by Content-Type), each stopped when the client goes away:
 *   ?stream=BYTES              BYTES sent chunked, with no Content-Length
 *   ?gzipbomb=BYTES            Content-Encoding: gzip, compressed while sent, chunked: inflates to BYTES
 *   ?gzipbomb=BYTES&length     the same compressed once (best ratio) and sent with its Content-Length,
 *                              a small declared length for a body that inflates far past it
 */
function oversize(params, req, res, csp) {
  const gzip = params.has('gzipbomb');
  const size = Math.min(Math.max(0, Math.floor(Number(params.get(gzip ? 'gzipbomb' : 'stream')) || 0)), OVERSIZE_MAX_BYTES);
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  };
  if (gzip && params.has('length')) {
    if (size > 256 * 1024 ** 2) throw new Error('a precompressed bomb is at most 256 MiB');
    if (!bombs.has(size)) bombs.set(size, gzipSync(Buffer.concat([...articleBytes(size)]), { level: 9 }));
    const body = bombs.get(size);
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
    return;
  }
  res.writeHead(200, headers);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    res.destroy();
  };
  const timer = setTimeout(stop, OVERSIZE_MAX_MS);
  res.on('close', stop);
  const sink = gzip ? createGzip({ level: 1 }) : res;
  if (gzip) {
    sink.pipe(res);
    sink.on('error', stop);
  }
  const source = articleBytes(size);
  // Writes until the sink pushes back, then waits for it to drain: memory stays bounded.
  const pump = () => {
    while (!stopped) {
      const { value, done } = source.next();
      if (done) {
        sink.end();
        clearTimeout(timer);
        return;
      }
      if (!sink.write(value)) {
        sink.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

// `node tools/serve.mjs [dir]`: serve a folder (www/ by default) on $PORT (8080).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'www';
  const server = await serve({ '/': dir }, { port: Number(process.env.PORT ?? 8080) });
  console.log(`serving ${dir}/ on ${server.url} (Ctrl-C stops)`);
}
