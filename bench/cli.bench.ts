/**
 * `npm run bench:cli`: cold starts of the real command line (a new process each time), each printed with
 * its ratio to a baseline measured in the same run:
 *
 *   - baseline: `node -e` that reads and JSON.parses the current list snapshot's list file;
 *   - `node -e 0`: node's own start-up;
 *   - `node bin/htt.js --help`;
 *   - `node bin/htt.js screen "Huawei Technologies"` with the stored screening index on disk, and the
 *     first-ever run, which builds the index and stores it (as in a fresh clone).
 *
 * Goals: screen <= 5x the list parse; --help <= 200 ms. The screening runs use a copy of the current
 * snapshot in a temporary directory (HTT_LISTS_DIR), so the first run really finds no index and data/lists
 * is left as it is. Runs are interleaved round by round so that a change of machine load weighs on every
 * figure alike; each figure is the median. Run `npm run build` first: bin/htt.js runs dist/.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCurrent } from '../src/adapters/lists/snapshot-store.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/htt.js');
if (!existsSync(join(root, 'dist/main/cli.js'))) {
  console.error('bench:cli runs the compiled CLI: run `npm run build` first');
  process.exit(70);
}

// a copy of the current snapshot, without its stored index
const { dir, meta } = readCurrent();
const lists = mkdtempSync(join(tmpdir(), 'htt-bench-cli-'));
process.on('exit', () => rmSync(lists, { recursive: true, force: true }));
const copy = join(lists, 'snapshots', 'bench');
mkdirSync(copy, { recursive: true });
for (const f of [...meta.files.map((x) => x.name), 'snapshot.json'])
  copyFileSync(join(dir, f), join(copy, f));
writeFileSync(join(lists, 'current.json'), JSON.stringify({ id: meta.id, dir: 'snapshots/bench' }));
const listFile = join(dir, meta.files[0]!.name);
const env = { ...process.env, HTT_LISTS_DIR: lists };

/** Wall time of one child process in ms; its exit status must be 0. */
function run(args: string[], check?: (stdout: string) => boolean): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 || (check && !check(r.stdout)))
    throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return ms;
}

const commands = {
  parse: ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(listFile)}, 'utf8'))`],
  node: ['-e', '0'],
  help: [bin, '--help'],
  screen: [bin, 'screen', 'Huawei Technologies'],
};
const screened = (out: string) => out.includes('Huawei Technologies Co., Ltd.');

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
const loadBefore = load();

// the first-ever run: no index beside the snapshot yet, so it builds and stores it
const indexFile = join(copy, 'screening-index.bin');
const first = run(commands.screen, screened);
if (!existsSync(indexFile)) throw new Error(`the first run did not store ${indexFile}`);

// warm the file cache, then interleaved rounds
for (const args of Object.values(commands)) run(args);
const times: Record<keyof typeof commands, number[]> = { parse: [], node: [], help: [], screen: [] };
for (let i = 0; i < ROUNDS; i++) {
  times.parse.push(run(commands.parse));
  times.node.push(run(commands.node));
  times.help.push(run(commands.help));
  times.screen.push(run(commands.screen, screened));
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const m = {
  parse: median(times.parse),
  node: median(times.node),
  help: median(times.help),
  screen: median(times.screen),
};

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const spread = (xs: number[]) => `(min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${availableParallelism()} CPUs (${cpu}), node ${process.version}; load average (1/5/15 min) ${loadBefore} before, ${load()} after`,
);
console.log(
  `lists ${meta.id}: ${meta.files.map((f) => `${f.name} ${(f.bytes / 1e6).toFixed(1)} MB`).join(', ')}; ${ROUNDS} interleaved rounds, medians`,
);
console.log('');
console.log(`baseline  node -e JSON.parse(list file)        ${ms(m.parse)}  ${spread(times.parse)}`);
console.log(`          node -e 0 (node start-up)            ${ms(m.node)}  ${spread(times.node)}`);
console.log(
  `htt --help                                     ${ms(m.help)}  ${(m.help / m.parse).toFixed(2)}x the list parse, ${(m.help / m.node).toFixed(2)}x node start-up  ${spread(times.help)}`,
);
console.log(
  `htt screen "Huawei Technologies" (index stored) ${ms(m.screen)}  ${(m.screen / m.parse).toFixed(2)}x the list parse, ${(m.screen / m.node).toFixed(2)}x node start-up  ${spread(times.screen)}`,
);
console.log(
  `htt screen, first run (builds + stores index)  ${ms(first)}  ${(first / m.parse).toFixed(2)}x the list parse (once per snapshot)`,
);
console.log('');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
console.log(
  `goal: screen <= 5x list parse       ${(m.screen / m.parse).toFixed(2)}x  ${verdict(m.screen <= 5 * m.parse)}`,
);
console.log(
  `goal: --help <= 200 ms              ${m.help.toFixed(0)} ms (${(m.help / m.node).toFixed(2)}x node -e 0)  ${verdict(m.help <= 200)}`,
);
