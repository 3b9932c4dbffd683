/**
 * What the rules say about a destination on a date: the Country Chart row and Country Groups that govern it,
 * and every rule family's version in force. Computed once per (rule set, date, destination) and cached.
 */
import { versionAt } from '../rules/rule-set.js';
import type { FamilyId, ParamsOf } from '../rules/families.js';
import { familyIds } from '../rules/families.js';
import type { DestinationRule, RuleSet, RuleVersion } from '../rules/schema.js';

export type Tri = 'yes' | 'no' | 'unknown';

export interface Environment {
  asOf: string;
  /** The destination as given ("CN", "HK", "MO"). */
  destination: string;
  /** The Country Chart row and Country Group row that govern it, or null when our data has none (Hong Kong before 2020-12-23). */
  row: 'CN' | 'MO' | null;
  hongKong: boolean;
  destinationName: string;
  versions: Record<FamilyId, RuleVersion>;
  /** Is the destination marked in a Country Chart column, and is that mark confirmed for this date? */
  chart(column: string): { marked: Tri; unconfirmed: boolean };
  inGroup(group: string): Tri;
  /** Does a CCL destination rule reach this destination? */
  reaches(rule: DestinationRule): Tri;
}

const NAMES: Record<string, string> = { CN: 'China', MO: 'Macau', HK: 'Hong Kong' };

const cache = new WeakMap<RuleSet, Map<string, Environment>>();

export function environmentFor(rules: RuleSet, asOf: string, destination: string): Environment {
  let byKey = cache.get(rules);
  if (!byKey) cache.set(rules, (byKey = new Map()));
  const key = `${asOf}|${destination}`;
  let env = byKey.get(key);
  if (!env) {
    env = buildEnvironment(rules, asOf, destination);
    if (byKey.size > 5000) byKey.clear();
    byKey.set(key, env);
  }
  return env;
}

function buildEnvironment(rules: RuleSet, asOf: string, destination: string): Environment {
  const versions = Object.fromEntries(familyIds.map((id) => [id, versionAt(rules, id, asOf)])) as Record<
    FamilyId,
    RuleVersion
  >;
  const hongKong = destination === 'HK';
  const row: 'CN' | 'MO' | null = hongKong
    ? (versions['destination.HK'].params as { treatAs: string }).treatAs === 'CN'
      ? 'CN'
      : null
    : destination === 'MO'
      ? 'MO'
      : 'CN';
  const chartVersion = row ? versions[`country-chart.${row}`] : null;
  const chartParams = chartVersion?.params as
    { row: string; remove: string[]; confirmedColumns: string[] } | undefined;
  const marks = new Set(
    chartParams
      ? (rules.countryChart.countries[chartParams.row]?.marks ?? []).filter(
          (m) => !chartParams.remove.includes(m),
        )
      : [],
  );
  const groups = new Set(
    row
      ? Object.entries(rules.countryGroups.groups)
          .filter(([, members]) => members.includes(row))
          .map(([g]) => g)
      : [],
  );
  // Hong Kong before 85 FR 83765: its own row is not in our data, except what destination.HK says is known
  const hk = versions['destination.HK'].params as ParamsOf<'destination.HK'>;
  const chart = (column: string) => {
    if (!row && hongKong && hk.unmarkedColumns.includes(column))
      return { marked: 'no' as Tri, unconfirmed: true };
    if (!row || !chartVersion || !chartParams) return { marked: 'unknown' as Tri, unconfirmed: true };
    const unconfirmed =
      chartVersion.confidence === 'unconfirmed' && !chartParams.confirmedColumns.includes(column);
    return { marked: (marks.has(column) ? 'yes' : 'no') as Tri, unconfirmed };
  };
  const inGroup = (group: string): Tri =>
    row
      ? groups.has(group)
        ? 'yes'
        : 'no'
      : hongKong && hk.inGroups.includes(group)
        ? 'yes'
        : hongKong && hk.notInGroups.includes(group)
          ? 'no'
          : 'unknown';
  const reaches = (rule: DestinationRule): Tri => {
    if (!row) {
      if (!hongKong) return 'unknown';
      switch (rule.type) {
        case 'column':
          return chart(rule.column).marked;
        case 'worldwide':
          return rule.exceptCountries.includes(destination) ? 'no' : 'yes';
        case 'groups': {
          const except = rule.exceptGroups.map(inGroup);
          if (except.includes('yes')) return 'no';
          const within = rule.countries.includes(destination) ? ['yes' as Tri] : rule.groups.map(inGroup);
          if (except.includes('unknown')) return within.every((t) => t === 'no') ? 'no' : 'unknown';
          return within.includes('yes') ? 'yes' : within.includes('unknown') ? 'unknown' : 'no';
        }
        case 'unparsed':
          return 'unknown';
      }
    }
    switch (rule.type) {
      case 'column':
        return chart(rule.column).marked;
      case 'worldwide':
        return rule.exceptCountries.includes(row) ? 'no' : 'yes';
      case 'groups': {
        if (rule.exceptGroups.some((g) => groups.has(g))) return 'no';
        return rule.countries.includes(row) || rule.groups.some((g) => groups.has(g)) ? 'yes' : 'no';
      }
      case 'unparsed':
        return 'unknown';
    }
  };
  return {
    asOf,
    destination,
    row,
    hongKong,
    destinationName: NAMES[destination] ?? destination,
    versions,
    chart,
    inGroup,
    reaches,
  };
}

/**
 * The same environment, noting every question it could not answer (Hong Kong before 85 FR 83765, whose own
 * Country Chart row and Country Groups are not in our data): the answer stands only if none was asked.
 */
export function withGapLog(env: Environment, gaps: Set<string>): Environment {
  if (env.row) return env;
  return {
    ...env,
    chart(column) {
      const r = env.chart(column);
      if (r.marked === 'unknown') gaps.add(`Country Chart column ${column}`);
      return r;
    },
    inGroup(group) {
      const r = env.inGroup(group);
      if (r === 'unknown') gaps.add(`Country Group ${group}`);
      return r;
    },
    reaches(rule) {
      const r = env.reaches(rule);
      if (r === 'unknown')
        gaps.add(rule.type === 'column' ? `Country Chart column ${rule.column}` : 'a CCL destination rule');
      return r;
    },
  };
}
