// The demo page scores 100 in Lighthouse's four categories as ./build.sh serves it, and the server answers compressed and cacheable (after ./build.sh build).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { CATEGORIES, audit, summary } from '../tools/lighthouse.mjs';
import { serve } from '../tools/serve.mjs';

/** A GET with `headers`, as raw bytes: { status, headers, body } (undecoded, unlike fetch). */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail).end();
  });
}

const decode = { br: brotliDecompressSync, gzip: gunzipSync, undefined: (b) => b };

// Lighthouse runs of the demo page; performance is judged by their median.
const RUNS = 3;

/** The median of an odd number of values. */
const median = (values) => [...values].sort((a, b) => a - b)[(values.length - 1) / 2];

// The client-rendered page (client.html) is not audited here: it is a comparison, not a goal,
// and a second run would double the time. `node tools/lighthouse.mjs` audits both.
describe('Lighthouse (mobile, simulated throttling) on the prerendered demo page', () => {
  const runs = [];
  before(async () => {
    // The performance score moves between runs on a busy machine: simulated throttling multiplies
    // the main-thread tasks it observes by 4 and takes Speed Index mostly from the observed one,
    // so a CPU shared with other work inflates them (Lighthouse's docs advise several runs and
    // their median). Three runs, always: performance is judged by their median, a good run
    // cannot hide two bad ones. The other categories and CLS do not depend on timing: every run
    // must have them.
    for (let i = 0; i < RUNS; i++) runs.push((await audit(['']))[0]);
  });

  it('scores 100 in every category on the prerendered demo (index.html): performance by the median of three runs', (t) => {
    for (const run of runs) t.diagnostic(summary(run));
    assert.equal(runs.length, RUNS);
    const performance = median(runs.map((r) => r.scores.performance));
    const judged = runs.find((r) => r.scores.performance === performance);
    assert.equal(performance, 1, `median performance ${performance}: ${summary(judged)}\nwhat did not pass:\n  ${judged.failing.join('\n  ') || '(no weighted audit: see the scores)'}`);
    for (const run of runs) {
      const untimed = CATEGORIES.filter((c) => c !== 'performance');
      assert.deepEqual(untimed.map((c) => [c, run.scores[c]]), untimed.map((c) => [c, 1]),
        `${summary(run)}\nwhat did not pass:\n  ${run.failing.join('\n  ') || '(no weighted audit: see the scores)'}`);
      assert.equal(run.metrics.cls, 0, `the prerendered card moves nothing: ${summary(run)}`);
    }
  });
});

describe('tools/serve.mjs answers as a publisher\'s server would', () => {
  let server, scratch;
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'news-card-serve-'));
    await writeFile(join(scratch, 'news-card.0123456789ab.js'), 'export const hashed = true;\n'.repeat(50));
    await writeFile(join(scratch, 'page.html'), '<!doctype html><title>one</title>\n'.repeat(50));
    server = await serve({ '/': 'www', '/scratch/': scratch });
  });
  after(async () => {
    await new Promise((ok) => server?.close(ok));
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  for (const [path, file] of [['', 'www/index.html'], ['news-card.js', 'www/news-card.js'],
    ['pkg/news_card_bg.wasm', 'www/pkg/news_card_bg.wasm'], ['news-card.css', 'www/news-card.css']]) {
    it(`serves /${path} compressed by Accept-Encoding, with an ETag that a conditional GET answers with 304`, async () => {
      const bytes = await readFile(file);
      for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip, deflate', 'gzip'], ['br;q=0, gzip', 'gzip'], ['', undefined]]) {
        const res = await get(server.url + path, { 'accept-encoding': accept });
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-encoding'], encoding, `Accept-Encoding: ${accept}`);
        assert.equal(res.headers.vary, 'Accept-Encoding');
        assert.equal(res.headers['cache-control'], 'no-cache');
        assert.match(res.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
        assert.equal(Number(res.headers['content-length']), res.body.length);
        assert.ok(decode[encoding](res.body).equals(bytes), `the ${encoding ?? 'identity'} body is the file`);
        if (encoding) assert.ok(res.body.length < bytes.length * 0.8, `${encoding}: ${res.body.length} of ${bytes.length} bytes`);
        const tag = res.headers.etag;
        assert.match(tag, /^"[^"]+"$/);
        const again = await get(server.url + path, { 'accept-encoding': accept, 'if-none-match': tag });
        assert.equal(again.status, 304, `If-None-Match: ${tag}`);
        assert.equal(again.body.length, 0);
        assert.equal(again.headers.etag, tag);
        const other = await get(server.url + path, { 'accept-encoding': accept, 'if-none-match': '"something-else"' });
        assert.equal(other.status, 200);
      }
    });
  }

  it('caches content-hashed names for a year, immutable; the others are revalidated', async () => {
    const hashed = await get(`${server.url}scratch/news-card.0123456789ab.js`, { 'accept-encoding': 'br' });
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(hashed.headers['content-encoding'], 'br');
    const plain = await get(`${server.url}scratch/page.html`);
    assert.equal(plain.headers['cache-control'], 'no-cache');
  });

  it('gives a changed file a new ETag and its new bytes (the compressed copy is made afresh)', async () => {
    const file = join(scratch, 'page.html');
    const first = await get(`${server.url}scratch/page.html`, { 'accept-encoding': 'br' });
    await writeFile(file, '<!doctype html><title>two</title>\n'.repeat(50));
    // A later mtime, even on a file system whose clock is coarse.
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const second = await get(`${server.url}scratch/page.html`, { 'accept-encoding': 'br', 'if-none-match': first.headers.etag });
    assert.equal(second.status, 200);
    assert.notEqual(second.headers.etag, first.headers.etag);
    assert.match(brotliDecompressSync(second.body).toString(), /<title>two<\/title>/);
  });
});
