/**
 * Deciding one branch: given the facts and an assumption about every unknown (true = the restrictive
 * reading), which requirements apply, which authorization meets them, what review policy BIS applies and
 * which documents the exporter needs.
 */
import type { Authorization, RequiredDocument } from '../../contracts/check.js';
import type { ParamsOf } from '../rules/families.js';
import type { Facts, Requirement } from './facts.js';
import { splitEccn } from './paragraphs.js';

export interface Decision {
  licenseRequired: boolean;
  authorization: Exclude<Authorization, 'INDETERMINATE'>;
  licenseException: string | null;
  reviewPolicy: string | null;
  active: Requirement[];
  documents: RequiredDocument[];
  notes: string[];
  unconfirmed: [string, string][];
}

export type Assumption = (unknownId: string) => boolean;

const holds = (cond: string | null | 'yes' | 'no', assume: Assumption): boolean =>
  cond === null || cond === 'yes' ? true : cond === 'no' ? false : assume(cond);

/** "$1,234.5" without Intl (toLocaleString is slow on the hot path). */
export const money = (n: number): string => {
  if (!Number.isFinite(n)) return 'an unknown amount';
  const [whole, cents] = (Math.round(n * 100) / 100).toString().split('.');
  return `$${(whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents.padEnd(2, '0')}` : ''}`;
};

const POLICY_RANK = (p: string): number =>
  /prohibit|policy of denial|blocking/i.test(p) ? 0 : /presumption of denial/i.test(p) ? 1 : 2;

export function decide(f: Facts, assume: Assumption): Decision {
  const { env } = f;
  const notes: string[] = [];
  const unconfirmed: [string, string][] = [];
  const veuEntry = f.veu?.entry;
  const veuExcludes744_23 = (): boolean =>
    !!veuEntry &&
    (veuEntry.excludedFrom744_23 === true || (veuEntry.excludedFrom744_23 === null && !assume('veu.744.23')));
  const active = f.requirements.filter(
    (r) => holds(r.cond, assume) && (r.also ?? []).every((c) => holds(c, assume)),
  );
  const licensed = new Set(active.flatMap((r) => r.covers));
  const licenseRequired = licensed.size > 0;
  const restrictions = active.filter((r) => r.noExceptions && (r.covers.length > 0 || r.code === 'UVL'));

  let authorization: Decision['authorization'] = licenseRequired ? 'LICENSE' : 'NLR';
  let licenseException: string | null = null;
  const documents: RequiredDocument[] = [];

  if (licenseRequired && f.veu) {
    const veu = veuAvailable(f, assume, active, licensed, veuExcludes744_23);
    if (veu.ok) authorization = 'VEU';
    else notes.push(`Authorization VEU is not available: ${veu.why}.`);
  }
  if (authorization === 'LICENSE') {
    const exception = licenseExceptions(f, assume, active, licensed, restrictions, notes, unconfirmed);
    if (exception) {
      authorization = 'LICENSE_EXCEPTION';
      licenseException = exception.symbol;
      documents.push(...exception.documents);
    }
  }

  // review policy: the policies BIS applies to the requirements found, most restrictive first
  let reviewPolicy: string | null = null;
  if (authorization === 'LICENSE') {
    const policies = new Set<string>();
    for (const r of active) if (r.covers.length && r.reviewPolicy) policies.add(r.reviewPolicy);
    if (active.some((r) => r.kind === 'ccl' && r.family === 'NS')) {
      policies.add((env.versions['review-policy.NS'].params as ParamsOf<'review-policy.NS'>).policy);
    }
    reviewPolicy = [...policies].sort((a, b) => POLICY_RANK(a) - POLICY_RANK(b)).join('; ') || null;
  }

  documents.push(...supportDocuments(f, assume, authorization, active, licensed, unconfirmed));
  documents.push(...eei(f, assume, authorization, active));
  return {
    licenseRequired,
    authorization,
    licenseException,
    reviewPolicy,
    active,
    documents,
    notes,
    unconfirmed,
  };
}

function veuAvailable(
  facts: Facts,
  a: Assumption,
  act: Requirement[],
  lic: Set<number>,
  excludes744_23: () => boolean,
): { ok: boolean; why: string } {
  const { env, input } = facts;
  const bar = facts.veu?.bars.find((b) => (b.item === undefined || lic.has(b.item)) && holds(b.cond, a));
  if (bar) return { ok: false, why: bar.why };
  const excluded = (env.versions.veu.params as ParamsOf<'veu'>).excludedReasons;
  for (const i of lic) {
    const hit = facts.itemReasons[i]?.find((r) => excluded.includes(r.family) && holds(r.cond, a));
    if (hit)
      return {
        ok: false,
        why: `${input.items[i]?.eccn} is controlled for ${hit.family}, and items controlled for ${excluded.join(' or ')} are not eligible (§748.15(c)(1))`,
      };
  }
  const blocking = act.find(
    (r) => (r.kind === 'list' || r.part744) && r.covers.length && !(r.code === '744.23' && excludes744_23()),
  );
  if (blocking)
    return {
      ok: false,
      why: `${blocking.code} applies, and items under VEU may not be used for any Part 744 activity or go to listed parties (§748.15(d)(1))`,
    };
  return { ok: true, why: '' };
}

function licenseExceptions(
  facts: Facts,
  a: Assumption,
  act: Requirement[],
  lic: Set<number>,
  restr: Requirement[],
  out: string[],
  unc: [string, string][],
): { symbol: string; documents: RequiredDocument[] } | null {
  const { env, input } = facts;
  const v = env.versions;
  // GOV (§740.11(b)(2)): the consignee facts are inputs; never assumed
  const govVersion = v['exception.GOV'];
  const gp = govVersion.params as ParamsOf<'exception.GOV'>;
  const govFacts = facts.government;
  let gov: { ok: boolean; why: string } = { ok: false, why: '' };
  if (govVersion.status === 'in_force' && govFacts) {
    if (govFacts.kind === 'us')
      gov = gp.usGovernment
        ? { ok: true, why: '' }
        : { ok: false, why: 'GOV for U.S. Government use is not in our data for this date' };
    else {
      const cooperating =
        govFacts.of !== null &&
        (gp.cooperatingCountries.includes(govFacts.of) ||
          gp.cooperatingGroups.some((g) => govFacts.groups.includes(g)));
      const destOk = gp.cooperatingDestinationGroups.some((g) => env.inGroup(g) === 'yes');
      gov = !cooperating
        ? {
            ok: false,
            why: `the government of ${govFacts.of ?? '(not given)'} is not a cooperating government`,
          }
        : !destOk
          ? {
              ok: false,
              why: `agencies of cooperating governments may receive items under GOV only in a cooperating-government or Country Group ${gp.cooperatingDestinationGroups.join('/')} destination, and ${env.destinationName} is neither`,
            }
          : { ok: true, why: '' };
    }
    if (!gov.ok) out.push(`License Exception GOV (§740.11) is not available: ${gov.why}.`);
  }
  const useGov = (): { symbol: string; documents: RequiredDocument[] } => {
    for (const u of govVersion.unconfirmed) unc.push([u, govVersion.citation]);
    out.push(
      `License Exception GOV (${govFacts?.kind === 'us' ? '§740.11(b)(2)(i): official use of U.S. Government agencies or personnel' : '§740.11(b)(2)(ii): official use of an agency of a cooperating government'}) authorizes this export.`,
    );
    return { symbol: 'GOV', documents: [] };
  };
  if (restr.length) {
    const blocking = restr.filter((r) => !gp.overrides.includes(r.code));
    if (gov.ok && !blocking.length) return useGov();
    out.push(
      `No license exception may be used: ${[...new Set(restr.map((r) => r.code))].join(', ')} (§740.2; only GOV where the rule allows it, for U.S. Government or cooperating-government uses).`,
    );
    return null;
  }
  const bGroup = ['exception.LVS', 'exception.GBS', 'exception.TSR'] as const;
  if (env.inGroup('B') === 'no') {
    out.push(
      `License Exceptions ${bGroup.map((id) => id.slice(10)).join(', ')} need a destination in Country Group B; ${env.destinationName} is not in Country Group B (15 CFR 740.3, 740.4, 740.6).`,
    );
  }
  const ccl = act.filter((r) => r.covers.length);
  // CIV: NS-only items marked "CIV: Yes", civil end users and uses, Country Group D:1 (not in force from 2020-06-29)
  const civ = v['exception.CIV'];
  if (
    civ.status === 'in_force' &&
    ccl.every((r) => r.kind === 'ccl' && r.family === 'NS') &&
    env.inGroup('D:1') === 'yes'
  ) {
    const civil = input.endUse.military === false && input.endUse.militaryEndUser !== true;
    if (civil) {
      out.push(
        `License Exception CIV (§740.5) may be available for civil end users and civil end uses if the ECCN's License Exceptions paragraph read "CIV: Yes" on ${facts.asOf}; that flag is not in our data, so a license is shown.`,
      );
      for (const u of civ.unconfirmed) unc.push([u, civ.citation]);
    }
  }
  // ENC (§740.17): by the exporter's classification of each item (items[].encClassification)
  if (ccl.some((r) => r.family === 'EI')) {
    const enc = v['exception.ENC'];
    const ep = enc.params as ParamsOf<'exception.ENC'>;
    for (const u of enc.unconfirmed) unc.push([u, enc.citation]);
    const onlyEncReasons = ccl.every((r) => r.kind === 'ccl' && ep.reasons.includes(r.family ?? ''));
    const classes = [...lic].map((i) => input.items[i]?.encClassification);
    if (enc.status !== 'in_force') {
      out.push(`License Exception ENC (§740.17) was not available on ${facts.asOf} (${enc.citation}).`);
    } else if (classes.some((c) => c === undefined)) {
      out.push(
        `License Exception ENC (§740.17) may authorize EI-controlled items depending on their §740.17 classification (give items[].encClassification); a license is shown.`,
      );
    } else if (!onlyEncReasons) {
      out.push(
        `License Exception ENC (§740.17) covers only the encryption (${ep.reasons.join(', ')}) requirement; other requirements here need a license.`,
      );
    } else {
      const ineligible = classes.filter((c) => c === 'none' || !ep.eligible.includes(c as 'b1'));
      const govLimited = classes.filter((c) => ep.notToGovernmentEndUsers.includes(c as 'b1'));
      const govEndUser = holds(facts.governmentEndUser, a);
      if (ineligible.length)
        out.push(`License Exception ENC (§740.17) is not available: an item is classified as not eligible.`);
      else if (govLimited.length && govEndUser)
        out.push(
          `License Exception ENC (§740.17) is not available: items classified under ${[...new Set(govLimited)].map((c) => `§740.17(${c?.replace('b', 'b)(')})`).join(', ')} may not go to a government end user in ${env.destinationName}.`,
        );
      else return { symbol: 'ENC', documents: [] };
    }
  }
  // NAC: 3A090, 4A090 and .z items controlled only for RS, not 3A090.a for data centers
  const nac = v['exception.NAC'];
  if (nac.status === 'in_force') {
    const p = nac.params as ParamsOf<'exception.NAC'>;
    const eligibleItem = (i: number) => {
      const { base, paragraph } = splitEccn(input.items[i]?.eccn ?? '');
      return ['3A090', '4A090'].includes(base) || paragraph.startsWith('z');
    };
    const allRs = ccl.every((r) => r.kind === 'ccl' && r.family === 'RS' && r.covers.every(eligibleItem));
    if (allRs && ccl.length) {
      const dc = [...lic].find((i) => holds(facts.dataCenterCond[i] ?? 'no', a));
      if (dc !== undefined) {
        out.push(
          `License Exception NAC excludes ${input.items[dc]?.eccn}: ${p.excludeDataCenter.join(' and ')} items designed or marketed for data centers (§740.8).`,
        );
        for (const u of nac.unconfirmed) unc.push([u, nac.citation]);
      } else {
        for (const u of nac.unconfirmed) unc.push([u, nac.citation]);
        const notify = p.notification && (env.row === 'MO' || env.inGroup('D:5') === 'yes');
        return {
          symbol: 'NAC',
          documents: notify
            ? [
                {
                  type: 'NAC_NOTIFICATION',
                  citation: '15 CFR 740.8(a)',
                  why: `exports under NAC to ${env.destinationName} need advance notification to BIS (AES license code C67 with the NAC confirmation number)`,
                },
              ]
            : [],
        };
      }
    }
  }
  if (gov.ok) return useGov();
  return null;
}

function supportDocuments(
  f: Facts,
  assume: Assumption,
  authorization: Decision['authorization'],
  active: Requirement[],
  licensed: Set<number>,
  unconfirmed: [string, string][],
): RequiredDocument[] {
  const { input, env } = f;
  const docs: RequiredDocument[] = [];
  const v = env.versions;
  if (authorization === 'VEU') {
    docs.push(
      {
        type: 'VEU_CERTIFICATION',
        citation: '15 CFR 748.15(e)',
        why: "obtain the VEU's end-user certification before the first export under VEU, and keep it under Part 762",
      },
      {
        type: 'VEU_SHIPMENT_NOTICE',
        citation: '15 CFR 748.15(g)',
        why: 'give the VEU written notice of each shipment, listing its contents and ECCNs and stating that VEU is used',
      },
    );
  }
  const uvl = active.find((r) => r.code === 'UVL');
  if (uvl && authorization === 'NLR' && (v.uvl.params as ParamsOf<'uvl'>).statement) {
    docs.push({
      type: 'UVL_STATEMENT',
      citation: '15 CFR 744.15(b)',
      why: `a signed UVL statement from ${input.parties[uvl.party ?? 0]?.name} is needed before this otherwise-NLR export`,
    });
  }
  if (authorization !== 'LICENSE') return docs;

  const reasonsOf = (i: number) => (f.itemReasons[i] ?? []).filter((r) => holds(r.cond, assume));
  if (env.hongKong && env.row === 'CN') {
    const hk = v['hong-kong-documents'];
    const needs = (hk.params as ParamsOf<'hong-kong-documents'>).reasons;
    const hit = [...licensed].find((i) =>
      reasonsOf(i).some((r) => needs.includes(r.family) || needs.includes(r.code)),
    );
    if (hit !== undefined) {
      docs.push({
        type: 'HK_IMPORT_LICENSE',
        citation: '15 CFR 748.9(b)(4); 748.13',
        why: `before using the license for ${input.items[hit]?.eccn} (controlled for ${reasonsOf(hit)
          .map((r) => r.code)
          .join(
            ', ',
          )}), obtain a Hong Kong import license or a Hong Kong government statement that none is needed`,
      });
    }
    return docs;
  }
  // §748.9(b)(1): the PRC other than Hong Kong. It does not exclude Macau, but Macau is a separate destination
  // under the EAR and MOFCOM does not administer its imports: whether the Statement reaches Macau is unconfirmed.
  if (env.hongKong || !env.row) return docs;
  const macau = env.row === 'MO';
  const MACAU_DOUBT =
    'whether the PRC End-User Statement (§748.9(b)(1), "the PRC other than Hong Kong") reaches exports to Macau';

  const version = v['prc-end-user-statement'];
  const p = version.params as ParamsOf<'prc-end-user-statement'>;
  const name = p.documentName;
  const consignees = input.parties.filter((x) => x.role === 'ultimate_consignee' || x.role === 'purchaser');
  const exemptParty = (x: (typeof consignees)[number]) =>
    (x.type === 'us_government_agency' && p.exemptions.includes('us_government')) ||
    (x.type === 'government' &&
      x.country !== undefined &&
      !['CN', 'HK', 'MO'].includes(x.country) &&
      p.exemptions.includes('foreign_government_not_prc'));
  if (consignees.length && consignees.every(exemptParty)) return docs;

  const counted: number[] = [];
  let part744Only = false;
  for (const i of licensed) {
    const item = input.items[i];
    if (!item || item.kind !== 'commodity' || item.eccn === 'EAR99') continue;
    const base = splitEccn(item.eccn).base;
    if (p.exceptEccns.includes(base)) continue;
    if (item.temporaryExhibit && p.exemptions.includes('temporary_exhibit')) continue;
    const ccl = reasonsOf(i);
    if (p.reasons !== 'any' && !ccl.some((r) => (p.reasons as string[]).includes(r.family))) continue;
    const cclLicensed = active.some((r) => r.kind === 'ccl' && r.covers.includes(i));
    if (!cclLicensed) part744Only = true;
    counted.push(i);
  }
  if (!counted.length) return docs;
  const value = (i: number) => {
    const item = input.items[i];
    if (item?.valueUsd !== undefined) return item.valueUsd;
    return holds(f.valueCond[i] ?? null, assume) ? Number.POSITIVE_INFINITY : 0;
  };
  const triggers: string[] = [];
  const computers = counted.filter((i) => holds(f.computerCond[i] ?? 'no', assume));
  if (p.computersAnyValue && computers.length)
    triggers.push(
      `computers needing a license (${computers.map((i) => input.items[i]?.eccn).join(', ')}) require it at any value`,
    );
  if (p.cameraThreshold !== null) {
    const cameras = counted.filter((i) => splitEccn(input.items[i]?.eccn ?? '').base === '6A003');
    const camValue = cameras.reduce((s, i) => s + value(i), 0);
    if (camValue > p.cameraThreshold)
      triggers.push(
        `6A003 cameras needing a license are worth ${money(camValue)}, over ${money(p.cameraThreshold)}`,
      );
  }
  if (p.aggregation === 'total') {
    const total = counted.reduce((s, i) => s + value(i), 0);
    if (total > p.threshold)
      triggers.push(`commodities needing a license total ${money(total)}, over ${money(p.threshold)}`);
  } else {
    const byEntry = new Map<string, number>();
    for (const i of counted) {
      const base = splitEccn(input.items[i]?.eccn ?? '').base;
      byEntry.set(base, (byEntry.get(base) ?? 0) + value(i));
    }
    const over = [...byEntry].filter(([, sum]) => sum > p.threshold);
    if (over.length)
      triggers.push(
        `commodities in a single CCL entry exceed ${money(p.threshold)} (${over.map(([e, s]) => `${e}: ${money(s)}`).join(', ')})`,
      );
  }
  if (!triggers.length) return docs;
  const flagged = version.confidence === 'unconfirmed' || part744Only || macau;
  if (flagged) for (const u of version.unconfirmed) unconfirmed.push([u, version.citation]);
  if (macau) unconfirmed.push([MACAU_DOUBT, '15 CFR 748.9(b)(1)']);
  const total = counted.reduce((s, i) => s + value(i), 0);
  if (
    p.replacementPartsSubstitute !== null &&
    counted.every((i) => input.items[i]?.replacementParts) &&
    total <= p.replacementPartsSubstitute
  ) {
    docs.push({
      type: 'STATEMENT_BY_ULTIMATE_CONSIGNEE_AND_PURCHASER',
      citation: '15 CFR 748.11(a)(2)',
      why: `replacement parts worth ${money(total)} (${money(p.replacementPartsSubstitute)} or less) for servicing previously exported commodities: a Statement by Ultimate Consignee and Purchaser may replace the ${name}`,
    });
    return docs;
  }
  docs.push({
    type: 'PRC_END_USER_STATEMENT',
    citation: version.citation,
    why: `${name} for the license application: ${triggers.join('; ')}${part744Only ? ' (an item needs a license only under Part 744; whether it counts is unconfirmed)' : ''}. No shipment may go until the license holder has a copy (§748.9(e)(1)).`,
    ...(flagged ? { unconfirmed: true } : {}),
  });
  return docs;
}

function eei(
  f: Facts,
  assume: Assumption,
  authorization: Decision['authorization'],
  active: Requirement[],
): RequiredDocument[] {
  const { input, env } = f;
  const commodities = input.items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.kind === 'commodity');
  if (!commodities.length) return [];
  const p = env.versions.eei.params as ParamsOf<'eei'>;
  const why: string[] = [];
  const paragraphs: string[] = [];
  const add = (para: string, text: string) => {
    why.push(text);
    paragraphs.push(`(b)${para}`);
  };
  if (authorization === 'LICENSE') add('(2)', 'the export needs a license application (any value)');
  if (authorization === 'VEU') add('(7)', 'every export under Authorization VEU');
  const uvl = active.find((r) => r.code === 'UVL');
  if (uvl && (env.versions.uvl.params as ParamsOf<'uvl'>).eei)
    add('(8)', 'a party is on the Unverified List (any value)');
  if (p.allCclItemsToChina && env.row === 'CN' && commodities.some(({ item }) => item.eccn !== 'EAR99')) {
    add('(10)', `items on the Commerce Control List to China, regardless of value (from 2020-06-29)`);
  }
  const bySchedule = new Map<string, number>();
  for (const { item, i } of commodities) {
    const key = item.scheduleB ?? `line ${i}`;
    const value = item.valueUsd ?? (holds(f.valueCond[i] ?? null, assume) ? Number.POSITIVE_INFINITY : 0);
    bySchedule.set(key, (bySchedule.get(key) ?? 0) + value);
  }
  const over = [...bySchedule].filter(([, v]) => v > p.valueThresholdPerScheduleB);
  if (over.length)
    add(
      '(5)',
      `value over ${money(p.valueThresholdPerScheduleB)} per Schedule B number${input.items.some((x) => !x.scheduleB) ? ' (lines without a Schedule B number counted alone)' : ''}`,
    );
  if (!why.length) return [];
  return [
    {
      type: 'EEI',
      citation: `15 CFR 758.1${paragraphs.join(', ')}`,
      why: `file EEI in AES: ${why.join('; ')}`,
    },
  ];
}
