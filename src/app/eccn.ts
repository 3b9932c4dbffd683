/**
 * What the CCL says about an ECCN and what China's (and Macau's) Country Chart columns make of it on a date.
 */
import { environmentFor } from '../core/determination/environment.js';
import { splitEccn } from '../core/determination/paragraphs.js';
import { HttError } from '../core/errors.js';
import type { ParamsOf } from '../core/rules/families.js';
import type { CclControl, RuleSet } from '../core/rules/schema.js';

export interface EccnRow {
  reason: string;
  control: string;
  countryChart: string;
  scope: CclControl['scope'];
  china: 'license required' | 'no license' | 'unknown';
  macau: 'license required' | 'no license' | 'unknown';
  unconfirmed: boolean;
}

export interface EccnReport {
  eccn: string;
  asOf: string;
  heading: string;
  reasons: string[];
  rows: EccnRow[];
  licenseExceptions: Record<string, string>;
  supplement2: 'yes' | 'yes (unconfirmed)' | 'no';
  createdOn: string | null;
  source: string;
  unconfirmed: string[];
}

const verdict = (t: 'yes' | 'no' | 'unknown') =>
  t === 'yes' ? 'license required' : t === 'no' ? 'no license' : 'unknown';

export function describeEccn(rules: RuleSet, eccn: string, asOf: string): EccnReport {
  const normalised = eccn.replace(/\s+/g, '').toUpperCase();
  const { base } = splitEccn(normalised);
  const entry = rules.ccl.get(base);
  if (!entry) {
    throw new HttError({
      code: 'CHECK.UNKNOWN_ECCN',
      message: `${eccn} is not an ECCN on the Commerce Control List (eCFR issue ${rules.cclMeta.source.issue})`,
      field: 'eccn',
    });
  }
  const cn = environmentFor(rules, asOf, 'CN');
  const mo = environmentFor(rules, asOf, 'MO');
  const unconfirmed = new Set<string>();
  const rows = entry.controls.map((c) => {
    const chartUnconfirmed =
      c.destination.type === 'column' &&
      (cn.chart(c.destination.column).unconfirmed || mo.chart(c.destination.column).unconfirmed);
    if (chartUnconfirmed) for (const u of cn.versions['country-chart.CN'].unconfirmed) unconfirmed.add(u);
    return {
      reason: c.reason,
      control: c.text.control,
      countryChart: c.text.countryChart,
      scope: c.scope,
      china: verdict(cn.reaches(c.destination)),
      macau: verdict(mo.reaches(c.destination)),
      unconfirmed: chartUnconfirmed,
    } satisfies EccnRow;
  });
  const supp = cn.versions['744-supp2'];
  const member =
    supp.status === 'in_force'
      ? (supp.params as ParamsOf<'744-supp2'>).entries.find((e) => e.eccn === base)
      : undefined;
  const created = rules.eccnCreated.get(base);
  if (rules.cclMeta.source.issue > asOf)
    unconfirmed.add(
      `the entry text is from the eCFR issue of ${rules.cclMeta.source.issue}; its text on ${asOf} is not in our sources`,
    );
  if (created && asOf < created.from)
    unconfirmed.add(`${base} did not exist on ${asOf} (created ${created.from}, ${created.citation})`);
  return {
    eccn: base,
    asOf,
    heading: entry.heading,
    reasons: entry.reasons,
    rows,
    licenseExceptions: entry.licenseExceptions,
    supplement2: member ? (member.confidence === 'unconfirmed' ? 'yes (unconfirmed)' : 'yes') : 'no',
    createdOn: created?.from ?? null,
    source: `${rules.cclMeta.citation}, eCFR issue ${rules.cclMeta.source.issue} (${rules.cclMeta.source.via})`,
    unconfirmed: [...unconfirmed],
  };
}
