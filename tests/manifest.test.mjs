// Checks www/custom-elements.json: valid against the manifest schema, and in step with the shell, the stylesheet, the view and the types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';

const manifest = JSON.parse(readFileSync('www/custom-elements.json', 'utf8'));
const card = manifest.modules[0].declarations.find((d) => d.tagName === 'news-card');
const names = (list) => list.map((x) => x.name).sort();
const unique = (list) => [...new Set(list)].sort();
// The shell: its entry module and the modules of www/shell/ it is split into.
const shellSource = () => ['news-card.js', ...readdirSync('www/shell').map((f) => `shell/${f}`)]
  .map((f) => readFileSync(`www/${f}`, 'utf8')).join('\n');

test('the manifest is valid against the custom-elements-manifest schema', () => {
  const schema = JSON.parse(readFileSync('node_modules/custom-elements-manifest/schema.json', 'utf8'));
  // strict: false, as the schema carries keywords of its own generator that Ajv does not know.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
  // ...and the validator can refuse: a member with a kind the format does not have.
  const broken = structuredClone(manifest);
  broken.modules[0].declarations[0].members[0].kind = 'property';
  assert.equal(validate(broken), false);
});

test('its attributes are those the shell observes plus theme (pure CSS), and those the types declare', () => {
  const shell = shellSource();
  const observed = JSON.parse(shell.match(/observedAttributes = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
  assert.deepEqual(names(card.attributes), [...observed, 'theme'].sort());
  const types = readFileSync('www/news-card.d.ts', 'utf8');
  const block = types.match(/interface NewsCardAttributes \{([\s\S]*?)\n\}/)[1];
  assert.deepEqual(names(card.attributes), unique([...block.matchAll(/^ {2}'?([a-z-]+)'?\?:/gm)].map((m) => m[1])));
});

test('its CSS custom properties are exactly the --news-card-* the stylesheet reads', () => {
  const css = readFileSync('src/card.css', 'utf8');
  assert.deepEqual(names(card.cssProperties), unique(css.match(/--news-card-[a-z-]+/g)));
});

test('its parts are exactly those the view writes', () => {
  // Every Rust file under src/, wherever the view lives.
  const view = readdirSync('src', { recursive: true }).filter((f) => f.endsWith('.rs'))
    .map((f) => readFileSync(`src/${f}`, 'utf8')).join('\n');
  assert.deepEqual(names(card.cssParts), unique([...view.matchAll(/attr\("part", "([a-z-]+)"\)/g)].map((m) => m[1])));
});

/**
 * The events `source` dispatches, as { name: [constructors] }: the event built in each
 * dispatchEvent(...) argument, or in the body of the function that argument calls. A name
 * merely mentioned (addEventListener('toggle', ...)) is not fired, so it does not count.
 */
function firedEvents(source) {
  const fired = {};
  const built = (code) => [...code.matchAll(/\bnew (\w*Event)\('([\w-]+)'/g)];
  const body = (fn) => {
    const start = source.search(new RegExp(`function ${fn}\\(`));
    assert.ok(start >= 0, `dispatchEvent(${fn}(...)): no function ${fn} in the shell`);
    let depth = 0;
    for (let i = source.indexOf('{', start); i < source.length; i++) {
      depth += source[i] === '{' ? 1 : source[i] === '}' ? -1 : 0;
      if (depth === 0) return source.slice(start, i + 1);
    }
    throw new Error(`function ${fn} never closes`);
  };
  for (const [, arg] of source.matchAll(/dispatchEvent\(([^;]*)\);/g)) {
    const call = arg.match(/^(\w+)\(/);
    const events = built(call && call[1] !== 'new' ? body(call[1]) : arg);
    assert.ok(events.length > 0, `dispatchEvent(${arg}) builds no event this test can name`);
    for (const [, type, name] of events) (fired[name] ??= []).push(type);
  }
  return fired;
}

test('its events and exports are those the shell fires and exports', () => {
  const shell = shellSource();
  const fired = firedEvents(shell);
  // Both directions: every event listed is fired, and every event fired is listed.
  assert.deepEqual(names(card.events), Object.keys(fired).sort());
  // ...with the type the shell builds it as (ToggleEvent, or a plain Event in old engines).
  for (const { name, type } of card.events) {
    assert.ok(fired[name].includes(type.text.match(/^\w+/)[0]), `${name} is listed as ${type.text}, fired as ${fired[name]}`);
  }
  // The public exports are the entry's own (`export function`) and those it re-exports from shell/.
  const entry = readFileSync('www/news-card.js', 'utf8');
  const exported = [...entry.matchAll(/^export (?:async )?function (\w+)|^export \{([^}]*)\} from/gm)]
    .flatMap((m) => m[1] ?? m[2].split(',').map((name) => name.trim())).sort();
  const listed = manifest.modules[0].exports.filter((e) => e.kind === 'js').map((e) => e.name).sort();
  assert.deepEqual(listed, exported);
});

test('the render module lists what news-card-render.js exports', () => {
  const source = readFileSync('www/news-card-render.js', 'utf8');
  const exported = [...source.matchAll(/^export (?:async )?(?:function\*?|class) (\w+)/gm)].map((m) => m[1]).sort();
  const module = manifest.modules.find((m) => m.path === 'news-card-render.js');
  assert.ok(module, 'custom-elements.json lists no news-card-render.js');
  assert.deepEqual(module.exports.map((e) => e.name).sort(), exported);
  assert.deepEqual(module.declarations.map((d) => d.name).sort(), exported);
});
