// Records what a news-card binary prints for every fixture with every option, for cli/tests/recorded.rs to compare against.
//
// Usage (from the repository's root): node cli/tests/recorded/record.mjs BINARY > cli/tests/recorded/outputs.jsonl
// The first recording (issue 28) was made with the binary built from src/bin/news-card.rs before
// the command line became its own crate. Standard output is kept as its SHA-256 and length (a
// hundred cards of 6-10 KB each would be a megabyte of fixtures); standard error verbatim, with
// the usage text (what `--help` prints) written as <USAGE>, so that a message stays readable.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const bin = process.argv[2];
if (!bin) {
  console.error("usage: node cli/tests/recorded/record.mjs BINARY");
  process.exit(2);
}

// Every article input the command line reads: the embedded one, each fixture by file, and
// standard input in both formats.
const inputs = [
  ["embedded", [], null],
  ["json", ["tests/fixtures/article.json"], null],
  ["bom", ["tests/fixtures/bom.json"], null],
  ["text", ["content/article.txt"], null],
  ["stdin-json", ["-"], "tests/fixtures/article.json"],
  ["stdin-text", ["-"], "content/article.txt"],
];
// Every render option alone, then all of them together.
const options = [
  ["plain", []],
  ["open", ["--open"]],
  ["lang-en", ["--lang", "en"]],
  ["lang-ar-arab", ["--lang", "ar", "--numerals", "arab"]],
  ["numerals-auto", ["--numerals", "auto"]],
  ["numerals-latn", ["--numerals", "latn"]],
  ["wpm", ["--wpm", "200"]],
  ["heading-3", ["--heading-level", "3"]],
  ["heading-6", ["--heading-level", "6"]],
  ["share", ["--share"]],
  ["id-prefix", ["--id-prefix", "story"]],
  ["css-href", ["--css-href", "/static/news-card.css"]],
  ["jsonld", ["--jsonld"]],
  ["jsonld-url", ["--jsonld", "--url", "https://news.example/x"]],
  ["src", ["--src", "/a.json"]],
  [
    "all",
    [
      "--lang", "ar", "--open", "--numerals", "arab", "--wpm", "250", "--heading-level", "4",
      "--share", "--id-prefix", "p-1", "--css-href", "/c.css", "--jsonld", "--url",
      "https://e.example/a", "--src", "/a.json",
    ],
  ],
];
const cases = [];
for (const [input, files, stdin] of inputs) {
  for (const [option, args] of options) {
    // `render` spelled out for half of them: it is the default command.
    const render = cases.length % 2 ? ["render"] : [];
    cases.push([`${input}/${option}`, [...render, ...files, ...args], stdin]);
  }
}
// The format forced, the other commands, and every way to fail.
cases.push(
  ["format-text-json-file", ["--format", "text", "tests/fixtures/article.json"], null],
  ["format-json", ["--format", "json", "tests/fixtures/article.json", "--open"], null],
  ["format-json-text-file", ["content/article.txt", "--format", "json"], null],
  ["format-text", ["--format", "text", "content/article.txt"], null],
  ["stdin-format-text", ["-", "--format", "text"], "content/article.txt"],
  ["css", ["css"], null],
  ["csp", ["csp"], null],
  ["help", ["--help"], null],
  ["help-short", ["-h"], null],
  ["help-after-flags", ["--open", "--help"], null],
  ["error-latin1", ["tests/fixtures/latin1.txt"], null],
  ["error-invalid-json", ["tests/fixtures/invalid.json"], null],
  ["error-missing", ["tests/fixtures/missing.json"], null],
  ["error-directory", ["tests"], null],
  ["error-stdin-empty", ["-"], null],
  ["error-render-css", ["render", "css"], null],
  ["usage-unknown", ["--bogus"], null],
  ["usage-dashdash", ["--"], null],
  ["usage-short", ["-x"], null],
  ["usage-equals", ["--wpm=200"], null],
  ["usage-wpm-0", ["--wpm", "0"], null],
  ["usage-wpm-big", ["--wpm", "10001"], null],
  ["usage-wpm-junk", ["--wpm", "12abc"], null],
  ["usage-wpm-negative", ["--wpm", "-5"], null],
  ["usage-heading-1", ["--heading-level", "1"], null],
  ["usage-heading-7", ["--heading-level", "7"], null],
  ["usage-heading-word", ["--heading-level", "three"], null],
  ["usage-numerals", ["--numerals", "roman"], null],
  ["usage-lang", ["--lang", "not a tag"], null],
  ["usage-id-prefix", ["--id-prefix", "nc3"], null],
  ["usage-id-prefix-digit", ["--id-prefix", "1a"], null],
  ["usage-url", ["--url", "javascript:alert(1)"], null],
  ["usage-src", ["--src", "a b.json"], null],
  ["usage-src-empty", ["--src", ""], null],
  ["usage-css-href", ["--css-href", "x\ty"], null],
  ["usage-format", ["--format", "yaml"], null],
  ["usage-missing-value", ["--lang"], null],
  ["usage-missing-value-last", ["tests/fixtures/article.json", "--css-href"], null],
  ["usage-two-files", ["a.txt", "b.txt"], null],
  ["usage-css-extra", ["css", "extra"], null],
  ["usage-csp-extra", ["csp", "--open"], null],
);

const usage = spawnSync(bin, ["--help"], { encoding: "utf8" }).stdout;
for (const [name, args, stdin] of cases) {
  const run = spawnSync(bin, args, { input: stdin ? readFileSync(stdin) : "" });
  const stderr = run.stderr.toString("utf8").replaceAll(usage, "<USAGE>");
  const record = {
    name,
    args,
    stdin,
    code: run.status,
    stdout_bytes: run.stdout.length,
    stdout_sha256: createHash("sha256").update(run.stdout).digest("hex"),
    stderr,
  };
  console.log(JSON.stringify(record));
}
