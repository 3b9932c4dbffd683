/**
 * `npm run bench:screening`: screening speed over every loaded name and alias (~57,000), each figure printed
 * with its ratio to a brute-force Jaro-Winkler scan over the same names measured in the same run.
 * Goals: >= 5,000 single queries/s on one thread with p99 <= 2 ms; index build <= 3 s; RSS <= 300 MB;
 * 1,000,000 names in <= 5 minutes in a batch on both cores.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readListFiles } from '../src/adapters/lists/read-files.js';
import { loadLexicon } from '../src/adapters/lists/lexicon-file.js';
import { readCurrent, withoutOriginals } from '../src/adapters/lists/snapshot-store.js';
import { buildScreener } from '../src/core/screening/screener.js';
import { jaroWinkler } from '../src/core/screening/string-distance.js';
import { main } from '../src/main/cli.js';

const mb = () => process.memoryUsage().rss / 1e6;
const fmt = (x: number, d = 1) => x.toFixed(d);
const ratio = (ours: number, base: number, higherIsBetter: boolean) =>
  `${fmt(higherIsBetter ? ours / base : base / ours)}x ${higherIsBetter ? 'the baseline' : 'faster/smaller than the baseline'}`;

// ---- load the snapshot files and read them (not part of the index build)
const { dir, meta } = readCurrent();
// as the product loads them (loadSnapshot): the original records stay on disk, so they are not held here
const entities = withoutOriginals(
  readListFiles(meta.files.map((f) => ({ name: f.name, bytes: readFileSync(join(dir, f.name)) }))).entities,
);
// the name lexicon, as loadSnapshot passes it (a file read, not part of the index build)
const lexicon = loadLexicon();
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined); // npm run bench:screening passes --expose-gc
gc();
const rssBefore = mb();

// ---- baseline preparation: the brute-force scan needs only the lower-cased names
let t = performance.now();
const baselineNames: string[] = [];
for (const e of entities) for (const n of [e.name, ...e.aliases]) baselineNames.push(n.toLowerCase());
const baselinePrep = performance.now() - t;
gc();
const rssBaseline = mb();

// ---- our index
t = performance.now();
const screener = buildScreener(entities, { snapshot: meta.id, snapshotDate: meta.dataDate }, { lexicon });
const buildMs = performance.now() - t;
gc();
const rssAfter = mb();
const names = screener.names();
console.log(`lists ${meta.id}: ${entities.length} entities, ${names.length} names and aliases`);

// ---- single queries, one thread: every listed name is a query once (plus a warm-up)
for (let i = 0; i < 2000; i++) screener.screen({ name: names[(i * 7919) % names.length]! });
const lat = new Float64Array(names.length);
const start = performance.now();
for (let i = 0; i < names.length; i++) {
  const q0 = performance.now();
  screener.screen({ name: names[i]! });
  lat[i] = performance.now() - q0;
}
const total = performance.now() - start;
const qps = names.length / (total / 1000);
const sorted = Array.from(lat).sort((a, b) => a - b);
const p50 = sorted[Math.floor(sorted.length * 0.5)]!;
const p99 = sorted[Math.floor(sorted.length * 0.99)]!;

// ---- brute-force Jaro-Winkler baseline: every name compared with every listed name (sample of queries)
const sample = 60;
const jwLat: number[] = [];
for (let i = 0; i < sample; i++) {
  const q = names[(i * 104729) % names.length]!.toLowerCase();
  const q0 = performance.now();
  let best = 0;
  for (const n of baselineNames) {
    const s = jaroWinkler(q, n);
    if (s > best) best = s;
  }
  jwLat.push(performance.now() - q0);
}
jwLat.sort((a, b) => a - b);
const jwMean = jwLat.reduce((a, b) => a + b, 0) / jwLat.length;
const jwQps = 1000 / jwMean;
const jwP99 = jwLat[Math.floor(jwLat.length * 0.99)]!;

// ---- Chinese-script queries (each is read in pinyin/glossary form and through the lexicon): the dev set's
const zhQueries = readFileSync(new URL('../test/eval/screening-dev.tsv', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.split('\t')[0]!)
  .filter((q) => /\p{Script=Han}/u.test(q));
const zhLat: number[] = [];
for (let round = 0; round < 60; round++) {
  for (const q of zhQueries) {
    const q0 = performance.now();
    screener.screen({ name: q });
    if (round > 0) zhLat.push(performance.now() - q0);
  }
}
const zhTotal = zhLat.reduce((a, b) => a + b, 0);
zhLat.sort((a, b) => a - b);
const zhQps = zhLat.length / (zhTotal / 1000);
const zhP99 = zhLat[Math.floor(zhLat.length * 0.99)]!;

console.log('\nsingle queries, one thread');
console.log(
  `  throughput  ${fmt(qps, 0)} queries/s (goal >= 5000)   baseline ${fmt(jwQps, 1)}/s   ${ratio(qps, jwQps, true)}`,
);
console.log(
  `  latency     p50 ${fmt(p50, 3)} ms, p99 ${fmt(p99, 3)} ms (goal p99 <= 2 ms)   baseline p99 ${fmt(jwP99, 1)} ms   ${ratio(p99, jwP99, false)}`,
);
console.log(
  `  Chinese     ${fmt(zhQps, 0)} queries/s, p99 ${fmt(zhP99, 3)} ms over ${zhQueries.length} Chinese-script dev queries x 59   ${ratio(zhQps, jwQps, true)}`,
);
console.log('\nindex build');
console.log(
  `  build       ${fmt(buildMs / 1000, 2)} s (goal <= 3 s)   baseline preparation ${fmt(baselinePrep, 1)} ms   ratio ${fmt(buildMs / baselinePrep, 0)}x slower (the price of the index)`,
);
console.log('\nmemory');
console.log(
  `  RSS         ${fmt(rssAfter, 0)} MB after the index (goal <= 300 MB)   baseline (lists + names only) ${fmt(rssBaseline, 0)} MB   ratio ${fmt(rssAfter / rssBaseline, 2)}x; index adds ${fmt(rssAfter - rssBefore, 0)} MB`,
);

// ---- batch on both cores with worker threads, through the real CLI path
const batchN = Number(process.env.BENCH_BATCH ?? 60_000);
const tmp = mkdtempSync(join(tmpdir(), 'htt-bench-'));
try {
  const input = join(tmp, 'names.txt');
  const lines: string[] = [];
  for (let i = 0; i < batchN; i++) lines.push(names[(i * 31) % names.length]!);
  writeFileSync(input, lines.join('\n') + '\n');
  const quiet = { out: () => {}, err: () => {} };
  t = performance.now();
  const code = await main(
    ['node', 'htt', 'screen', '--input', input, '--output', join(tmp, 'out.jsonl'), '--workers', '2'],
    quiet,
  );
  const batchMs = performance.now() - t;
  if (code !== 0) throw new Error(`batch run failed with exit code ${code}`);
  const batchRate = batchN / (batchMs / 1000);
  const millionMin = 1_000_000 / batchRate / 60;
  const jwBatchRate = jwQps * 2; // brute force parallelises perfectly: 2 cores, no startup cost (optimistic for it)
  console.log('\nbatch, 2 worker threads (includes both workers loading and indexing the lists)');
  console.log(
    `  throughput  ${fmt(batchRate, 0)} names/s over ${batchN} names in ${fmt(batchMs / 1000, 1)} s -> 1,000,000 names in ${fmt(millionMin, 1)} min (goal <= 5 min)`,
  );
  console.log(
    `  baseline    ${fmt(jwBatchRate, 1)} names/s (2x one-thread brute force) -> 1,000,000 names in ${fmt(1_000_000 / jwBatchRate / 3600, 1)} h   ${ratio(batchRate, jwBatchRate, true)}`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
