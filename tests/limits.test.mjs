// The input limits have one home, Rust: both wasm builds export them as the Rust source says, and no JavaScript file writes one again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A `pub const NAME: TYPE = EXPR;` of a Rust file, its expression of digits, `_` and `*` evaluated. */
function rustConst(file, name) {
  const source = readFileSync(file, 'utf8');
  const match = source.match(new RegExp(`pub const ${name}: \\w+ = ([0-9_* ]+);`));
  assert.ok(match, `${name} in ${file}`);
  return match[1].split('*').reduce((product, factor) => product * Number(factor.trim().replaceAll('_', '')), 1);
}

const RUST = [
  rustConst('src/input/limits.rs', 'MAX_INPUT_BYTES'),
  rustConst('src/input/limits.rs', 'MAX_PARAGRAPHS'),
  rustConst('src/input/limits.rs', 'MAX_TEXT_BYTES'),
  rustConst('src/prerender/mod.rs', 'MAX_WPM'),
  rustConst('src/locale/measure.rs', 'DEFAULT_WPM'),
];

for (const pkg of ['pkg', 'pkg-render']) {
  test(`the ${pkg} wasm exports the limits the Rust source sets`, async () => {
    const glue = await import(`../www/${pkg}/news_card.js`);
    glue.initSync({ module: readFileSync(`www/${pkg}/news_card_bg.wasm`) });
    assert.deepEqual([...glue.limits()], RUST);
  });
}

/** Every JavaScript file the card or the renderer runs (not the generated glue). */
function sources(dir = 'www') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('pkg') ? [] : sources(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

test('no JavaScript file writes a limit again: each is read from the wasm', () => {
  // A limit's value, in any of the ways JavaScript would write it.
  const written = RUST.flatMap((n) => {
    const forms = [String(n), n.toLocaleString('en').replaceAll(',', '_')];
    if (n % 1024 === 0) forms.push(n === 1024 * 1024 ? '1024 \\* 1024' : `${n / 1024 / 1024} \\* 1024 \\* 1024`);
    return forms;
  });
  const pattern = new RegExp(`(?<![\\w.])(${written.join('|')})(?![\\w.])`);
  const found = sources().flatMap((file) => readFileSync(file, 'utf8').split('\n')
    .map((line, i) => [file, i + 1, line])
    .filter(([, , line]) => !line.trim().startsWith('//') && !line.trim().startsWith('*') && pattern.test(line)));
  assert.deepEqual(found.map(([file, line, text]) => `${file}:${line}: ${text.trim()}`), []);
});
