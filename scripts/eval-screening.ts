/**
 * `npm run eval:screening`: recall per category, overall recall, recall on Chinese-script queries and the
 * false-positive rate on test/eval/screening-dev.tsv; precision, recall and F1 on the nomenklatura pairs.
 * Options: --threshold X (default: the documented DEFAULT_THRESHOLD), --sweep (a table over thresholds),
 * --misses (list the misses and false positives), --pair-errors (list misclassified nomenklatura pairs).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { loadSnapshot } from '../src/adapters/lists/snapshot-store.js';
import { DEFAULT_THRESHOLD } from '../src/core/screening/screener.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const threshold = Number(arg('--threshold') ?? DEFAULT_THRESHOLD);
const showMisses = args.includes('--misses');

const t0 = performance.now();
const { screener } = loadSnapshot();
console.log(
  `lists ${screener.snapshot}: ${screener.entityCount} entities, ${screener.nameCount} names, loaded and indexed in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
);

interface Row {
  query: string;
  expect: 'match' | 'no-match';
  target?: RegExp;
  category: string;
}
const rows: Row[] = readFileSync(new URL('../test/eval/screening-dev.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [query, expect, target, category] = l.split('\t');
    return {
      query: query!,
      expect: expect as Row['expect'],
      ...(target ? { target: new RegExp(target, 'i') } : {}),
      category: category!,
    };
  });

const HAN = /\p{Script=Han}/u;
const lowest = Math.min(0.5, threshold);
// score of the best correct hit (match rows) or of the best hit at all (no-match rows)
const results = rows.map((r) => {
  const hits = screener.screen({ name: r.query }, { threshold: lowest, limit: 50 });
  if (r.expect === 'match') {
    // a hit is correct when the target matches the hit's listed name or one of its aliases
    const good = hits.find((h) => aliasesMatch(h.id, r.target!));
    return { row: r, score: good?.score ?? 0, top: hits[0] };
  }
  return { row: r, score: hits[0]?.score ?? 0, top: hits[0] };
});

function aliasesMatch(id: string, re: RegExp): boolean {
  const e = screener.entity(id);
  return !!e && [e.name, ...e.aliases].some((n) => re.test(n));
}

function summarise(th: number) {
  const pos = results.filter((x) => x.row.expect === 'match');
  const neg = results.filter((x) => x.row.expect === 'no-match');
  const recall = pos.filter((x) => x.score >= th).length / pos.length;
  const zh = pos.filter((x) => HAN.test(x.row.query));
  const zhRecall = zh.filter((x) => x.score >= th).length / zh.length;
  const fpr = neg.filter((x) => x.score >= th).length / neg.length;
  return { recall, zhRecall, fpr, pos, neg, zh };
}

const pct = (x: number) => x.toFixed(3);
const s = summarise(threshold);
console.log(`\nDev set (test/eval/screening-dev.tsv), threshold ${threshold}`);
const categories = [...new Set(rows.map((r) => r.category))];
for (const c of categories) {
  const rs = results.filter((x) => x.row.category === c);
  if (rs[0]!.row.expect === 'match') {
    const ok = rs.filter((x) => x.score >= threshold).length;
    console.log(`  recall ${c.padEnd(14)} ${pct(ok / rs.length)}  (${ok}/${rs.length})`);
  } else {
    const fp = rs.filter((x) => x.score >= threshold).length;
    console.log(`  false positives ${c.padEnd(14)} ${fp}/${rs.length}`);
  }
}
const goal = (ok: boolean) => (ok ? 'meets goal' : 'BELOW GOAL');
console.log(`  overall recall        ${pct(s.recall)}  (goal >= 0.95: ${goal(s.recall >= 0.95)})`);
console.log(
  `  Chinese-script recall ${pct(s.zhRecall)}  (${s.zh.filter((x) => x.score >= threshold).length}/${s.zh.length}; goal >= 0.90: ${goal(s.zhRecall >= 0.9)})`,
);
console.log(
  `  false-positive rate   ${pct(s.fpr)}  (${s.neg.filter((x) => x.score >= threshold).length}/${s.neg.length}; goal <= 0.03: ${goal(s.fpr <= 0.03)})`,
);

if (showMisses) {
  for (const x of results) {
    if (x.row.expect === 'match' && x.score < threshold)
      console.log(
        `  MISS [${x.row.category}] ${x.row.query} (best correct ${x.score}; top: ${x.top ? `${x.top.matchedName} ${x.top.score}` : 'none'})`,
      );
    if (x.row.expect === 'no-match' && x.score >= threshold)
      console.log(
        `  FALSE POSITIVE [${x.row.category}] ${x.row.query} -> ${x.top!.matchedName} ${x.top!.score}`,
      );
  }
}

// ---- nomenklatura pairs: the same normalisation and scoring applied to each pair
const pairs = parse(readFileSync(new URL('../test/eval/nomenklatura-cases.csv', import.meta.url), 'utf8'), {
  columns: true,
}) as Record<string, string>[];
const scored = pairs.map((p) => ({
  name1: p.name1!,
  name2: p.name2!,
  category: p.category ?? '',
  match: p.is_match === 'true',
  // persons are compared as screen() compares Individual entries, everything else as organisations
  score: screener.compare(p.name1!, p.name2!, p.schema === 'Person' ? 'person' : 'organization').score,
  schema: p.schema!,
}));
function prf(th: number, subset = scored) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const x of subset) {
    const predicted = x.score >= th;
    if (predicted && x.match) tp++;
    else if (predicted) fp++;
    else if (x.match) fn++;
  }
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p, r, f1: (2 * p * r) / (p + r || 1) };
}
const pr = prf(threshold);
console.log(`\nnomenklatura pairs (${scored.length}), threshold ${threshold}`);
console.log(
  `  precision ${pct(pr.p)}  recall ${pct(pr.r)}  F1 ${pct(pr.f1)}  (goal F1 >= 0.90: ${goal(pr.f1 >= 0.9)}; reference logic-v2 at 0.7: F1 0.790)`,
);
for (const schema of ['Person', 'Company', 'Organization']) {
  const sub = scored.filter((x) => x.schema === schema);
  const q = prf(threshold, sub);
  console.log(
    `  ${schema.padEnd(12)} n=${String(sub.length).padEnd(4)} precision ${pct(q.p)}  recall ${pct(q.r)}  F1 ${pct(q.f1)}`,
  );
}

// ---- synthetic persons who should hit nothing (yente negatives): the share that gets a hit
for (const file of ['yente-negatives-global.csv', 'yente-negatives-us.csv']) {
  const people = parse(readFileSync(new URL(`../test/eval/${file}`, import.meta.url), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const flagged = people
    .map((p) => ({ name: p.full_name!, hit: screener.screen({ name: p.full_name! }, { threshold })[0] }))
    .filter((x) => x.hit);
  console.log(
    `\n${file}: ${flagged.length} of ${people.length} synthetic persons get a hit (${pct(flagged.length / people.length)})`,
  );
  if (showMisses)
    for (const x of flagged.slice(0, 20)) console.log(`  HIT ${x.name} -> ${x.hit!.matchedName}`);
}

if (args.includes('--pair-errors')) {
  console.log(
    '\nmisclassified pairs at the threshold (FN: a match scored below; FP: a non-match scored at or above)',
  );
  for (const x of scored) {
    if (x.match === x.score >= threshold) continue;
    console.log(
      `  ${x.match ? 'FN' : 'FP'} ${x.schema} ${x.score.toFixed(3)} ${x.name1} | ${x.name2}${x.category ? ` [${x.category}]` : ''}`,
    );
  }
}

if (args.includes('--sweep')) {
  console.log('\nthreshold  dev-recall  zh-recall  dev-FP-rate  pairs-F1');
  for (const th of [0.6, 0.65, 0.7, 0.75, 0.78, 0.8, 0.82, 0.85, 0.9]) {
    const d = summarise(th);
    console.log(
      `  ${th.toFixed(2)}      ${pct(d.recall)}       ${pct(d.zhRecall)}      ${pct(d.fpr)}        ${pct(prf(th).f1)}`,
    );
  }
}
