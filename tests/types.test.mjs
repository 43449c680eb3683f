// Type-checks tests/types/*.ts against www/news-card.d.ts with tsc --strict: valid use compiles, each bad-*.ts fails where it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const DIR = resolve('tests/types');
const TSC = resolve('node_modules/.bin/tsc');

/** tsc --noEmit --strict on one fixture (the shared tsconfig, only that file); its exit code and diagnostics. */
async function check(file) {
  const scratch = await mkdtemp(join(tmpdir(), 'news-card-types-'));
  try {
    const config = join(scratch, 'tsconfig.json');
    await writeFile(config, JSON.stringify({ extends: join(DIR, 'tsconfig.json'), files: [join(DIR, file)] }));
    const { code, out } = await promisify(execFile)(TSC, ['-p', config, '--noEmit', '--strict', '--pretty', 'false'])
      .then(({ stdout }) => ({ code: 0, out: stdout }), (e) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }));
    return { code, out: out.trim() };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

test('valid use of the element, its events and the exports compiles under --strict', async () => {
  const { code, out } = await check('valid.ts');
  assert.equal(code, 0, out);
});

for (const file of (await readdir(DIR)).filter((f) => f.startsWith('bad-')).sort()) {
  test(`${file} fails to compile, at the line and with the code it names`, async () => {
    const source = await readFile(join(DIR, file), 'utf8');
    const lines = source.split('\n');
    const at = lines.findIndex((l) => /\/\/ error TS\d+/.test(l));
    assert.ok(at >= 0, `${file} names no expected error`);
    const code = lines[at].match(/error (TS\d+)/)[1];
    const result = await check(file);
    assert.notEqual(result.code, 0, `${file} compiled, it must not`);
    const errors = result.out.split('\n').filter((l) => /error TS\d+/.test(l));
    assert.equal(errors.length, 1, result.out);
    assert.match(errors[0], new RegExp(`${file}\\(${at + 1},\\d+\\): error ${code}:`), result.out);
  });
}
