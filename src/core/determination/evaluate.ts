/**
 * The one evaluator: (transaction, rule set, lists, asOf) -> determination. Every CLI, API and UI answer
 * comes from here. Pure: the caller supplies the date ("today") and the screener.
 *
 * Unknown inputs never default to "no license required": the facts are decided under the restrictive and
 * the permissive reading of every unknown; when the two disagree the answer is INDETERMINATE and names the
 * inputs that decide it.
 */
import type { CheckInput, CheckResult, MissingInput, Overlay, Reason } from '../../contracts/check.js';
import type { RuleSet, VeuEntry } from '../rules/schema.js';
import { withMessages } from '../messages/check-messages.js';
import type { Screener } from '../screening/types.js';
import { decide, type Decision } from './decide.js';
import { environmentFor, withGapLog } from './environment.js';
import { gatherFacts, type Facts, type Requirement } from './facts.js';

export interface EvaluationContext {
  rules: RuleSet;
  /** The date used when the input has no asOf (the edge reads the clock, not the core). */
  today: string;
  screener?: Screener;
  overlay?: Overlay;
  /** VEU entries granted in this system's case records (End-User Review Committee approvals), added to the register. */
  veuEntries?: VeuEntry[];
}

const outcomeKey = (d: Decision): string =>
  JSON.stringify([
    d.licenseRequired,
    d.authorization,
    d.licenseException,
    d.documents.map((x) => x.type).sort(),
  ]);

export function evaluate(input: CheckInput, ctx: EvaluationContext): CheckResult {
  const asOf = input.asOf ?? ctx.today;
  const gaps = new Set<string>();
  const env = withGapLog(environmentFor(ctx.rules, asOf, input.destination), gaps);
  const facts = gatherFacts(input, asOf, env, ctx);
  const ids = [...facts.unknowns.keys()];
  const permissive = decide(facts, () => false);
  let restrictive = permissive;
  let decisive: string[] = [];
  if (ids.length) {
    restrictive = decide(facts, () => true);
    if (outcomeKey(restrictive) !== outcomeKey(permissive)) {
      const base = outcomeKey(permissive);
      decisive = ids.filter((id) => outcomeKey(decide(facts, (u) => u === id)) !== base);
      if (!decisive.length) decisive = ids;
    }
  }
  if (!env.row) {
    if (gaps.size)
      facts.hardMissing.push({
        id: 'destination',
        input: 'destination',
        why: `${env.destinationName} was a separate destination on ${asOf}, and its own Country Chart row before 2020-12-23 is not in our data (the answer depends on ${[...gaps].join(', ')})`,
      });
    else
      facts.notes.push(
        `${env.destinationName} was a separate destination on ${asOf}; its own Country Chart row is not in our data, but no requirement here depends on it.`,
      );
  }
  const missing: MissingInput[] = [
    ...facts.hardMissing.map((u) => ({ input: u.input, why: u.why })),
    ...dedupe(
      decisive
        .map((id) => facts.unknowns.get(id))
        .filter((u) => u !== undefined)
        .map((u) => ({ input: u.input, why: u.why })),
    ),
  ];
  const indeterminate = missing.length > 0;
  const chosen = permissive;
  const agree = restrictive.licenseRequired === permissive.licenseRequired;

  const reasons = toReasons(facts, chosen.active, restrictive.active, indeterminate);
  const documents = indeterminate
    ? chosen.documents.filter((d) => restrictive.documents.some((r) => r.type === d.type))
    : chosen.documents;
  const unconfirmed = new Map(facts.unconfirmed);
  for (const r of (indeterminate ? restrictive : chosen).active)
    for (const u of r.unconfirmed) if (!unconfirmed.has(u)) unconfirmed.set(u, r.citation);
  for (const [u, c] of chosen.unconfirmed) unconfirmed.set(u, c);
  const notes = [...facts.notes, ...chosen.notes];
  if (!indeterminate && ids.length) {
    const conditional = restrictive.active.filter((r) => r.cond !== null && !chosen.active.includes(r));
    for (const r of conditional) {
      notes.push(
        `Not applied, because it does not change the outcome: ${r.code} would apply if ${facts.unknowns.get(r.cond as string)?.input} were true.`,
      );
    }
  }
  if (indeterminate && facts.hardMissing.length === 0) {
    notes.push(
      `The answer depends on ${missing.map((m) => m.input).join(', ')}: with the restrictive reading it is ${describe(restrictive)}; with the permissive reading it is ${describe(permissive)}.`,
    );
  }
  return withMessages({
    asOf,
    ruleSet: `ear-${asOf}@${ctx.rules.hash}`,
    lists: ctx.screener?.snapshot ?? "none (no list snapshot loaded; parties' stated lists only)",
    overlayUsed: facts.overlayUsed,
    licenseRequired: facts.hardMissing.length ? null : agree ? chosen.licenseRequired : null,
    authorization: indeterminate ? 'INDETERMINATE' : chosen.authorization,
    licenseException: indeterminate ? null : chosen.licenseException,
    reviewPolicy: indeterminate ? null : chosen.reviewPolicy,
    reasons,
    documents,
    screening: facts.screening.map((s) => ({
      party: s.party,
      applied: s.applied,
      ...(s.note ? { note: s.note } : {}),
      hits: s.hits.map((h) => ({
        id: h.id,
        list: h.list,
        source: h.source,
        name: h.name,
        matchedName: h.matchedName,
        score: h.score,
        explanation: h.explanation,
        ...(h.nameSource ? { nameSource: h.nameSource } : {}),
      })),
    })),
    missing,
    unconfirmed: [...unconfirmed].map(([datum, citation]) => ({ datum, citation })),
    notes,
  });
}

function describe(d: Decision): string {
  return d.authorization === 'LICENSE_EXCEPTION'
    ? `License Exception ${d.licenseException}`
    : d.authorization;
}

function dedupe(list: MissingInput[]): MissingInput[] {
  const seen = new Set<string>();
  return list.filter((m) => (seen.has(m.input) ? false : (seen.add(m.input), true)));
}

function toReasons(
  facts: Facts,
  certain: Requirement[],
  restrictive: Requirement[],
  indeterminate: boolean,
): Reason[] {
  const list = indeterminate ? restrictive : certain;
  return list
    .filter((r) => r.covers.length > 0 || r.code === 'UVL')
    .map((r) => ({
      code: r.code,
      item: r.item,
      party: r.party,
      citation: r.citation,
      explanation:
        r.cond !== null && !certain.includes(r)
          ? `If ${facts.unknowns.get(r.cond)?.input} is true: ${r.explanation}`
          : r.explanation,
      ...(r.unconfirmed.length ? { unconfirmed: true } : {}),
    }));
}
