// Static file server for the demo and the tests: right MIME types, a strict CSP, compressed and cacheable responses.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, createGzip, gzip, gzipSync } from 'node:zlib';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content-Type by file extension (bench/serve.mjs uses it too). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
// What is worth compressing: text and wasm (PNG and woff2 are compressed already).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.txt', '.wasm', '.svg']);
// Larger files go out as they are, and are not kept in memory.
const COMPRESS_MAX_BYTES = 16 * 1024 ** 2;

// The policy a careful publisher would set: the card must work under it.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** `csp` with `sources` added to its style-src: e.g. the hash of a prerendered card's inline stylesheet (`news-card csp`). */
export const withStyleSrc = (csp, ...sources) => csp.replace("style-src 'self'", `style-src 'self' ${sources.join(' ')}`);

/**
 * Serves `mounts` ({ '/url/prefix/': '/dir' }, longest prefix wins) on `port` (0 = any).
 * Resolves to the listening server; `server.url` is its base URL. `inject` (a same-origin script
 * URL) is added at the top of every HTML page's <head>: the tests use it to record errors.
 * `csp` is the policy, or a function of the request's URL giving it (a test serving pages under several).
 * `cors` sends `Access-Control-Allow-Origin: *`, as a CDN does: a page on another origin may then
 * load the files with `crossorigin` and `integrity` (which a response without CORS always fails).
 * `precompress` compresses every file of the mounts before the server listens, as a publisher
 * compresses static files when deploying them: no first reader waits for it (and no Lighthouse
 * run counts it as server time). Otherwise each file is compressed when first asked for.
 * Either way, each file's compressed bytes are made once per version (mtime) and kept in memory.
 * `gates` (tests) maps a path to `{ arrived(), released }`: a request for it calls arrived() and
 * is answered once the promise `released` settles, so a test decides when a file arrives.
 */
export async function serve(mounts, { port = 0, host = '127.0.0.1', csp = CSP, inject, cors = false, precompress = false, gates } = {}) {
  if (precompress) for (const dir of Object.values(mounts)) await compressAll(resolve(dir), inject);
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
      const gate = gates?.get(path);
      if (gate) {
        gate.arrived();
        await gate.released;
      }
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (!prefix) throw Object.assign(new Error('no mount'), { code: 'ENOENT' });
      const dir = resolve(mounts[prefix]);
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (file !== dir && !file.startsWith(dir + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const served = await representation(file, inject);
      const encoding = served.compressible ? negotiate(req.headers['accept-encoding']) : null;
      const body = encoding ? await served.encoded(encoding) : null;
      const tag = body ? served.tag.replace(/"$/, `-${encoding}"`) : served.tag;
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': typeof csp === 'function' ? csp(url) : csp,
        'Cache-Control': cacheControl(file),
        ETag: tag,
        ...(served.compressible ? { Vary: 'Accept-Encoding' } : {}),
        ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      };
      if (matches(req.headers['if-none-match'], tag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const bytes = body ?? served.body;
      res.writeHead(200, {
        ...headers,
        ...(body ? { 'Content-Encoding': encoding } : {}),
        'Content-Length': bytes.length,
      });
      res.end(bytes);
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

// Names that hold a hash of their content (`./build.sh dist`: news-card.0123456789ab.js) never
// change what they name: cached for a year, not even revalidated. Every other name is reused
// by the next build (news-card.js, pkg/news_card_bg.wasm, the pages), and the shell and its wasm
// must come from the same build: `no-cache` has the browser revalidate each use (its ETag, a 304
// without the body), so a reader never runs a stale shell against a new wasm; a short max-age
// would save that round trip but leave such a window open.
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
const cacheControl = (file) => (HASHED.test(basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache');

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (null). */
function negotiate(header = '') {
  const q = new Map();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    if (!name) continue;
    const weight = params.find((p) => p.startsWith('q='));
    q.set(name, weight ? Number(weight.slice(2)) : 1);
  }
  return ['br', 'gzip'].find((e) => (q.get(e) ?? q.get('*') ?? 0) > 0) ?? null;
}

/** Whether an If-None-Match header names `tag` (weak comparison, as RFC 9110 asks for GET). */
function matches(header, tag) {
  if (!header) return false;
  const bare = (t) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === '*' || bare(t) === bare(tag));
}

const compress = {
  br: promisify(brotliCompress),
  gzip: promisify(gzip),
};
const SETTINGS = {
  br: (bytes) => ({ params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  gzip: () => ({ level: 9 }),
};
// Every file served, as served: its bytes (the probe script injected into pages), its ETag and its
// compressed forms, made once per version of the file (mtime and size) and kept in memory, as a
// publisher's server precompresses static files; shared by the servers of one process.
const cache = new Map();

/** Compresses, into the cache, every compressible file in `path` (a folder, recursively, or a file). */
async function compressAll(path, inject) {
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    for (const entry of await readdir(path)) await compressAll(join(path, entry), inject);
  } else if (info?.isFile() && COMPRESSIBLE.has(extname(path)) && info.size <= COMPRESS_MAX_BYTES) {
    const served = await representation(path, inject);
    for (const encoding of Object.keys(compress)) await served.encoded(encoding);
  }
}

/**
 * What is served for `file`: { body, tag, compressible, encoded(encoding) }. encoded() resolves
 * to the compressed bytes, or null when compressing does not make them smaller.
 */
async function representation(file, inject) {
  const info = await stat(file);
  const key = `${inject ?? ''}\0${file}`;
  const version = `${info.mtimeMs}:${info.size}`;
  const known = cache.get(key);
  if (known?.version === version) return known;
  let body = await readFile(file);
  if (inject && extname(file) === '.html') {
    body = Buffer.from(body.toString('utf8').replace(/<head>/i, (head) => `${head}<script src="${inject}"></script>`));
  }
  const compressible = COMPRESSIBLE.has(extname(file)) && body.length <= COMPRESS_MAX_BYTES;
  const forms = new Map();
  const entry = {
    version,
    body,
    tag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    compressible,
    encoded(encoding) {
      if (!forms.has(encoding)) {
        forms.set(encoding, compress[encoding](body, SETTINGS[encoding](body)).then((out) => (out.length < body.length ? out : null)));
      }
      return forms.get(encoding);
    },
  };
  if (body.length <= COMPRESS_MAX_BYTES) cache.set(key, entry);
  return entry;
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

// `node tools/serve.mjs [dir] [STYLE_SOURCE...]`: serve a folder (www/ by default) on $PORT (8080),
// precompressed, under CSP with the given sources added to style-src (./build.sh adds the hash of
// the demo's prerendered card's inline stylesheet, as a publisher of prerendered cards does).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'www', ...styles] = process.argv.slice(2);
  const csp = styles.length ? withStyleSrc(CSP, ...styles) : CSP;
  const server = await serve({ '/': dir }, { port: Number(process.env.PORT ?? 8080), csp, precompress: true });
  console.log(`serving ${dir}/ on ${server.url} (Ctrl-C stops)`);
}
