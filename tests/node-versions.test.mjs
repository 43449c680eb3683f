// The Node versions the project claims agree, and every `node --test` it runs or documents names files, which Node 20, 22 and 24 all read alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { dirname, basename } from 'node:path';

const read = (file) => readFileSync(file, 'utf8');
const BUILD = read('build.sh');

// Where a `node --test` command line can be: what runs, and what tells a contributor what to run.
const SOURCES = ['build.sh', '.ci/run', 'package.json', 'README.md', 'CONTRIBUTING.md',
  ...readdirSync('docs').filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** The path arguments of each `node --test` in `text`: up to the end of the command, flags, variables and `\` skipped. */
function testArguments(text) {
  const found = [];
  for (const [line, n] of text.split('\n').map((l, i) => [l, i + 1])) {
    for (const m of line.matchAll(/node --test\b([^`;&|#)\n]*)/g)) {
      const paths = m[1].trim().split(/\s+/).filter((a) => a && !a.startsWith('-') && !a.startsWith('"$') && !a.startsWith('$') && a !== '\\');
      found.push({ line: n, paths });
    }
  }
  return found;
}

/** The paths under tests/ that a shell script's code (its comments left out) names, each with its line. */
function scriptPaths(text) {
  const found = [];
  for (const [line, n] of text.split('\n').map((l, i) => [l, i + 1])) {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const m of code.matchAll(/(?:^|[\s=(])(tests\/[^\s"';)]*)/g)) found.push({ line: n, paths: [m[1]] });
  }
  return found;
}

/** Whether `glob` (a `*` in its last part only, as bash expands it) matches at least one file. */
function globMatches(glob) {
  assert.doesNotMatch(dirname(glob), /\*/, `${glob}: a * only in the file name`);
  const re = new RegExp(`^${basename(glob).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
  return existsSync(dirname(glob)) && readdirSync(dirname(glob)).some((f) => re.test(f) && statSync(`${dirname(glob)}/${f}`).isFile());
}

// From Node 21 each argument of --test is a glob (nodejs/node#47653), so a directory matches only
// itself and is run as a file (Node 22: "not ok 1 - tests/e2e"; Node 24: "Cannot find module";
// nodejs/node#64555), where Node 20 searched it. Files, or a glob that bash expands to files, work in all.
test('each node --test names files or globs of files, never a directory', () => {
  let count = 0;
  for (const source of SOURCES) {
    // A script may hand node --test its files through a variable (build.sh's e2e_in): there, every path under tests/.
    const found = source === 'build.sh' || source === '.ci/run' ? [...testArguments(read(source)), ...scriptPaths(read(source))] : testArguments(read(source));
    for (const { line, paths } of found) {
      for (const path of paths) {
        count++;
        const where = `${source}:${line}: node --test ${path}`;
        assert.doesNotMatch(path, /^['"]/, `${where}: a quoted path is a glob for Node 22 but a file name for Node 20`);
        if (path.includes('*')) assert.ok(globMatches(path), `${where}: the glob matches no file`);
        else {
          assert.ok(existsSync(path), `${where}: no such file`);
          assert.ok(statSync(path).isFile(), `${where}: a directory, which Node 21 and later read as a file name`);
        }
      }
    }
  }
  assert.ok(count >= 10, `only ${count} paths found: the parser missed the commands`);
});

test('build.sh\'s lists of node tests name files that exist', () => {
  const checks = BUILD.match(/^NODE_CHECKS=\(([^)]*)\)/m);
  assert.ok(checks, 'NODE_CHECKS in build.sh');
  const files = checks[1].trim().split(/\s+/);
  assert.ok(files.includes('tests/node-versions.test.mjs'));
  for (const file of files) assert.ok(existsSync(file) && statSync(file).isFile(), `NODE_CHECKS: ${file}`);
});

/** Whether version `v` ("20.19.0") satisfies the npm range `range`, in the forms the lockfile's engines use. */
function satisfies(v, range) {
  const cmp = (a, b) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const ver = v.split('.').map(Number);
  const one = (c) => {
    const [, op = '', rest] = c.match(/^(>=|<=|>|<|=|\^|~)?v?(.*)$/);
    const parts = [];
    for (const p of rest.split('.')) {
      if (/^[*xX]?$/.test(p)) break; // a wildcard ends the parts that count
      assert.match(p, /^\d+$/, `an unread range: ${range}`);
      parts.push(Number(p));
    }
    if (parts.length === 0) return true;
    const next = (k) => [...parts.slice(0, k), parts[k] + 1];
    switch (op) {
      case '>=': return cmp(ver, parts) >= 0;
      case '>': return cmp(ver, parts) > 0;
      case '<=': return cmp(ver, parts) <= 0;
      case '<': return cmp(ver, parts) < 0;
      case '^': return cmp(ver, parts) >= 0 && cmp(ver, next(Math.max(0, parts.findIndex((p) => p !== 0)))) < 0;
      case '~': return cmp(ver, parts) >= 0 && cmp(ver, next(parts.length > 1 ? 1 : 0)) < 0;
      default: return parts.every((p, k) => ver[k] === p); // 1.2.3 exactly, or 1.2 and 1.x as a prefix
    }
  };
  return range.split('||').some((alt) => alt.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).every(one));
}

test('the range reader reads the forms it must', () => {
  assert.ok(satisfies('20.19.0', '^20.19.0 || >=22.12.0'));
  assert.ok(!satisfies('20.18.3', '^20.19.0 || >=22.12.0'));
  assert.ok(!satisfies('21.7.3', '^20.19.0 || >=22.12.0'));
  assert.ok(!satisfies('22.11.0', '^20.19.0 || >=22.12.0'));
  assert.ok(satisfies('24.22.3', '^20.19.0 || >=22.12.0'));
  assert.ok(satisfies('14.17.0', '>=16 || 14 >=14.17'));
  assert.ok(!satisfies('14.16.0', '>=16 || 14 >=14.17'));
  assert.ok(!satisfies('9.1.0', '6.* || 8.* || >= 10.*') && satisfies('8.4.0', '6.* || 8.* || >= 10.*'));
  assert.ok(satisfies('18.16.0', '>=18.16') && !satisfies('18.15.9', '>=18.16'));
});

// The versions that must work: the floor of each line package.json's engines allows, the lines
// CI also runs (build.sh's NODE_LINES), and this Node.
const ENGINES = JSON.parse(read('package.json')).engines?.node;
const LINES = (BUILD.match(/^NODE_LINES=\(([^)]*)\)/m)?.[1] ?? '').trim().split(/\s+/);

test('package.json\'s engines, build.sh\'s NODE_LINES and this Node satisfy every dev dependency\'s engines', () => {
  assert.ok(ENGINES, 'package.json has engines.node');
  const floors = ENGINES.split('||').map((alt) => alt.trim().replace(/^(\^|>=)\s*/, ''));
  for (const floor of floors) assert.match(floor, /^\d+(\.\d+){0,2}$/, `engines ${ENGINES}: each part ^X or >=X`);
  assert.deepEqual(LINES.map((v) => v.split('.')[0]), ['22', '24'], 'NODE_LINES: the current LTS lines');
  const versions = [...floors, ...LINES, process.versions.node];
  for (const v of versions) assert.ok(satisfies(v, ENGINES), `${v} outside package.json's engines ${ENGINES}`);
  const lock = JSON.parse(read('package-lock.json')).packages;
  let checked = 0;
  for (const [path, pkg] of Object.entries(lock)) {
    if (!path || pkg.optional || !pkg.engines?.node) continue;
    checked++;
    for (const v of versions) assert.ok(satisfies(v, pkg.engines.node), `${path} needs Node ${pkg.engines.node}; ${v} is not`);
  }
  assert.ok(checked > 100, `${checked} packages with engines`);
});

// build.sh stops on a Node outside the range before npm ci (need_node): its test is the same range.
test('build.sh\'s Node check accepts exactly package.json\'s engines', () => {
  const code = BUILD.match(/^node_in_range\(\) \{ node -e '([^']+)'; \}$/m)?.[1];
  assert.ok(code?.includes('process.versions.node'), 'node_in_range in build.sh reads process.versions.node');
  for (const v of ['18.20.4', '20.18.3', '20.19.0', '20.20.2', '21.7.3', '22.11.0', '22.12.0', '22.23.5', '23.0.0', '24.22.3', '26.10.0']) {
    // The check's own code, run against a process of that version.
    let status;
    runInNewContext(code, { process: { versions: { node: v }, exit: (s) => { status = s; } } });
    const accepted = status === 0;
    assert.ok(status === 0 || status === 1, `Node ${v}: the check ended without an exit status`);
    assert.equal(accepted, satisfies(v, ENGINES), `Node ${v}: build.sh ${accepted ? 'accepts' : 'refuses'} it, engines ${ENGINES} ${accepted ? 'does not' : 'does'}`);
  }
});
