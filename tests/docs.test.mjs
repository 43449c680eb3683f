// The docs against the code: relative links and anchors resolve, quick-start snippets are the examples' own, and the reference agrees with the manifest and the types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const read = (file) => readFileSync(file, 'utf8');

// The example sites the docs send publishers to (examples/NAME/). Each must exist and be linked
// from getting started; their quick-start files are named by the snippets' markers below.
const EXAMPLES = ['static-html', 'vite', 'eleventy', 'rust-server'];
// The quick-start blocks: one per way onto a page, each marked `<!-- example: FILE -->`, in the
// README and again in getting started.
const QUICK_START = ['examples/static-html/index.html', 'examples/vite/src/main.ts', 'examples/eleventy/eleventy.config.mjs'];

const PAGES = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md',
  ...readdirSync('docs').filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** The text with fenced code blocks blanked (line numbers kept): links and headings there are not markup. */
function prose(text) {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  }).join('\n');
}

/** A heading's anchor as GitHub and mdBook make it: inline markup dropped, lower case, punctuation out, spaces to hyphens. */
function slug(heading) {
  const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, (c) => (c === '_' ? '_' : ''));
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: its headings' slugs (repeats numbered, as GitHub does) and explicit ids. */
function anchors(file) {
  const text = prose(read(file));
  const seen = new Map();
  const out = new Set();
  for (const [, heading] of text.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  for (const [, id] of text.matchAll(/<a id="([^"]+)"/g)) out.add(id);
  return out;
}

/** The relative links of a Markdown file, outside code: { target, line }. */
function links(file) {
  const text = prose(read(file)).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
  const out = [];
  text.split('\n').forEach((line, i) => {
    for (const [, target] of line.matchAll(/!?\[(?:[^\]]|\][^(])*?\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) out.push({ target, line: i + 1 });
    }
  });
  return out;
}

/** Why `target`, linked from `file`, does not resolve; null when it does. */
function unresolved(file, target) {
  const [path, anchor] = target.split('#');
  const resolved = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
  const bare = resolved.replace(/\/$/, '');
  if (!existsSync(bare)) return `${resolved} does not exist`;
  if (path.endsWith('/') && !statSync(bare).isDirectory()) return `${resolved} is not a folder`;
  if (anchor === undefined) return null;
  if (!resolved.endsWith('.md')) return `#${anchor} into ${resolved}, which is not Markdown`;
  return anchors(resolved).has(anchor) ? null : `${resolved} has no heading or id for #${anchor}`;
}

for (const page of PAGES) {
  test(`${page}: every relative link and anchor resolves`, () => {
    const broken = links(page).map(({ target, line }) => {
      const why = unresolved(page, target);
      return why && `${page}:${line}: ${target}: ${why}`;
    }).filter(Boolean);
    assert.deepEqual(broken, []);
  });
}

test('the link checker refuses a missing file, a missing anchor and a folder link to a file', () => {
  // Its own control: these must be reported, or the loop above proves nothing.
  assert.match(unresolved('docs/reference.md', 'nowhere.md'), /does not exist/);
  assert.match(unresolved('docs/reference.md', 'csp.md#no-such-heading'), /no heading or id/);
  assert.match(unresolved('docs/reference.md', '#no-such-heading'), /no heading or id/);
  assert.match(unresolved('README.md', 'LICENSE/'), /not a folder/);
  assert.equal(unresolved('docs/reference.md', 'csp.md#what-each-feature-needs'), null);
  assert.equal(unresolved('README.md', 'docs/testing.md#every-buildsh-command'), null);
});

test('README.md is at most 150 lines', () => {
  const lines = read('README.md').split('\n').length - 1;
  assert.ok(lines <= 150, `README.md has ${lines} lines`);
});

test('docs/SUMMARY.md lists every page of docs/, and nothing else', () => {
  const listed = links('docs/SUMMARY.md').map(({ target }) => `docs/${target}`).sort();
  const pages = PAGES.filter((p) => p.startsWith('docs/') && p !== 'docs/SUMMARY.md').sort();
  assert.deepEqual(listed, pages);
});

/** The blocks marked `<!-- example: FILE -->` in a page: { file, block, line }. A marker must be followed by a fenced block. */
function marked(page) {
  const lines = read(page).split('\n');
  const out = [];
  lines.forEach((line, i) => {
    const m = line.match(/^<!-- example: (\S+) -->$/);
    if (!m) return;
    let at = i + 1;
    while (at < lines.length && lines[at].trim() === '') at += 1;
    assert.match(lines[at] ?? '', /^```/, `${page}:${i + 1}: the example marker is not followed by a code block`);
    const end = lines.findIndex((l, j) => j > at && /^```\s*$/.test(l));
    assert.ok(end > at, `${page}:${at + 1}: the code block does not end`);
    out.push({ file: m[1], block: lines.slice(at + 1, end).join('\n').trim(), line: i + 1 });
  });
  return out;
}

/** Why a marked block is not its example's own text; null when it is. */
function notInExample({ file, block }) {
  if (!existsSync(file)) return `${file} does not exist`;
  return read(file).includes(block) ? null : `${file} does not contain the block`;
}

for (const page of ['README.md', 'docs/getting-started.md']) {
  test(`${page}: each quick-start block is, verbatim, in the example file its marker names`, () => {
    const blocks = marked(page);
    assert.deepEqual(blocks.map((b) => b.file), QUICK_START, `${page} marks the quick-start blocks of ${QUICK_START.join(', ')}, in order`);
    const wrong = blocks.map((b) => {
      const why = notInExample(b);
      return why && `${page}:${b.line}: ${why}`;
    }).filter(Boolean);
    assert.deepEqual(wrong, []);
  });
}

test('README.md: every code block of its quick start is marked with its example', () => {
  const section = read('README.md').split('\n## Quick start\n')[1]?.split('\n## ')[0];
  assert.ok(section, 'README.md has no "## Quick start" section');
  const fences = section.split('\n').filter((l) => /^```\S/.test(l)).length;
  assert.equal(fences, marked('README.md').length, 'a quick-start block without an example marker');
});

test('the README and getting started show the same quick-start blocks', () => {
  assert.deepEqual(marked('docs/getting-started.md').map((b) => b.block), marked('README.md').map((b) => b.block));
});

test('the snippet check refuses a block that is not in its file, and a file that is missing', () => {
  assert.match(notInExample({ file: 'README.md', block: 'a line that is in no file of the project \u2603' }), /does not contain/);
  assert.match(notInExample({ file: 'examples/none/index.html', block: 'x' }), /does not exist/);
  assert.equal(notInExample({ file: 'README.md', block: '# news-card' }), null);
});

test('getting started links every example site, and each exists', () => {
  const linked = new Set(links('docs/getting-started.md').map(({ target }) => target));
  for (const name of EXAMPLES) {
    assert.ok(linked.has(`../examples/${name}/`), `docs/getting-started.md does not link examples/${name}/`);
    assert.ok(existsSync(`examples/${name}`) && statSync(`examples/${name}`).isDirectory(), `examples/${name}/ does not exist`);
  }
});

// The reference against the manifest and the types.

/** The names in the first column (in backticks) of the first table under `heading` in `page`. */
function tableNames(page, heading) {
  const text = read(page);
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${page} has no "${heading}"`);
  const rest = text.slice(start + heading.length + 2).split('\n');
  const first = rest.findIndex((l) => l.startsWith('|'));
  assert.ok(first >= 0 && !rest.slice(0, first).some((l) => /^#/.test(l)), `${page}: no table under "${heading}"`);
  const rows = [];
  for (const line of rest.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    const name = line.match(/^\| `([^`]+)`/);
    assert.ok(name, `${page}, "${heading}": a row without a name in backticks: ${line}`);
    rows.push(name[1]);
  }
  return rows;
}

const sorted = (names) => [...names].sort();
const manifest = JSON.parse(read('www/custom-elements.json'));
const element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.customElement);
const dts = read('www/news-card.d.ts');
const renderDts = read('www/news-card-render.d.ts');

/** The member names of `interface NAME` in a .d.ts: its top-level lines (two-space indent) that declare a property or a method. */
function members(source, name) {
  const start = source.search(new RegExp(`interface ${name}\\b[^{]*\\{`));
  assert.ok(start >= 0, `no interface ${name}`);
  // Comments out first: their prose holds braces and parentheses.
  const body = source.slice(source.indexOf('{', start) + 1).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const names = new Set();
  let depth = 0;
  for (const line of body.split('\n')) {
    if (depth === 0 && /^\}/.test(line)) break;
    const m = depth === 0 && line.match(/^ {2}(?:readonly )?(?:get |set )?(?:'([^']+)'|([A-Za-z_$][\w$]*))\??\s*[(:<]/);
    if (m) names.add(m[1] ?? m[2]);
    depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
  }
  return [...names];
}

/** `export function|class NAME` in a .d.ts. */
const dtsExports = (source) => [...source.matchAll(/^export (?:declare )?(?:function|class) (\w+)/gm)].map((m) => m[1]);

test('the d.ts reader finds members and exports (its control)', () => {
  assert.deepEqual(members('interface T {\n  /** a { in prose */\n  a?: { b: string };\n  c(): void;\n}\n', 'T'), ['a', 'c']);
  assert.deepEqual(dtsExports('export function a(): void;\nexport class B {}\nexport interface C {}\nexport type D = 1;\n'), ['a', 'B']);
});

test('reference: the attributes are the manifest\'s and the types\' NewsCardAttributes, both ways', () => {
  const documented = sorted(tableNames('docs/reference.md', '## Attributes'));
  assert.deepEqual(documented, sorted(element.attributes.map((a) => a.name)), 'against custom-elements.json');
  assert.deepEqual(documented, sorted(members(dts, 'NewsCardAttributes')), 'against news-card.d.ts');
  assert.deepEqual(sorted(tableNames('README.md', '## Attributes')), documented, 'the README\'s compact table');
});

test('reference: the properties are the manifest\'s fields and NewsCardElement\'s properties, both ways', () => {
  const documented = sorted(tableNames('docs/reference.md', '## Properties'));
  assert.deepEqual(documented, sorted(element.members.filter((m) => m.kind === 'field').map((m) => m.name)), 'against custom-elements.json');
  // NewsCardElement also types the inherited addEventListener/removeEventListener for its events: not its own.
  const typed = members(dts, 'NewsCardElement').filter((n) => !['addEventListener', 'removeEventListener'].includes(n));
  assert.deepEqual(documented, sorted(typed), 'against news-card.d.ts');
});

test('reference: the events are the manifest\'s and NewsCardElementEventMap\'s, both ways', () => {
  const documented = sorted(tableNames('docs/reference.md', '## Events'));
  assert.deepEqual(documented, sorted(element.events.map((e) => e.name)), 'against custom-elements.json');
  assert.deepEqual(documented, sorted(members(dts, 'NewsCardElementEventMap')), 'against news-card.d.ts');
});

test('reference: the element has no methods of its own, and the handle\'s are MountedCard\'s', () => {
  assert.deepEqual(element.members.filter((m) => m.kind === 'method').map((m) => m.name), [], 'the manifest gives the element methods: document them');
  assert.deepEqual(sorted(tableNames('docs/reference.md', '## Methods')), sorted(members(dts, 'MountedCard')));
});

test('reference: the exports are each module\'s, in the manifest and the types, both ways', () => {
  const text = read('docs/reference.md').split('\n## Exports\n')[1];
  const rows = text.split('\n').filter((l) => l.startsWith('| `')).slice(0, tableNames('docs/reference.md', '## Exports').length);
  const byModule = (name) => sorted(rows.filter((r) => r.split(' | ')[1] === `\`${name}\``).map((r) => r.match(/^\| `([^`]+)`/)[1]));
  const inManifest = (path) => sorted(manifest.modules.find((m) => m.path === path).exports.filter((e) => e.kind === 'js').map((e) => e.name));
  assert.deepEqual(byModule('news-card'), inManifest('news-card.js'), 'news-card against custom-elements.json');
  assert.deepEqual(byModule('news-card'), sorted(dtsExports(dts)), 'news-card against news-card.d.ts');
  assert.deepEqual(byModule('news-card/render'), inManifest('news-card-render.js'), 'news-card/render against custom-elements.json');
  assert.deepEqual(byModule('news-card/render'), sorted(dtsExports(renderDts)), 'news-card/render against news-card-render.d.ts');
  assert.equal(rows.length, byModule('news-card').length + byModule('news-card/render').length, 'an export of another module');
});

test('reference: mountCard\'s and renderToString\'s options are MountOptions\' and RenderOptions\', both ways', () => {
  assert.deepEqual(sorted(tableNames('docs/reference.md', '### `mountCard` options')), sorted(members(dts, 'MountOptions')));
  assert.deepEqual(sorted(tableNames('docs/reference.md', '### `renderToString` options')), sorted(members(renderDts, 'RenderOptions')));
});

test('reference: the parts and custom properties are the manifest\'s, both ways', () => {
  assert.deepEqual(sorted(tableNames('docs/reference.md', '## Parts')), sorted(element.cssParts.map((p) => p.name)));
  assert.deepEqual(sorted(tableNames('docs/reference.md', '## Custom properties')), sorted(element.cssProperties.map((p) => p.name)));
});

test('article format: the JSON format\'s members are the schema\'s and Article\'s, both ways', () => {
  const documented = sorted(tableNames('docs/article-format.md', '## The JSON format'));
  assert.deepEqual(documented, sorted(Object.keys(JSON.parse(read('www/article.schema.json')).properties)), 'against article.schema.json');
  assert.deepEqual(documented, sorted(members(dts, 'Article')), 'against news-card.d.ts');
});

test('getting started: the pack listing names exactly what npm/package.json ships', () => {
  const text = read('docs/getting-started.md');
  const listing = text.split('\n```\nnpm pack: ')[1]?.split('\n```')[0];
  assert.ok(listing, 'docs/getting-started.md has no `npm pack` listing');
  const files = [...listing.matchAll(/^ +[\d.]+ kB {2}(\S+)$/gm)].map((m) => m[1]);
  assert.equal(Number(listing.match(/^total files: +(\d+)$/m)?.[1]), files.length, 'the listing\'s file count');
  // npm adds these to any package; tools/pack.mjs stages LICENSE beside them.
  const always = ['LICENSE', 'README.md', 'package.json'];
  const patterns = JSON.parse(read('npm/package.json')).files;
  const matches = (pattern, file) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`).test(file);
  for (const pattern of patterns) assert.ok(files.some((f) => matches(pattern, f)), `the listing has nothing for "${pattern}"`);
  for (const file of files) assert.ok(always.includes(file) || patterns.some((p) => matches(p, file)), `the listing has ${file}, which npm/package.json does not ship`);
});

test('testing: the dev dependencies named are package.json\'s, all of them', () => {
  const text = read('docs/testing.md');
  const missing = Object.keys(JSON.parse(read('package.json')).devDependencies).filter((name) => !text.includes(`\`${name}\``) && !text.includes(`from \`${name}\``));
  assert.deepEqual(missing, [], 'docs/testing.md, "What the commands install"');
});

test('no page but the benchmarks quotes a run count', () => {
  const count = /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|thirty)(?: of \d+)? (?:runs|loads|rounds)\b/gi;
  const quoted = PAGES.filter((p) => p !== 'docs/benchmarks.md')
    .flatMap((p) => [...read(p).matchAll(count)].map((m) => `${p}: "${m[0]}"`));
  assert.deepEqual(quoted, []);
});
