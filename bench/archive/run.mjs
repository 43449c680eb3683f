// The archive benchmark (./build.sh bench-render): the CLI's batch render against its floors, renderMany in Node and one process per article, interleaved, medians.
//
// ARCHIVE_SIZES (default 1000,10000,100000) and ARCHIVE_RUNS (default 5) set the matrix; the
// archives are generated (bench/archive/generate.mjs) into target/bench-archive/N once. Each
// run is timed by /usr/bin/time -v (wall clock and peak RSS). Prints a Markdown table and
// writes it to target/bench-archive/results.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';

const SIZES = (process.env.ARCHIVE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.ARCHIVE_RUNS ?? 5);
const ROOT = 'target/bench-archive';
const CLI = 'target/release/news-card';
const FLOOR = 'target/release/examples/archive-floor';
const JOBS = String(cpus().length);

function generate(n) {
  const dir = join(ROOT, String(n));
  if (!existsSync(join(dir, 'done.json'))) {
    rmSync(dir, { recursive: true, force: true });
    const out = spawnSync('node', ['bench/archive/generate.mjs', String(n), dir], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    writeFileSync(join(dir, 'done.json'), out.stdout);
  }
  return { dir, ...JSON.parse(readFileSync(join(dir, 'done.json'), 'utf8')), ndjsonBytes: statSync(join(dir, 'archive.ndjson')).size };
}

/** Runs `argv` under /usr/bin/time -v; stdin from a file, stdout to a file. */
function timed(argv, { stdin, stdout }) {
  const fdIn = stdin ? openSync(stdin, 'r') : 'ignore';
  const fdOut = openSync(stdout ?? '/dev/null', 'w');
  const run = spawnSync('/usr/bin/time', ['-v', ...argv], { stdio: [fdIn, fdOut, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  if (typeof fdIn === 'number') closeSync(fdIn);
  closeSync(fdOut);
  const wall = run.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = run.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = run.stderr.match(/User time \(seconds\): ([\d.]+)/);
  const sys = run.stderr.match(/System time \(seconds\): ([\d.]+)/);
  if (!wall || !rss) throw new Error(`${argv.join(' ')}: ${run.stderr.slice(-2000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  // 0 or 1: 1 is the CLI's "some articles failed" (the 1% bad ones).
  if (run.status > 1) throw new Error(`${argv.join(' ')} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  // CPU time too: on a machine others share, it says what the work costs when wall time cannot.
  return { seconds, cpu: Number(user?.[1] ?? 0) + Number(sys?.[1] ?? 0), rssKb: Number(rss[1]) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
for (const n of SIZES) {
  const a = generate(n);
  const files = join(a.dir, 'files');
  const ndjson = join(a.dir, 'archive.ndjson');
  const out = join(a.dir, 'out');
  const sink = join(a.dir, 'out.ndjson');
  const fresh = () => rmSync(out, { recursive: true, force: true });
  const variants = [
    ['(a) floor: copy, files', () => { fresh(); return timed([FLOOR, 'copy', files, out, JOBS], {}); }, a.bytes],
    ['(a) floor: copy, NDJSON', () => timed([FLOOR, 'copy-ndjson'], { stdin: ndjson, stdout: sink }), a.ndjsonBytes],
    ['(b) minimal renderer, NDJSON', () => timed([FLOOR, 'minimal', JOBS], { stdin: ndjson, stdout: sink }), a.ndjsonBytes],
    ['(c) news-card render --out', () => { fresh(); return timed([CLI, 'render', files, '--out', out], {}); }, a.bytes],
    ['(c) news-card render --out, again (unchanged)', () => timed([CLI, 'render', files, '--out', out], {}), a.bytes],
    ['(c) news-card render --ndjson', () => timed([CLI, 'render', '-', '--ndjson'], { stdin: ndjson, stdout: sink }), a.ndjsonBytes],
    ['(c) news-card render --ndjson --jobs 1', () => timed([CLI, 'render', '-', '--ndjson', '--jobs', '1'], { stdin: ndjson, stdout: sink }), a.ndjsonBytes],
    ['(d) renderMany in Node, NDJSON', () => timed(['node', 'bench/archive/node-batch.mjs'], { stdin: ndjson, stdout: sink }), a.ndjsonBytes],
  ];
  const samples = variants.map(() => []);
  // Interleaved: run r of every variant, then run r + 1.
  for (let r = 0; r < RUNS; r++) {
    variants.forEach(([name, run], i) => {
      samples[i].push(run());
      process.stderr.write(`${n} ${name} run ${r + 1}: ${samples[i].at(-1).seconds.toFixed(2)} s\n`);
    });
  }
  variants.forEach(([name, , bytes], i) => {
    const s = median(samples[i].map((x) => x.seconds));
    const cpu = median(samples[i].map((x) => x.cpu));
    rows.push({ n, name, seconds: s, perSecond: n / s, mbPerSecond: bytes / 1e6 / s, cpu, perCpuSecond: n / cpu, rssKb: median(samples[i].map((x) => x.rssKb)) });
  });
  if (n === SIZES[0] || n === 1000) {
    // (e) today's way, one process per article, on 1,000 of them, JOBS at a time.
    const sample = readdirSync(join(files, '000')).slice(0, 1000).map((f) => join(files, '000', f));
    const script = `printf '%s\\n' "$@" | xargs -P ${JOBS} -n 1 ${CLI} render >/dev/null 2>&1; true`;
    const times = [];
    for (let r = 0; r < RUNS; r++) times.push(timed(['bash', '-c', script, 'bash', ...sample], {}));
    const s = median(times.map((t) => t.seconds));
    const cpu = median(times.map((t) => t.cpu));
    rows.push({ n: sample.length, name: '(e) one process per article', seconds: s, perSecond: sample.length / s, mbPerSecond: NaN, cpu, perCpuSecond: sample.length / cpu, rssKb: NaN });
  }
  report();
}

function report() {
  const lines = [
    `Archive benchmark: ${RUNS} runs each, interleaved, medians; ${JOBS} jobs unless said; load average at the end ${loadavg()[0].toFixed(1)}.`,
    '',
    '| articles | what | wall s | articles/s | MB/s (input) | CPU s | articles per CPU-s | peak RSS (MB) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${r.name} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond)} | ${Number.isNaN(r.mbPerSecond) ? '' : r.mbPerSecond.toFixed(1)} | ${r.cpu.toFixed(2)} | ${Math.round(r.perCpuSecond)} | ${Number.isNaN(r.rssKb) ? '' : (r.rssKb / 1024).toFixed(1)} |`),
  ];
  mkdirSync(ROOT, { recursive: true });
  writeFileSync(join(ROOT, 'results.md'), lines.join('\n') + '\n');
  return lines;
}

console.log(report().join('\n'));
