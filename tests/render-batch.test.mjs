// renderMany (www/news-card-render.js) in Node: a collection through one wasm, each card what renderToString and `news-card render --ndjson` give, bad ones named and the others kept.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { renderMany, renderToString, RenderError } from '../www/news-card-render.js';

const CLI = 'target/release/news-card';

before(() => {
  execFileSync('cargo', ['build', '-q', '--release', '-p', 'news-card-cli'], { stdio: 'inherit' });
});

const fixture = () => JSON.parse(readFileSync('tests/fixtures/article.json', 'utf8'));
const seed = readFileSync('content/article.txt', 'utf8');

/** Every result of renderMany, in order. */
async function all(articles, options) {
  const out = [];
  for await (const result of renderMany(articles, options)) out.push(result);
  return out;
}

const GOOD = () => [
  fixture(),
  seed,
  new TextEncoder().encode(JSON.stringify({ title: 'صورة', body: ['نص'], url: 'https://news.example/i', image: { src: 'https://img.example/a.jpg', alt: 'ميناء', width: 1200, height: 800 } })),
  readFileSync('tests/fixtures/bom.json'),
  null,
];

test('each card is what renderToString gives it, for every option', async () => {
  for (const options of [undefined, { open: true, jsonLd: true }, { lang: 'ar', numerals: 'arab', wpm: 250, headingLevel: 4, share: true, idPrefix: 'p-1', cssHref: '/c.css' }]) {
    const results = await all(GOOD(), options);
    assert.equal(results.length, 5);
    results.forEach((r, i) => assert.deepEqual(r, { html: renderToString(GOOD()[i], options) }, `${i} ${JSON.stringify(options)}`));
  }
});

test('the same bytes as the command line renders for an archive (--ndjson)', async () => {
  const lines = [fixture(), { id: 'x', title: 'T', body: ['B'], lang: 'en' }, JSON.parse(readFileSync('tests/fixtures/bom.json', 'utf8').replace(/^\ufeff/, ''))];
  const ndjson = lines.map((a) => JSON.stringify(a)).join('\n') + '\n';
  const run = spawnSync(CLI, ['render', '-', '--ndjson', '--open', '--jsonld'], { input: ndjson, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const native = run.stdout.trim().split('\n').map((l) => JSON.parse(l).html);
  const js = (await all(ndjson.trim().split('\n'), { open: true, jsonLd: true })).map((r) => r.html);
  assert.deepEqual(js, native);
});

test('an async iterable is read one article at a time, in order', async () => {
  let pulled = 0;
  async function* feed() {
    for (let i = 0; i < 50; i++) {
      pulled++;
      await new Promise((resolve) => setTimeout(resolve, i % 3));
      yield { title: `خبر ${i}`, body: ['نص'] };
    }
  }
  const results = renderMany(feed(), { idPrefix: 'b' });
  const first = await results.next();
  assert.ok(first.value.html.includes('خبر 0'));
  assert.equal(pulled, 1, 'more than one article read before the first card');
  let i = 1;
  for await (const { html } of results) assert.ok(html.includes(`خبر ${i++}<`), `card ${i - 1} out of order`);
  assert.equal(i, 50);
});

test('a bad article is named and the others are still rendered', async () => {
  const results = await all([
    fixture(),
    '{"title": "x",\n "body": ["a", null]}',
    { title: 'x', body: [1] },
    new Uint8Array([0x7b, 0xff, 0x7d]),
    'Title\n\nno summary label here\n',
    { title: 'x', body: Array(2001).fill('p') },
    42,
    seed,
  ]);
  assert.equal(results.length, 8);
  assert.equal(results[0].html, renderToString(fixture()));
  assert.equal(results[7].html, renderToString(seed));
  const errors = results.slice(1, 7).map((r) => r.error);
  for (const e of errors.slice(0, 5)) assert.ok(e instanceof RenderError, e);
  assert.deepEqual(errors.slice(0, 5).map((e) => [e.field, e.line]), [['body[1]', null], ['body[0]', null], ['article', 1], ['summary', 3], ['body', null]]);
  assert.equal(errors[0].message, 'body[1]: expected a string, found null');
  assert.ok(errors[5] instanceof TypeError && /expected an object, a string or bytes, found number/.test(errors[5].message), errors[5]);
});

test('a bad option throws from the first next(), before any article is read', async () => {
  let pulled = 0;
  function* feed() { pulled++; yield fixture(); }
  await assert.rejects(renderMany(feed(), { wpm: 0 }).next(), (e) => e instanceof RenderError && e.field === 'wpm');
  await assert.rejects(renderMany(feed(), { lang: 'not a tag' }).next(), (e) => e instanceof RenderError && e.field === 'lang');
  await assert.rejects(renderMany(feed(), { idprefix: 'x' }).next(), TypeError);
  assert.equal(pulled, 0);
  for (const notIterable of [undefined, 42, { title: 'x' }, 'a string is one article']) {
    await assert.rejects(renderMany(notIterable).next(), (e) => e instanceof TypeError && /renderMany: articles/.test(e.message), String(notIterable));
  }
});
