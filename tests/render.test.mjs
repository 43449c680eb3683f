// renderToString (www/news-card-render.js) in Node: the same bytes as the native `news-card render`, and every refusal named.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { renderToString, RenderError, styleSrc } from '../www/news-card-render.js';

const CLI = 'target/release/news-card';

before(() => {
  // The command line is the reference; ./build.sh build has built it already (it writes the CSS).
  execFileSync('cargo', ['build', '-q', '--release', '-p', 'news-card-cli'], { stdio: 'inherit' });
});

/** What `news-card render` prints for these arguments, without the newline it ends with. */
function cli(args, input) {
  const out = spawnSync(CLI, ['render', ...args], { input, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.ok(out.stdout.endsWith('\n'));
  return out.stdout.slice(0, -1);
}

// Each option as JavaScript names it and as the command line's flag.
const CASES = [
  [{}, []],
  [{ open: true }, ['--open']],
  [{ lang: 'en' }, ['--lang', 'en']],
  [{ lang: 'fr', numerals: 'arab', wpm: 90 }, ['--lang', 'fr', '--numerals', 'arab', '--wpm', '90']],
  [{ numerals: 'auto' }, ['--numerals', 'auto']],
  [{ idPrefix: 'story-2', cssHref: '/static/news-card.css?v=3&x="y"' }, ['--id-prefix', 'story-2', '--css-href', '/static/news-card.css?v=3&x="y"']],
  [{ jsonLd: true, url: 'https://example.com/news/1?a=1&b=<2>' }, ['--jsonld', '--url', 'https://example.com/news/1?a=1&b=<2>']],
  [{ src: '/articles/a.json', jsonLd: true }, ['--src', '/articles/a.json', '--jsonld']],
];

const ARTICLES = {
  'the embedded article': { js: undefined, file: null },
  'tests/fixtures/article.json (an object)': { js: () => JSON.parse(readFileSync('tests/fixtures/article.json', 'utf8')), file: 'tests/fixtures/article.json' },
  'tests/fixtures/bom.json (a string with a BOM)': { js: () => readFileSync('tests/fixtures/bom.json', 'utf8'), file: 'tests/fixtures/bom.json' },
  'content/article.txt (the plain-text format, as bytes)': { js: () => readFileSync('content/article.txt'), file: 'content/article.txt' },
};

for (const [name, { js, file }] of Object.entries(ARTICLES)) {
  test(`renderToString equals news-card render for ${name}, with each option`, () => {
    for (const [options, flags] of CASES) {
      const expected = cli(file ? [file, ...flags] : flags);
      const article = js?.();
      assert.equal(renderToString(article, options), expected, `${JSON.stringify(options)} differs from render ${flags.join(' ')}`);
    }
  });
}

test('an object, its JSON text and its UTF-8 bytes give the same card', () => {
  const text = readFileSync('tests/fixtures/article.json', 'utf8');
  const fromObject = renderToString(JSON.parse(text));
  assert.equal(renderToString(text), fromObject);
  assert.equal(renderToString(new TextEncoder().encode(text)), fromObject);
  assert.equal(renderToString(new TextEncoder().encode(text).buffer, { format: 'json' }), fromObject);
  // The element carries its article inline, so news-card.js shows this one, not the embedded one.
  assert.match(fromObject, /<script type="application\/json">\{/);
  assert.doesNotMatch(renderToString(), /application\/json/);
});

test('the JSON-LD renderToString writes parses back to the article', () => {
  const article = JSON.parse(readFileSync('tests/fixtures/article.json', 'utf8'));
  const html = renderToString(article, { jsonLd: true, url: 'https://example.com/x' });
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*)<\/script>$/s)[1]);
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, article.title);
  assert.equal(ld.description, article.summary);
  assert.equal(ld.articleBody, article.body.join('\n\n'));
  assert.equal(ld.author.name, article.author.name);
  assert.equal(ld.datePublished, article.published);
  assert.equal(ld.inLanguage, article.lang ?? 'ar');
  assert.equal(ld.url, 'https://example.com/x');
});

test('markup in the article stays text: nothing it holds opens an element', () => {
  const html = renderToString({
    title: '<img src=x onerror=alert(1)>',
    body: ['</template><script>alert(1)</script>', 'a & b "c"'],
    author: { name: '</script><b>x</b>' },
  }, { jsonLd: true });
  assert.doesNotMatch(html, /<img|<b>|<script>alert/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  // Inside the JSON scripts, `<` is \u003c, so no string closes them.
  assert.equal(html.match(/<\/script>/g).length, 2);
});

test('an invalid article is a RenderError naming the field, as the command line names it', () => {
  // Each article as JavaScript gives it and as a file for the command line, with the message
  // both must give, written down here (not taken from either of them).
  const dir = mkdtempSync(join(tmpdir(), 'news-card-render-'));
  const file = (name, article) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(article));
    return path;
  };
  const cases = [
    [{ title: 'x', body: [] }, file('empty-body.json', { title: 'x', body: [] }), 'body: must not be empty'],
    [{ title: 1, body: ['x'] }, file('title-number.json', { title: 1, body: ['x'] }), 'title: expected a string, found a number'],
    [{ title: 'x', body: ['a', 7] }, file('body-number.json', { title: 'x', body: ['a', 7] }), 'body[1]: expected a string, found a number'],
    [{ title: 'x', body: ['a'], author: { name: ['N'] } }, file('author-name.json', { title: 'x', body: ['a'], author: { name: ['N'] } }),
      'author.name: expected a string, found an array'],
    // JSON text is read by serde_json in both (the publisher's wasm carries it): its reason, and the line.
    [readFileSync('tests/fixtures/invalid.json', 'utf8'), 'tests/fixtures/invalid.json', 'line 3: article: is not valid JSON (trailing comma)'],
  ];
  try {
    for (const [article, path, message] of cases) {
      assert.throws(() => renderToString(article), (e) => {
        assert.ok(e instanceof RenderError, `${e}`);
        assert.equal(e.message, message);
        return true;
      }, path);
      const out = spawnSync(CLI, ['render', path], { encoding: 'utf8' });
      assert.deepEqual([out.status, out.stdout, out.stderr], [1, '', `news-card: ${path}: ${message}\n`]);
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
  assert.throws(() => renderToString('no title line here'), RenderError);
  // The error's field and line are values too.
  assert.throws(() => renderToString({ title: 'x', body: ['a', 7] }), (e) => e.field === 'body[1]' && e.line === null);
  assert.throws(() => renderToString(readFileSync('tests/fixtures/invalid.json', 'utf8')), (e) => e.field === 'article' && e.line === 3);
});

test('an article object crosses as itself: a cycle or a BigInt in a member the card ignores renders', () => {
  const article = { title: 'عنوان', body: ['فقرة'], meta: {}, views: 12345678901234567890n };
  article.meta.self = article;
  const html = renderToString(article);
  assert.match(html, /<h2 class="title" id="ncp1-title" part="title">عنوان<\/h2>/);
  // The inline JSON the element carries is the article as the card reads it: known members only.
  const inline = html.match(/<script type="application\/json">(.*?)<\/script>/)[1];
  assert.deepEqual(Object.keys(JSON.parse(inline)), ['title', 'body', 'lang', 'dir']);
});

test('an article over 2 MiB is refused before it is copied into the wasm', () => {
  const big = 'x'.repeat(2 * 1024 * 1024 + 1);
  assert.throws(() => renderToString(big), (e) => e instanceof RenderError && /over the limit of 2097152 bytes/.test(e.message));
  // An object is held to the text limit (1 MiB in the members the card reads) before it crosses.
  assert.throws(() => renderToString({ title: 't', body: [big] }), (e) => e instanceof RenderError && e.message === 'article: has more than 1048576 bytes of text');
  assert.throws(() => renderToString({ title: 't', body: Array(2001).fill('p') }), (e) => e.field === 'body' && /more than 2000 paragraphs/.test(e.message));
  assert.throws(() => renderToString(new Uint8Array(2 * 1024 * 1024 + 1)), /over the limit/);
  // The renderer still works afterwards.
  assert.match(renderToString(), /^<news-card /);
});

test('option values are checked by the command line rules; types and names by the JavaScript', () => {
  const refused = [
    [{ lang: 'not a tag' }, /^lang "not a tag": expected a BCP 47 language tag$/],
    [{ numerals: 'roman' }, /^numerals "roman": expected latn, arab or auto$/],
    [{ wpm: 0 }, /^wpm "0": expected a whole number from 1 to 10000$/],
    [{ wpm: 10_001 }, /^wpm "10001"/],
    [{ wpm: 1.5 }, /^wpm "1.5"/],
    [{ wpm: 2 ** 32 + 180 }, /^wpm "4294967476"/],
    [{ idPrefix: 'nc7' }, /^idPrefix "nc7": expected a letter/],
    [{ idPrefix: '1abc' }, /^idPrefix "1abc"/],
    [{ cssHref: 'a b.css' }, /^cssHref "a b.css": expected a URL without spaces$/],
    [{ cssHref: '' }, /^cssHref ""/],
    [{ src: 'x\ny' }, /^src "x\ny"/],
    [{ url: 'javascript:alert(1)' }, /^url "javascript:alert\(1\)": expected an absolute http: or https: URL$/],
    [{ format: 'xml' }, /^format "xml": expected text or json$/],
  ];
  for (const [options, message] of refused) {
    assert.throws(() => renderToString(undefined, options), (e) => e instanceof RenderError && message.test(e.message), JSON.stringify(options));
  }
  const wrongType = [
    [{ open: 'yes' }, /options\.open: expected a boolean, found string/],
    [{ wpm: '200' }, /options\.wpm: expected a number, found string/],
    [{ idprefix: 'a' }, /unknown option "idprefix"/],
    [[], /options: expected an object, found an array/],
    ['en', /options: expected an object, found string/],
  ];
  for (const [options, message] of wrongType) {
    assert.throws(() => renderToString(undefined, options), (e) => e instanceof TypeError && message.test(e.message), JSON.stringify(options));
  }
  for (const article of [42, true, [], () => {}, Symbol('x')]) {
    assert.throws(() => renderToString(article), TypeError, String(article?.toString?.() ?? article));
  }
});

test('the stylesheet is inline by default, and styleSrc is its CSP hash, as news-card csp prints it', () => {
  const css = spawnSync(CLI, ['css'], { encoding: 'utf8' }).stdout.replace(/\n$/, '');
  const html = renderToString();
  assert.ok(html.includes(`<template shadowrootmode="open"><style>${css}</style><article `));
  const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
  assert.equal(styleSrc(), hash);
  assert.equal(spawnSync(CLI, ['csp'], { encoding: 'utf8' }).stdout, `${hash}\n`);
  // With a stylesheet URL, a link and no inline style.
  const linked = renderToString(undefined, { cssHref: '/news-card.css' });
  assert.ok(linked.includes('<template shadowrootmode="open"><link rel="stylesheet" href="/news-card.css"><article '));
  assert.doesNotMatch(linked, /<style>/);
});
