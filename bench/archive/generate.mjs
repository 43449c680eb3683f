// Writes a deterministic archive of N articles shaped like the seed (Arabic and Latin, varied lengths, some with images, 1% bad) as files and as NDJSON.
//
// Usage: node bench/archive/generate.mjs N DIR
//   DIR/files/NNN/ID.json (and one in five in the text format, ID.txt), 1,000 to a directory
//   DIR/archive.ndjson: the same articles, one a line (the text-format ones as JSON)
// Nothing is downloaded: the words come from content/article.txt and a Latin word list below,
// drawn by a seeded generator, so a given N always writes the same bytes.
import { mkdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const [n, dir] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(n) || n < 1 || !dir) {
  console.error('usage: node bench/archive/generate.mjs N DIR');
  process.exit(2);
}

// mulberry32: a small seeded generator, the same sequence on every machine.
let seed = 0x2b7e1516;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const seedText = readFileSync(new URL('../../content/article.txt', import.meta.url), 'utf8');
const arabic = seedText.split(/\s+/).filter((w) => w && !/^[\d"'.,:-]+$/.test(w));
const latin = ('the a of to and in on for with news city council report says new year market '
  + 'school water road minister week plan court health budget rain train bridge museum team '
  + 'season vote price energy river station hospital farmers study police festival harbour').split(' ');

function sentence(words, lo, hi) {
  const out = [];
  for (let i = between(lo, hi); i > 0; i--) out.push(pick(words));
  return out.join(' ') + '.';
}
function paragraph(words) {
  const out = [];
  for (let i = between(1, 4); i > 0; i--) out.push(sentence(words, 6, 24));
  return out.join(' ');
}

function article(i) {
  const ar = random() < 0.7;
  const words = ar ? arabic : latin;
  // Lengths vary: most articles are short, some long (up to 40 paragraphs).
  const paragraphs = random() < 0.85 ? between(1, 8) : between(9, 40);
  const a = {
    id: `a${String(i).padStart(6, '0')}`,
    title: sentence(words, 4, 12).slice(0, -1),
    summary: random() < 0.8 ? sentence(words, 10, 30) : undefined,
    body: Array.from({ length: paragraphs }, () => paragraph(words)),
    author: random() < 0.6 ? { name: sentence(words, 2, 3).slice(0, -1), bio: sentence(words, 5, 12) } : undefined,
    lang: ar ? 'ar' : 'en',
    url: `https://news.example/${2020 + (i % 6)}/${i}`,
    published: `${2020 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    source: random() < 0.5 ? 'News Example' : undefined,
  };
  if (random() < 0.3) {
    a.image = {
      src: `https://img.example/${i}.jpg`,
      alt: sentence(words, 3, 8),
      width: 1200,
      height: 800,
      caption: random() < 0.5 ? sentence(words, 4, 10) : undefined,
    };
  }
  return a;
}

// The 1% bad: a syntax error, a wrong type, a missing field, more paragraphs than the limit,
// and bytes that are not UTF-8, in turn.
function bad(i, json) {
  switch (i % 5) {
    case 0: return Buffer.from(json.slice(0, -1) + ',}');
    case 1: return Buffer.from(json.replace('"body":[', '"body":[7,'));
    case 2: { const { title, ...rest } = JSON.parse(json); return Buffer.from(JSON.stringify(rest)); }
    case 3: return Buffer.from(json.replace('"body":[', `"body":[${'"x",'.repeat(2000)}`));
    default: return Buffer.concat([Buffer.from(json.slice(0, 20)), Buffer.from([0xff, 0xfe]), Buffer.from(json.slice(20))]);
  }
}

// The text format of an article (content/article.txt's): the headline twice, the summary
// under its label, the paragraphs, the author under theirs.
function text(a) {
  const parts = [a.title, '', a.title, ''];
  if (a.summary) parts.push('في كلمات قليلة', '', a.summary, '', '');
  parts.push(a.body.join('\n\n'));
  if (a.author) parts.push('', 'نبذة عن المؤلف', '', `${a.author.name} - ${a.author.bio}`);
  return parts.join('\n') + '\n';
}

mkdirSync(join(dir, 'files'), { recursive: true });
const ndjson = openSync(join(dir, 'archive.ndjson'), 'w');
let bytes = 0;
for (let i = 0; i < n; i++) {
  const a = article(i);
  let json = JSON.stringify(a);
  const shard = join(dir, 'files', String(Math.floor(i / 1000)).padStart(3, '0'));
  if (i % 1000 === 0) mkdirSync(shard, { recursive: true });
  const isBad = i % 100 === 37;
  // Some good Arabic articles with a summary (the text format requires one) and no image are
  // written in the text format.
  const asText = !isBad && a.lang === 'ar' && a.summary && !a.image && i % 5 === 2;
  let file;
  if (isBad) {
    file = bad(Math.floor(i / 100), json);
  } else {
    file = Buffer.from(asText ? text(a) : json);
  }
  writeFileSync(join(shard, `${a.id}.${asText ? 'txt' : 'json'}`), file);
  // NDJSON holds JSON only; a bad file is bad there too (its bytes on one line).
  const line = isBad ? file : Buffer.from(json);
  writeSync(ndjson, Buffer.concat([line, Buffer.from('\n')]));
  bytes += file.length;
}
closeSync(ndjson);
console.log(JSON.stringify({ articles: n, bad: Math.floor((n + 62) / 100), bytes }));
