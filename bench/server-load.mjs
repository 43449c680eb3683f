// The embed server under load on loopback (wrk): requests/s, p50/p99 and errors per route and concurrency beside the floor, then a million requests with the server's memory sampled.
//
//   node bench/server-load.mjs [--seconds N] [--million]   (after ./build.sh build; wrk from Debian)
//
// The floor is the same server answering a fixed in-memory body of the article page's size
// (`--bench-floor`): what a request costs the HTTP stack alone. Everything stays on 127.0.0.1
// and every run is bounded in time. Prints Markdown for docs/benchmarks.md.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeDist } from '../tools/dist.mjs';
import { startServer } from '../tests/server/start.mjs';

const run = promisify(execFile);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('--seconds', 10));
const MILLION = process.argv.includes('--million');

/** Milliseconds from wrk's `1.23ms`, `456.78us` or `1.01s`. */
const ms = (text) => {
  const [, n, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim()) ?? [];
  return Number(n) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
};

/** One wrk run against `url`: { rps, p50, p99, requests, errors }. */
async function wrk(url, connections, seconds) {
  const threads = Math.min(2, connections);
  const { stdout } = await run('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '--latency', url], { timeout: (seconds + 30) * 1000 });
  const num = (re) => Number(re.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = num(/Non-2xx or 3xx responses: (\d+)/) + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: ms(/\n\s+50%\s+(\S+)/.exec(stdout)[1]),
    p99: ms(/\n\s+99%\s+(\S+)/.exec(stdout)[1]),
    requests: num(/(\d+) requests in/),
    errors,
  };
}

const rss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

const dist = join('target', 'server-load', 'dist');
await writeDist({ out: dist });
// First the page's size, so that the floor answers as many bytes.
let server = await startServer({ release: true, dist });
const pageBytes = (await (await fetch(`${server.base}/a/market`)).arrayBuffer()).byteLength;
await server.stop();
server = await startServer({ release: true, dist, args: ['--bench-floor', String(pageBytes), '--poll', '0'] });
const module = /src="([^"]+)"/.exec(readFileSync(join(dist, 'snippet.html'), 'utf8'))[1];
const routes = [
  ['floor (fixed body)', '/__floor'],
  ['`/a/market` (cached page)', '/a/market'],
  ['`/oembed`', `/oembed?url=${encodeURIComponent(`${server.base}/a/market`)}&format=json`],
  [`\`/static/${module.replace(/\.[0-9a-f]+\./, '.HASH.')}\``, `/static/${module}`],
];
console.log(`wrk ${SECONDS} s per cell, ${cpus().length} cores, load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; page ${pageBytes} B\n`);
console.log('| route | concurrency | requests/s | p50 ms | p99 ms | errors |');
console.log('|---|---:|---:|---:|---:|---:|');
const floor = {};
for (const [name, path] of routes) {
  for (const c of [1, 16, 64]) {
    const r = await wrk(server.base + path, c, SECONDS);
    if (path === '/__floor') floor[c] = r.rps;
    const ratio = path === '/__floor' ? '' : ` (${(floor[c] / r.rps).toFixed(2)}× under the floor)`;
    console.log(`| ${name} | ${c} | ${Math.round(r.rps)}${ratio} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors} |`);
  }
}
if (MILLION) {
  // A million requests to the cached page at concurrency 16, the server's RSS sampled each second.
  const first = rss(server.child.pid);
  const samples = [];
  const timer = setInterval(() => samples.push(rss(server.child.pid)), 1000);
  let total = 0, errors = 0, rounds = 0;
  while (total < 1_000_000 && rounds < 20) {
    const r = await wrk(`${server.base}/a/market`, 16, 15);
    total += r.requests;
    errors += r.errors;
    rounds++;
  }
  clearInterval(timer);
  const last = rss(server.child.pid);
  const third = Math.floor(samples.length / 3);
  const max = (xs) => Math.max(...xs);
  console.log(`\n${total} requests to /a/market at concurrency 16 in ${rounds} wrk runs of 15 s, ${errors} errors. Server RSS (KiB): `
    + `before ${first}; highest in the first third ${max(samples.slice(0, third))}, in the last third ${max(samples.slice(-third))}; after ${last}.`);
}
console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await server.stop();
