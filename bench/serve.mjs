// The benchmark's static server: tools/serve.mjs's CSP, but a Cache-Control of the bench's choosing (cacheable by default), as a publisher's CDN serves files.
// Why not tools/serve.mjs: it answers `no-cache` (revalidate each use), right for files whose names
// the next build reuses, where a CDN serving one release would send a max-age; the bench chooses.
// Each benchmark run uses a fresh browser context, whose HTTP cache starts empty: loads stay cold.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CSP, TYPES } from '../tools/serve.mjs';

/** Serves `mounts` ({ '/url/prefix/': 'dir' }, longest prefix wins) on 127.0.0.1; resolves to the server, its base URL in `server.url`. */
export function serveBench(mounts, { cacheControl = 'max-age=3600', styleSrc = '' } = {}) {
  // A publisher's policy for prerendered cards: the inline stylesheet's hash added to style-src.
  const csp = styleSrc ? CSP.replace("style-src 'self'", `style-src 'self' ${styleSrc}`) : CSP;
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const prefix = prefixes.find((p) => path.startsWith(p));
      if (!prefix) throw Object.assign(new Error('no mount'), { code: 'ENOENT' });
      const dir = resolve(mounts[prefix]);
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (file !== dir && !file.startsWith(dir + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'Cache-Control': cacheControl,
      });
      res.end(body);
    } catch (error) {
      const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR';
      res.writeHead(missing ? 404 : 500, { 'Content-Type': 'text/plain' });
      res.end(missing ? 'not found' : 'server error');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      server.url = `http://127.0.0.1:${server.address().port}/`;
      ok(server);
    });
  });
}
