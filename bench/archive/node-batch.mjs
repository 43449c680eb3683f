// The archive benchmark's JavaScript side: NDJSON from standard input through renderMany, one {"input","html"|"error"} line each to standard output.
import { createInterface } from 'node:readline';
import { renderMany } from '../../www/news-card-render.js';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
let n = 0;
let failed = 0;
let pending = '';
for await (const result of renderMany(lines)) {
  n++;
  const input = `stdin:${n}`;
  if (result.error) failed++;
  pending += JSON.stringify(result.error ? { input, error: result.error.message } : { input, html: result.html }) + '\n';
  if (pending.length > 1 << 16) {
    if (!process.stdout.write(pending)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    pending = '';
  }
}
process.stdout.write(pending);
console.error(`renderMany: ${n} articles, ${failed} failed`);
