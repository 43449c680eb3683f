// Static file server for the demo and the tests: right MIME types and a strict CSP.
import { createServer } from 'node:http';
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

// `node tools/serve.mjs [dir]`: serve a folder (www/ by default) on $PORT (8080).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'www';
  const server = await serve({ '/': dir }, { port: Number(process.env.PORT ?? 8080) });
  console.log(`serving ${dir}/ on ${server.url} (Ctrl-C stops)`);
}
