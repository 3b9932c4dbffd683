/**
 * Building a RuleSet from the regulation files' contents: schema validation, the effective-dating checks
 * (no gaps, no overlaps, a citation and a known source on every version) and the content hash. Pure: the
 * caller reads the files.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../canonical-json.js';
import { HttError } from '../errors.js';
import { addDays, within } from './dates.js';
import { familyIds, familyParams, type FamilyId, type ParamsOf } from './families.js';
import { buildHolidayCalendar } from './prc-holidays.js';
import {
  cclFile,
  cclHistoryFile,
  countryChartFile,
  countryGroupsFile,
  holidaysFile,
  noticesFile,
  ruleFile,
  veuFile,
  type RuleFamily,
  type RuleSet,
  type RuleVersion,
  type SourceRef,
} from './schema.js';

/** The raw contents of the regulation files, as parsed from YAML/JSON. */
export interface RuleSources {
  notices: unknown;
  ruleFiles: { name: string; content: unknown }[];
  ccl: unknown;
  countryChart: unknown;
  countryGroups: unknown;
  veu: unknown;
  cclHistory: unknown;
  /** regulations/prc/holidays.yaml: the PRC public-holiday calendar (not part of the rule-set hash). */
  prcHolidays: unknown;
}

function parseOrCollect<S extends z.ZodTypeAny>(
  schema: S,
  content: unknown,
  where: string,
  problems: string[],
): z.infer<S> | undefined {
  const r = schema.safeParse(content);
  if (r.success) return r.data;
  for (const issue of r.error.issues)
    problems.push(`${where}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return undefined;
}

/** The effective-dating checks of one family: sorted, contiguous, covering all time. */
export function checkFamilyDates(family: RuleFamily): string[] {
  const problems: string[] = [];
  const v = family.versions;
  const label = (i: number) => `${family.id} version ${i + 1} (${v[i]?.from ?? '…'} to ${v[i]?.to ?? '…'})`;
  v.forEach((ver, i) => {
    if (ver.from !== null && ver.to !== null && ver.from > ver.to)
      problems.push(`${label(i)}: from is after to`);
  });
  if (v[0]?.from !== null)
    problems.push(
      `${family.id}: the first version must start at the beginning of time (from: null); a gap before ${v[0]?.from}`,
    );
  if (v[v.length - 1]?.to !== null)
    problems.push(
      `${family.id}: the last version must be open-ended (to: null); a gap after ${v[v.length - 1]?.to}`,
    );
  for (let i = 1; i < v.length; i++) {
    const prev = v[i - 1] as RuleVersion;
    const cur = v[i] as RuleVersion;
    if (prev.to === null || cur.from === null) {
      problems.push(`${label(i)}: overlaps ${label(i - 1)} (open interval in the middle)`);
      continue;
    }
    const expected = addDays(prev.to, 1);
    if (cur.from < expected) problems.push(`${label(i)}: overlaps ${label(i - 1)}`);
    else if (cur.from > expected)
      problems.push(`${label(i)}: gap from ${expected} to ${addDays(cur.from, -1)} after ${label(i - 1)}`);
  }
  return problems;
}

/**
 * An `unconfirmed` note that looks like a fragment of a sentence (a YAML flow list splits a sentence at its
 * commas): unbalanced parentheses or quotes, a leading conjunction, a trailing comma. Null when it looks whole.
 */
export function fragmentProblem(text: string): string | null {
  const t = text.trim();
  const count = (c: string) => t.split(c).length - 1;
  if (count('(') !== count(')')) return 'has unbalanced parentheses (a sentence split at a comma?)';
  if (count('"') % 2 !== 0) return 'has an unbalanced quote (a sentence split at a comma?)';
  if (/^(and|or|but|nor|after|which|then)\b/.test(t))
    return 'starts like the rest of a sentence (split at a comma?)';
  if (/[,;]$/.test(t)) return 'ends with a comma (a sentence split at a comma?)';
  return null;
}

function checkSource(source: SourceRef, known: Set<string>, where: string): string[] {
  return source.notices
    .filter((n) => !known.has(n))
    .map((n) => `${where}: unknown notice "${n}" (add it to notices.yaml)`);
}

/** Deterministic JSON (sorted keys), now shared with the audit chain; kept here for existing importers. */
export { canonicalJson };

/**
 * Claims a version makes about its own sources: `confirmed` needs a primary source (a Federal Register notice
 * or an eCFR issue), not secondary ones alone; a list with an official count that holds another number of
 * entries must say so among its unconfirmed notes (naming both numbers).
 */
export function evidenceProblems(v: {
  confidence: string;
  source: { notices: string[]; ecfr?: string | undefined; secondary: string[] };
  unconfirmed: string[];
  params?: unknown;
}): string[] {
  const problems: string[] = [];
  if (v.confidence === 'confirmed' && v.source.notices.length === 0 && v.source.ecfr === undefined)
    problems.push('is marked confirmed but rests only on secondary sources (mark it secondary)');
  const p = v.params as { officialCount?: unknown; entries?: unknown } | null | undefined;
  if (p && typeof p.officialCount === 'number' && Array.isArray(p.entries)) {
    const held = p.entries.length;
    const official = p.officialCount;
    if (
      held !== official &&
      !v.unconfirmed.some((u) => u.includes(String(held)) && u.includes(String(official)))
    )
      problems.push(
        `holds ${held} entries where the rule has ${official}, and no unconfirmed note names the discrepancy`,
      );
  }
  return problems;
}

export function buildRuleSet(sources: RuleSources): RuleSet {
  const problems: string[] = [];
  const notices = parseOrCollect(noticesFile, sources.notices, 'notices.yaml', problems);
  const knownNotices = new Set(notices?.notices.map((n) => n.id) ?? []);
  const families = new Map<string, RuleFamily>();
  for (const file of sources.ruleFiles) {
    const parsed = parseOrCollect(ruleFile, file.content, file.name, problems);
    for (const family of parsed?.families ?? []) {
      const where = `${file.name}: family ${family.id}`;
      if (families.has(family.id)) problems.push(`${where}: defined twice`);
      if (!(family.id in familyParams))
        problems.push(`${where}: unknown family (known: ${familyIds.join(', ')})`);
      problems.push(...checkFamilyDates(family).map((p) => `${file.name}: ${p}`));
      family.versions.forEach((version, i) => {
        const vWhere = `${where} version ${i + 1}`;
        problems.push(...checkSource(version.source, knownNotices, vWhere));
        const schema = familyParams[family.id as FamilyId];
        if (schema && version.status !== 'not_in_force') {
          const r = schema.safeParse(version.params);
          if (!r.success)
            for (const issue of r.error.issues)
              problems.push(`${vWhere}: params.${issue.path.join('.')}: ${issue.message}`);
        }
        for (const u of version.unconfirmed) {
          const why = fragmentProblem(u);
          if (why) problems.push(`${vWhere}: unconfirmed "${u}" ${why}`);
        }
        problems.push(...evidenceProblems(version).map((p) => `${vWhere} ${p}`));
        if (version.confidence === 'unconfirmed' && version.unconfirmed.length === 0) {
          problems.push(`${vWhere}: an unconfirmed version must say what is unconfirmed`);
        }
      });
      families.set(family.id, family);
    }
  }
  for (const id of familyIds) if (!families.has(id)) problems.push(`rule family ${id} is missing`);
  const ccl = parseOrCollect(cclFile, sources.ccl, '774-ccl.generated.json', problems);
  const countryChart = parseOrCollect(
    countryChartFile,
    sources.countryChart,
    '738-country-chart.generated.json',
    problems,
  );
  const countryGroups = parseOrCollect(
    countryGroupsFile,
    sources.countryGroups,
    '740-country-groups.generated.json',
    problems,
  );
  const veu = parseOrCollect(veuFile, sources.veu, '748-veu-entries.yaml', problems);
  for (const e of veu?.entries ?? [])
    for (const u of e.unconfirmed) {
      const why = fragmentProblem(u);
      if (why) problems.push(`748-veu-entries.yaml: ${e.validatedEndUser}: unconfirmed "${u}" ${why}`);
    }
  const history = parseOrCollect(cclHistoryFile, sources.cclHistory, '774-ccl-history.yaml', problems);
  history?.created.forEach((h) =>
    problems.push(...checkSource(h.source, knownNotices, `774-ccl-history.yaml ${h.eccn}`)),
  );
  veu?.entries.forEach((e, i) => {
    const where = `748-veu-entries.yaml entry ${i + 1} (${e.validatedEndUser})`;
    if (e.effective.from && e.effective.to && e.effective.from > e.effective.to)
      problems.push(`${where}: from is after to`);
    problems.push(...checkSource(e.source, knownNotices, where));
    problems.push(...evidenceProblems(e).map((p) => `${where} ${p}`));
  });
  const holidays = parseOrCollect(holidaysFile, sources.prcHolidays, 'prc/holidays.yaml', problems);
  if (
    problems.length > 0 ||
    !notices ||
    !ccl ||
    !countryChart ||
    !countryGroups ||
    !veu ||
    !history ||
    !holidays
  ) {
    throw new HttError({
      code: 'RULES.INVALID',
      message: `the regulation data failed ${problems.length} load check(s):\n  ${problems.join('\n  ')}`,
      details: problems,
    });
  }
  const hash = createHash('sha256')
    .update(
      canonicalJson({
        n: sources.notices,
        r: sources.ruleFiles.map((f) => f.content),
        c: sources.ccl,
        cc: sources.countryChart,
        g: sources.countryGroups,
        v: sources.veu,
        h: sources.cclHistory,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  const { entries, ...cclMeta } = ccl;
  return {
    hash,
    notices: new Map(notices.notices.map((n) => [n.id, n])),
    families,
    ccl: new Map(entries.map((e) => [e.eccn, e])),
    cclMeta,
    countryChart,
    countryGroups,
    veuEntries: veu.entries,
    eccnCreated: new Map(history.created.map((h) => [h.eccn, h])),
    prcHolidays: buildHolidayCalendar(holidays),
  };
}

/** The version of a family in force on a date (every family covers all time, so there is exactly one). */
export function versionAt(rules: RuleSet, id: FamilyId, asOf: string): RuleVersion {
  const family = rules.families.get(id);
  const version = family?.versions.find((v) => within(asOf, v.from, v.to));
  if (!version)
    throw new Error(`rule family ${id} has no version on ${asOf} (the load checks should have caught this)`);
  return version;
}

export function paramsOf<F extends FamilyId>(version: RuleVersion, _id: F): ParamsOf<F> {
  return version.params as ParamsOf<F>;
}

/** Every family's version in force on a date: what `htt rules --as-of` shows. */
export interface RuleVersionInForce {
  id: string;
  title: string;
  version: RuleVersion;
}

export function rulesInForce(rules: RuleSet, asOf: string): RuleVersionInForce[] {
  return [...rules.families.values()].map((f) => ({
    id: f.id,
    title: f.title,
    version: versionAt(rules, f.id as FamilyId, asOf),
  }));
}
