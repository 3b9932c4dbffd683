/**
 * npm run bench:check: determinations per second on one core, over a realistic mix (the golden cases and
 * the repository's scenarios, every one a different transaction and date), without screening.
 * Baselines measured in the same run: the same evaluator re-deriving the rules in force for every call (no
 * per-date cache), and contract validation alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../src/adapters/regulations/load-rules.js';
import { checkInput, overlay as overlaySchema } from '../src/contracts/check.js';
import { evaluate } from '../src/core/determination/evaluate.js';

const root = join(import.meta.dirname, '..');
const read = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(root, dir, f), 'utf8')));
const raw = [...read('test/golden/cases'), ...read('regulations/scenarios')];
const mix = raw.map((c) => ({
  input: checkInput.parse(c.input),
  overlay: c.fixtures || c.overlay ? overlaySchema.parse(c.fixtures ?? c.overlay) : undefined,
}));
const rules = loadRules();
const today = '2026-11-28';

function measure(label: string, seconds: number, once: (i: number) => void): number {
  for (let i = 0; i < 2000; i++) once(i); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let k = 0; k < 200; k++) once(n++);
    now = process.hrtime.bigint();
  }
  const rate = n / (Number(now - start) / 1e9);
  console.log(`${label.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} /s`);
  return rate;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
console.log(
  `bench:check — ${mix.length} distinct transactions (golden + scenarios), ${seconds}s per measurement, one thread`,
);
const main = measure('determinations (the evaluator, per-date rules cached)', seconds, (i) => {
  const c = mix[i % mix.length]!;
  evaluate(c.input, { rules, today, ...(c.overlay ? { overlay: c.overlay } : {}) });
});
const naive = measure('baseline: rules in force re-derived for every call', seconds, (i) => {
  const c = mix[i % mix.length]!;
  evaluate(c.input, { rules: { ...rules }, today, ...(c.overlay ? { overlay: c.overlay } : {}) });
});
const parse = measure('baseline: contract validation only (zod)', seconds, (i) => {
  checkInput.parse(raw[i % raw.length].input);
});
console.log('');
console.log(`determinations/s: ${Math.round(main).toLocaleString('en-US')} (goal >= 20,000)`);
console.log(`ratio to the re-deriving baseline: ${(main / naive).toFixed(1)}x faster`);
console.log(
  `ratio to validation alone: a determination costs ${(parse / main).toFixed(2)}x a zod validation of its input`,
);
