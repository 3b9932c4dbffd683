/**
 * Gathering the facts of a check: every license requirement the rules in force impose (CCL, lists, Part 744
 * end uses), each with its citation and explanation, and every unknown input or datum that a requirement or
 * decision hangs on. Nothing is decided here; decide.ts does that for each assumption about the unknowns.
 */
import type { CheckInput, Overlay } from '../../contracts/check.js';
import type { ParamsOf } from '../rules/families.js';
import type { CclControl, RuleSet, RuleVersion, VeuEntry } from '../rules/schema.js';
import { UN_ARMS_EMBARGOED } from '../rules/ccl-text.js';
import { within } from '../rules/dates.js';
import type { ScreeningHit, Screener } from '../screening/types.js';
import type { Environment } from './environment.js';
import { coverage, coveringControls, isWithin, splitEccn } from './paragraphs.js';
import { normaliseName, sameName, sameParty } from './names.js';
import { parseEntityScope, scopeForItem } from './entity-scope.js';
import { membershipOn, type DatedCitation } from '../screening/list-history.js';

/** An input or datum that the answer may hang on. Assumed true in the restrictive branch. */
export interface Unknown {
  id: string;
  input: string;
  why: string;
}

export type RequirementKind = 'ccl' | 'list' | 'end_use';

export interface Requirement {
  code: string;
  kind: RequirementKind;
  /** The reason-for-control family for CCL requirements ("NS", "RS", ...). */
  family?: string;
  /** Items the requirement makes licensable; [] for restrictions that require no license of their own (UVL). */
  covers: number[];
  item: number | null;
  party: number | null;
  citation: string;
  explanation: string;
  /** Bars license exceptions (§740.2 and the list rules). */
  noExceptions: boolean;
  reviewPolicy?: string;
  /** Unknown whose truth makes this requirement apply; null when certain. */
  cond: string | null;
  /** Further unknowns that must all hold too (a requirement hanging on two inputs). */
  also?: string[];
  unconfirmed: string[];
  /** Part 744 requirement: bars VEU (items under VEU may not be used for any Part 744 activity). */
  part744?: boolean;
}

export interface ListFact {
  list: string;
  source: 'stated' | 'screening' | 'overlay' | 'affiliate';
  name?: string;
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegister?: string;
  cond: string | null;
  via?: string; // for affiliates: the owner(s); for screening: other matching entries
}

export interface PartyScreening {
  party: number;
  hits: ScreeningHit[];
  applied: boolean;
  note?: string;
}

export interface VeuRequest {
  entry: VeuEntry | null;
  overlay: boolean;
  bars: VeuBar[];
}

export interface Facts {
  asOf: string;
  env: Environment;
  input: CheckInput;
  requirements: Requirement[];
  unknowns: Map<string, Unknown>;
  /** Inputs missing whatever the branches say (an ECCN not on the CCL, say): INDETERMINATE outright. */
  hardMissing: Unknown[];
  notes: string[];
  unconfirmed: Map<string, string>; // datum -> citation
  screening: PartyScreening[];
  /** Reasons for control of each item, for VEU and exception tests: [{family, code, cond}] */
  itemReasons: { family: string; code: string; cond: string | null }[][];
  /** Items whose license requirement is NAC-relevant (3A090/4A090/.z): the dataCenter unknown per item. */
  dataCenterCond: (string | null | 'yes' | 'no')[];
  computerCond: (string | null | 'yes' | 'no')[];
  valueCond: (string | null)[];
  veu: VeuRequest | null;
  overlayUsed: boolean;
  /**
   * License Exception GOV's consignee facts (§740.11(b)): every ultimate consignee and end user is a U.S.
   * Government agency or its personnel ("us"), or an agency of a cooperating government ("cooperating", with
   * whose government), and the items are for their official use; null otherwise.
   */
  government: { kind: 'us' | 'cooperating'; of: string | null; groups: string[] } | null;
  /** Is a receiving party a government end user (ENC)? 'yes', 'no' or the unknown it hangs on. */
  governmentEndUser: string | 'yes' | 'no';
}

const REASON_SECTIONS: Record<string, string> = {
  NS: '15 CFR 742.4',
  MT: '15 CFR 742.5',
  RS: '15 CFR 742.6',
  CB: '15 CFR 742.2',
  NP: '15 CFR 742.3',
  CC: '15 CFR 742.7',
  FC: '15 CFR 742.17',
  AT: '15 CFR 742.8-742.10, 742.19',
  EI: '15 CFR 742.15',
  UN: '15 CFR 746.1(b)',
  CW: '15 CFR 742.18',
  SL: '15 CFR 742.13',
  SS: '15 CFR Part 754',
  RIS: '15 CFR 746.5, 746.8',
};

const COLUMN_FAMILIES: Record<string, string[]> = {
  NS: ['NS1', 'NS2'],
  MT: ['MT1'],
  NP: ['NP1', 'NP2'],
  CB: ['CB1', 'CB2', 'CB3'],
  RS: ['RS1', 'RS2'],
  FC: ['FC1'],
  CC: ['CC1', 'CC2', 'CC3'],
  AT: ['AT1', 'AT2'],
};

export interface GatherContext {
  rules: RuleSet;
  screener?: Screener;
  overlay?: Overlay;
  veuEntries?: VeuEntry[];
}

export function gatherFacts(input: CheckInput, asOf: string, env: Environment, ctx: GatherContext): Facts {
  const f: Facts = {
    asOf,
    env,
    input,
    requirements: [],
    unknowns: new Map(),
    hardMissing: [],
    notes: [],
    unconfirmed: new Map(),
    screening: [],
    itemReasons: input.items.map(() => []),
    dataCenterCond: input.items.map(() => 'no'),
    computerCond: input.items.map(() => 'no'),
    valueCond: input.items.map(() => null),
    veu: null,
    overlayUsed: false,
    government: governmentUse(input, ctx.rules),
    governmentEndUser: 'no',
  };
  const unknown = (id: string, inputName: string, why: string): string => {
    if (!f.unknowns.has(id)) f.unknowns.set(id, { id, input: inputName, why });
    return id;
  };
  const relyOn = (version: RuleVersion) => {
    for (const u of version.unconfirmed) f.unconfirmed.set(u, version.citation);
  };
  const v = env.versions;

  if (!env.row) {
    // decided only where the missing row cannot matter: evaluate() adds the missing input when it was consulted
    relyOn(v['destination.HK']);
  } else if (env.hongKong) {
    f.notes.push(`Hong Kong is treated as China on ${asOf} (${v['destination.HK'].citation}).`);
  }

  // §758.1(b)(10) names "China, Russia, or Venezuela"; whether it reaches Macau, a separate destination under
  // the EAR, is not settled by our sources: EEI is decided without it, and the answer says so
  if (
    env.row === 'MO' &&
    (v.eei.params as ParamsOf<'eei'>).allCclItemsToChina &&
    input.items.some((x) => x.kind === 'commodity' && x.eccn !== 'EAR99')
  )
    f.unconfirmed.set(
      'whether §758.1(b)(10) (EEI for every export of CCL items to China, regardless of value) reaches exports to Macau; EEI is decided here without it',
      '15 CFR 758.1(b)(10)',
    );
  gatherItems(f, ctx.rules, unknown, relyOn);
  gatherParties(f, ctx, unknown, relyOn);
  gatherEndUses(f, unknown, relyOn);
  gatherVeu(f, ctx, unknown);
  if (input.items.some((x) => x.encClassification && x.encClassification !== 'none')) {
    const receivers = input.parties.filter((p) => p.role === 'end_user' || p.role === 'ultimate_consignee');
    const gov = (t: string | undefined) =>
      t === 'government' || t === 'military' || t === 'cooperating_government_agency';
    f.governmentEndUser = receivers.some((p) => gov(p.type))
      ? 'yes'
      : receivers.every((p) => p.type !== undefined)
        ? 'no'
        : unknown(
            'parties[].type',
            'parties[].type',
            'whether the end user is a "government end user" decides License Exception ENC for §740.17(b)(2) and (b)(3) items',
          );
  }
  return f;
}

/** The §740.11(b) consignee facts as given (never assumed: a claimed exemption needs its facts stated). */
function governmentUse(input: CheckInput, rules: RuleSet): Facts['government'] {
  const groupsOf = (c: string | null) =>
    c
      ? Object.entries(rules.countryGroups.groups)
          .filter(([, m]) => m.includes(c))
          .map(([g]) => g)
      : [];
  if (input.endUse.governmentOfficialUse !== true) return null;
  const receivers = input.parties.filter((p) => p.role === 'end_user' || p.role === 'ultimate_consignee');
  if (!receivers.length) return null;
  if (receivers.every((p) => p.type === 'us_government_agency' || p.type === 'us_government_personnel'))
    return { kind: 'us', of: 'US', groups: groupsOf('US') };
  const of = new Set(receivers.map((p) => p.governmentOf ?? null));
  if (receivers.every((p) => p.type === 'cooperating_government_agency') && of.size === 1) {
    const c = [...of][0] ?? null;
    return { kind: 'cooperating', of: c, groups: groupsOf(c) };
  }
  return null;
}

type UnknownFn = (id: string, input: string, why: string) => string;
type RelyFn = (version: RuleVersion) => void;

/** Requirement conditions from a boolean input: certain, absent (an unknown) or false (no requirement). */
function flag(
  value: boolean | undefined,
  id: string,
  input: string,
  why: string,
  unknown: UnknownFn,
): string | null | false {
  if (value === true) return null;
  if (value === false) return false;
  return unknown(id, input, why);
}

// ---------------------------------------------------------------------------------------------- items

function gatherItems(f: Facts, rules: RuleSet, unknown: UnknownFn, relyOn: RelyFn): void {
  const { env, asOf } = f;
  f.input.items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (item.valueUsd === undefined && item.kind === 'commodity') {
      f.valueCond[i] = unknown(
        `${at}.valueUsd`,
        `${at}.valueUsd`,
        'the value decides the PRC End-User Statement and EEI thresholds',
      );
    }
    if (item.eccn === 'EAR99') {
      if (item.controlReasons?.length)
        f.notes.push(`${at}: EAR99 items have no reasons for control; controlReasons were ignored.`);
      return;
    }
    const { base, paragraph } = splitEccn(item.eccn);
    const created = rules.eccnCreated.get(base);
    if (created && asOf < created.from) {
      f.hardMissing.push({
        id: `${at}.eccn`,
        input: `${at}.eccn`,
        why: `ECCN ${base} did not exist on ${asOf} (created ${created.from}, ${created.citation}); classify the item under the CCL in force on that date`,
      });
      return;
    }
    const entry = rules.ccl.get(base);
    if (!entry && !item.controlReasons) {
      f.hardMissing.push({
        id: `${at}.eccn`,
        input: `${at}.eccn`,
        why: `${item.eccn} is not an ECCN on the Commerce Control List (eCFR issue ${rules.cclMeta.source.issue}); give the correct ECCN or its controlReasons`,
      });
      return;
    }
    if (base.startsWith('4A') && item.computer === undefined) {
      f.computerCond[i] = unknown(
        `${at}.computer`,
        `${at}.computer`,
        'whether the item is a "computer" decides the PRC End-User Statement (any value)',
      );
    } else f.computerCond[i] = item.computer ? 'yes' : 'no';
    const nac = env.versions['exception.NAC'];
    const dataCenterScope =
      nac.status === 'in_force' ? (nac.params as ParamsOf<'exception.NAC'>).excludeDataCenter : [];
    if (dataCenterScope.some((p) => isWithin(item.eccn, p) || isWithin(p, item.eccn))) {
      f.dataCenterCond[i] =
        item.dataCenter === undefined
          ? unknown(
              `${at}.dataCenter`,
              `${at}.dataCenter`,
              `License Exception NAC excludes ${dataCenterScope.join(' and ')} items designed or marketed for data centers`,
            )
          : item.dataCenter
            ? 'yes'
            : 'no';
    }
    const usingCcl = !item.controlReasons;
    if (usingCcl && rules.cclMeta.source.issue > asOf) {
      f.unconfirmed.set(
        `the CCL entry text for ${base} is from the eCFR issue of ${rules.cclMeta.source.issue}; its text on ${asOf} is not in our sources (give controlReasons to fix it)`,
        `Supp. No. 1 to Part 774 (${base})`,
      );
    }
    const controls: {
      control: CclControl;
      covered: 'covered' | 'depends';
      code: string;
      override: boolean;
    }[] = [];
    if (item.controlReasons) {
      for (const code of item.controlReasons) {
        const fam = code.replace(/\d$/, '');
        if (/\d$/.test(code) && COLUMN_FAMILIES[fam]) {
          controls.push({
            control: syntheticControl(fam, { type: 'column', column: code }, code),
            covered: 'covered',
            code,
            override: true,
          });
          continue;
        }
        const fromCcl =
          entry?.controls.filter((c) => c.reason === fam && coverage(c.scope, paragraph) !== 'not_covered') ??
          [];
        if (fromCcl.length > 0) {
          // the caller says the family applies; only whether it reaches the destination is left to decide
          const reach = fromCcl.map((c) => env.reaches(c.destination));
          const only = fromCcl.length === 1 ? (fromCcl[0] as CclControl) : null;
          if (reach.every((r) => r === 'no')) continue;
          const rule = reach.every((r) => r === 'yes')
            ? (only?.destination ?? { type: 'worldwide' as const, exceptCountries: [] })
            : {
                type: 'unparsed' as const,
                text: `${fam}: the paragraph of ${item.eccn} decides which row applies`,
              };
          controls.push({
            control:
              only && rule === only.destination
                ? only
                : syntheticControl(
                    fam,
                    rule,
                    rule.type === 'unparsed'
                      ? rule.text
                      : `every ${fam} row of ${base} reaches ${env.destinationName} (${fromCcl
                          .map((c) => `${c.text.control}: ${c.text.countryChart.replace(/\s*See .*$/, '')}`)
                          .join('; ')})`,
                  ),
            covered: 'covered',
            code: only ? codeOf(only) : fam,
            override: true,
          });
        } else if (COLUMN_FAMILIES[fam]) {
          // a bare family: decided when every column of the family gives the same answer for this destination
          const marks = (COLUMN_FAMILIES[fam] as string[]).map((col) => env.chart(col).marked);
          const rule: CclControl['destination'] = marks.every((m) => m === 'yes')
            ? { type: 'worldwide', exceptCountries: [] }
            : marks.every((m) => m === 'no')
              ? { type: 'groups', countries: [], groups: [], exceptGroups: [] }
              : { type: 'unparsed', text: `${fam} (column not given)` };
          controls.push({
            control: syntheticControl(
              fam,
              rule,
              `${fam} in every column of the Country Chart for ${env.destinationName}`,
            ),
            covered: 'covered',
            code: fam,
            override: true,
          });
        } else if (fam === 'EI') {
          controls.push({
            control: syntheticControl(
              'EI',
              { type: 'worldwide', exceptCountries: ['CA'] },
              'EI: all destinations except Canada (§742.15)',
            ),
            covered: 'covered',
            code: 'EI',
            override: true,
          });
        } else if (fam === 'UN') {
          controls.push({
            control: syntheticControl(
              'UN',
              { type: 'groups', countries: UN_ARMS_EMBARGOED, groups: [], exceptGroups: [] },
              'UN (§746.1(b))',
            ),
            covered: 'covered',
            code: 'UN',
            override: true,
          });
        } else {
          controls.push({
            control: syntheticControl(
              fam,
              { type: 'unparsed', text: `${fam} (destination scope not in our data)` },
              fam,
            ),
            covered: 'covered',
            code: fam,
            override: true,
          });
        }
      }
    } else if (entry) {
      for (const { control: c, coverage: cov } of coveringControls(entry.controls, paragraph))
        controls.push({ control: c, covered: cov, code: codeOf(c), override: false });
    }
    for (const { control, covered, code, override } of controls) {
      const reach = env.reaches(control.destination);
      if (reach === 'no') continue;
      const fam = control.reason;
      const chartInfo = control.destination.type === 'column' ? env.chart(control.destination.column) : null;
      let cond: string | null = null;
      const unconfirmed: string[] = [];
      if (covered === 'depends') {
        cond =
          control.scope.type === 'unparsed'
            ? unknown(
                `${at}.controlReasons:${fam}:${control.text.control}`,
                `${at}.controlReasons`,
                `${item.eccn}: whether "${control.text.control}" covers the item decides a ${fam} license requirement`,
              )
            : unknown(
                `${at}.eccn`,
                `${at}.eccn`,
                `${item.eccn}: the paragraph decides whether "${control.text.control}" applies; give the full paragraph (for example ${base}.${firstParagraph(control) ?? 'a'})`,
              );
      } else if (reach === 'unknown') {
        cond = unknown(
          `${at}.controlReasons:${fam}:dest`,
          `${at}.controlReasons`,
          `${item.eccn}: whether ${fam} ("${control.text.countryChart}") reaches ${env.destinationName} is not in our data`,
        );
      }
      if (chartInfo?.unconfirmed && env.row) {
        const cv = env.versions[`country-chart.${env.row}` as 'country-chart.CN'];
        relyOn(cv);
        unconfirmed.push(...cv.unconfirmed);
      }
      f.itemReasons[i]?.push({ family: fam, code, cond });
      const destText = destinationClause(control, env, asOf);
      f.requirements.push({
        code,
        kind: 'ccl',
        family: fam,
        covers: [i],
        item: i,
        party: null,
        citation: `${REASON_SECTIONS[fam] ?? '15 CFR Part 742'}; Supp. No. 1 to Part 738; Supp. No. 1 to Part 774 (${base})`,
        explanation: `${item.eccn} is controlled for ${fam}${override ? ' (as given in controlReasons)' : ` ("${control.text.control}")`}, and ${destText}, so a license is required.`,
        noExceptions: false,
        cond,
        unconfirmed,
      });
    }
  });
}

function syntheticControl(reason: string, destination: CclControl['destination'], text: string): CclControl {
  return { reason, scope: { type: 'entire' }, destination, text: { control: text, countryChart: text } };
}

function codeOf(c: CclControl): string {
  return c.destination.type === 'column' ? c.destination.column : c.reason;
}

function firstParagraph(c: CclControl): string | undefined {
  return c.scope.type === 'paragraphs'
    ? c.scope.paragraphs[0]
    : c.scope.type === 'entire_except'
      ? c.scope.except[0]
      : undefined;
}

function destinationClause(c: CclControl, env: Environment, asOf: string): string {
  if (c.text.control === c.text.countryChart) return c.text.countryChart; // a row built from controlReasons
  const d = c.destination;
  switch (d.type) {
    case 'column':
      return `${env.destinationName} is marked in ${d.column.replace(/(\d)$/, ' column $1')} of the Commerce Country Chart on ${asOf}`;
    case 'worldwide':
      return `the control applies to every destination${d.exceptCountries.length ? ` except ${d.exceptCountries.join(', ')}` : ''}`;
    case 'groups':
      return `the control applies "${c.text.countryChart.replace(/\s*See .*$/, '')}", which includes ${env.destinationName}`;
    case 'unparsed':
      return `the control may reach ${env.destinationName} ("${c.text.countryChart}")`;
  }
}

// -------------------------------------------------------------------------------------------- parties

const LIST_NAMES: Record<string, string> = {
  ENTITY_LIST: 'Entity List',
  MEU: 'Military End-User List',
  UVL: 'Unverified List',
  DPL: 'Denied Persons List',
  SDN: 'SDN List',
  CMIC: 'CMIC List',
};
const DECIDING_LISTS = new Set(['ENTITY_LIST', 'MEU', 'UVL', 'DPL', 'SDN', 'CMIC']);

function overlayMatches(ctx: GatherContext, name: string, asOf: string): ListFact[] {
  return (ctx.overlay?.listEntries ?? [])
    .filter((e) => within(asOf, e.effective.from, e.effective.to))
    .filter((e) => sameName([name], [e.name, ...e.aliases]))
    .map((e) => ({
      list: e.list,
      source: 'overlay' as const,
      name: e.name,
      licenseRequirement: e.licenseRequirement,
      licensePolicy: e.licensePolicy,
      cond: null,
    }));
}

function gatherParties(f: Facts, ctx: GatherContext, unknown: UnknownFn, relyOn: RelyFn): void {
  const { asOf } = f;
  const snapshotOld = ctx.screener && ctx.screener.snapshotDate.slice(0, 10) !== asOf;
  const snapshotPast = !!ctx.screener && asOf < ctx.screener.snapshotDate.slice(0, 10);
  f.input.parties.forEach((party, j) => {
    const at = `parties[${j}]`;
    const hits = ctx.screener
      ? ctx.screener.screen(
          { name: party.name, ...(party.country ? { country: party.country } : {}) },
          party.cleared ? { cleared: party.cleared } : {},
        )
      : [];
    const deciding = hits.filter((h) => DECIDING_LISTS.has(h.list));
    const listedConds = new Map<string, string>();
    if (ctx.screener && snapshotPast && !party.lists)
      listHistory(f, ctx.screener, deciding, at, unknown, listedConds);
    const overlayFacts = overlayMatches(ctx, party.name, asOf);
    if (overlayFacts.length) f.overlayUsed = true;
    let facts: ListFact[];
    if (party.lists) {
      facts = party.lists.map((list) => {
        const hit = deciding.find((h) => h.list === list);
        return { list, source: 'stated' as const, ...(hit ? entryOf(hit) : {}), cond: null };
      });
      f.screening.push({
        party: j,
        hits,
        applied: false,
        note: `${at}.lists was given, so it states this party's lists on ${asOf}; screening hits are shown for review only`,
      });
    } else if (ctx.screener) {
      // one fact per list: the best hit (hits come best first); the others are in the screening section
      const best = new Map<string, { hit: ScreeningHit; others: number }>();
      for (const h of deciding) {
        const seen = best.get(h.list);
        if (seen) seen.others++;
        else best.set(h.list, { hit: h, others: 0 });
      }
      for (const [list, b] of best) {
        const id = listedConds.get(b.hit.id);
        if (id === undefined) continue;
        // the best hit's listing on asOf is unconfirmed: a later, certainly listed match decides instead
        const sure = deciding.find((h) => h.list === list && !listedConds.has(h.id));
        if (sure) best.set(list, { hit: sure, others: b.others });
      }
      facts = [...best.values()].map(({ hit, others }) => ({
        list: hit.list,
        source: 'screening' as const,
        ...entryOf(hit),
        ...(others
          ? {
              via: `${others} other ${hit.list === 'ENTITY_LIST' ? 'Entity List' : hit.list} ${others === 1 ? 'entry' : 'entries'} also match`,
            }
          : {}),
        cond: listedConds.get(hit.id) ?? null,
      }));
      f.screening.push({ party: j, hits, applied: true });
      if (snapshotPast) {
        f.unconfirmed.set(
          `list membership on ${asOf} is inferred from the list snapshot ${ctx.screener.snapshot} (the oldest list evidence we hold, of ${ctx.screener.snapshotDate.slice(0, 10)}), each entry dated by its Federal Register citations; the snapshot holds no removal records, so parties removed before ${ctx.screener.snapshotDate.slice(0, 10)} are not in it and their membership on ${asOf} cannot be known from it`,
          'Supp. Nos. 4, 6, 7 to Part 744; regulations/lists/fr-citation-dates.json',
        );
      } else if (facts.length && snapshotOld) {
        f.unconfirmed.set(
          `list membership on ${asOf} is inferred from the list snapshot ${ctx.screener.snapshot}; the snapshot carries no listing or removal dates`,
          'Supp. Nos. 4, 6, 7 to Part 744',
        );
      }
    } else {
      facts = [
        {
          list: 'ENTITY_LIST',
          source: 'stated',
          cond: unknown(
            `${at}.lists`,
            `${at}.lists`,
            `no list snapshot is loaded and the lists of "${party.name}" were not given`,
          ),
        },
      ];
    }
    facts.push(...overlayFacts);
    facts.push(...affiliateFacts(f, ctx, j, unknown, relyOn));
    for (const fact of facts) listRequirements(f, fact, j, relyOn, unknown);
  });
  if (!f.input.parties.some((p) => p.role === 'end_user' || p.role === 'ultimate_consignee')) {
    f.hardMissing.push({
      id: 'parties',
      input: 'parties',
      why: 'no end user or ultimate consignee was given; the parties decide the list-based requirements',
    });
  }
}

/**
 * Date the deciding hits against asOf (before the snapshot): an entry whose earliest citation is after asOf
 * is not yet listed (dropped, with a note); one whose citation cannot be dated that precisely makes the
 * party's lists an unknown; one without citation is flagged unconfirmed.
 */
function listHistory(
  f: Facts,
  screener: Screener,
  deciding: ScreeningHit[],
  at: string,
  unknown: UnknownFn,
  conds: Map<string, string>,
): void {
  const { asOf } = f;
  for (let k = deciding.length - 1; k >= 0; k--) {
    const h = deciding[k]!;
    const list = LIST_NAMES[h.list] ?? h.list;
    const m = membershipOn(h.federalRegister, asOf, screener.citationDates);
    const when = (c: DatedCitation) =>
      c.from === c.to ? `${c.from} (${c.how})` : `between ${c.from} and ${c.to} (${c.how})`;
    if (m.status === 'not-yet') {
      f.notes.push(
        `"${h.name}" (${list}) was not yet listed on ${asOf}: its earliest Federal Register citation, ${m.added.cite}, was published ${when(m.added)}; it is not applied (effective dates are not in our data: a rule that took effect before its publication would change this).`,
      );
      deciding.splice(k, 1);
    } else if (m.status === 'unconfirmed') {
      conds.set(
        h.id,
        unknown(
          `${at}.lists`,
          `${at}.lists`,
          `whether "${h.name}" was on the ${list} on ${asOf} is unconfirmed: its earliest Federal Register citation, ${m.added.cite}, is dated only ${when(m.added)}`,
        ),
      );
    } else if (m.status === 'undated') {
      f.unconfirmed.set(
        `the ${list} entry "${h.name}" prints no Federal Register citation, so whether it was listed on ${asOf} is unconfirmed`,
        'Supp. Nos. 4, 6, 7 to Part 744',
      );
    }
  }
}

function entryOf(h: ScreeningHit): Partial<ListFact> {
  return {
    name: h.name,
    ...(h.licenseRequirement ? { licenseRequirement: h.licenseRequirement } : {}),
    ...(h.licensePolicy ? { licensePolicy: h.licensePolicy } : {}),
    ...(h.federalRegister ? { federalRegister: h.federalRegister } : {}),
  };
}

/** The Affiliates rule: a party owned 50% or more by Entity List or MEU parties takes on their restrictions. */
function affiliateFacts(
  f: Facts,
  ctx: GatherContext,
  j: number,
  unknown: UnknownFn,
  relyOn: RelyFn,
): ListFact[] {
  const party = f.input.parties[j];
  if (!party?.owners?.length) return [];
  const version = f.env.versions['affiliates-rule'];
  const params = version.params as ParamsOf<'affiliates-rule'>;
  const listedOwners: { name: string; percent: number; list: string }[] = [];
  let unknownPercent = 0;
  party.owners.forEach((o) => {
    const lists =
      o.lists ?? (ctx.screener ? ctx.screener.screen({ name: o.name }).map((h) => h.list) : undefined);
    if (lists === undefined) unknownPercent += o.percent;
    const hit = lists?.find((l) => (params.lists ?? ['ENTITY_LIST', 'MEU']).includes(l));
    if (hit) listedOwners.push({ name: o.name, percent: o.percent, list: hit });
  });
  const listedPercent = listedOwners.reduce((s, o) => s + o.percent, 0);
  const threshold = params.thresholdPercent ?? 50;
  if (listedPercent < threshold && listedPercent + unknownPercent < threshold) return [];
  const owners = listedOwners.map((o) => `${o.name} (${o.percent}%, ${LIST_NAMES[o.list]})`).join(', ');
  if (version.status === 'not_in_force' || version.status === 'suspended') {
    f.notes.push(
      `Red flag: ${party.name} is ${listedPercent}% owned by listed parties (${owners}). The Affiliates rule is ${version.status === 'suspended' ? 'suspended' : 'not in force'} on ${f.asOf} (${version.citation}), so list restrictions do not pass to it by ownership; resolve the red flag (agent, front or shell?) before shipping.`,
    );
    return [];
  }
  relyOn(version);
  let cond: string | null = null;
  if (version.status === 'unknown') {
    cond = unknown(
      'affiliates-rule',
      'the status of the Affiliates rule on asOf',
      version.unconfirmed[0] ?? version.summary,
    );
  }
  if (listedPercent < threshold) {
    cond = unknown(
      `parties[${j}].owners`,
      `parties[${j}].owners[].lists`,
      'the lists of owners not screened decide whether listed parties own 50% or more',
    );
  }
  const strongest = listedOwners.find((o) => o.list === 'ENTITY_LIST') ?? listedOwners[0];
  return [
    {
      list: strongest?.list ?? 'ENTITY_LIST',
      source: 'affiliate',
      licenseRequirement: 'For all items subject to the EAR',
      cond,
      via: owners,
    },
  ];
}

function supp2Membership(
  f: Facts,
  eccn: string,
): { member: boolean; unconfirmed: boolean; version: RuleVersion } {
  const version = f.env.versions['744-supp2'];
  if (version.status !== 'in_force' || eccn === 'EAR99')
    return { member: false, unconfirmed: false, version };
  const base = splitEccn(eccn).base;
  const hit = (version.params as ParamsOf<'744-supp2'>).entries.find((e) => e.eccn === base);
  return { member: !!hit, unconfirmed: hit?.confidence === 'unconfirmed', version };
}

function listRequirements(f: Facts, fact: ListFact, j: number, relyOn: RelyFn, unknown: UnknownFn): void {
  const party = f.input.parties[j];
  const v = f.env.versions;
  const who = `${party?.name} (${party?.role?.replace(/_/g, ' ')})`;
  const all = f.input.items.map((_, i) => i);
  const how =
    fact.source === 'affiliate'
      ? ` by ownership (owned by ${fact.via}) under the Affiliates rule`
      : fact.source === 'screening'
        ? ` (screening match: "${fact.name}"${fact.federalRegister ? `, ${fact.federalRegister.split(/[;,]/)[0]?.trim()}` : ''}${fact.via ? `; ${fact.via}` : ''}; clear it if it is not this party)`
        : fact.source === 'overlay'
          ? ' (what-if overlay)'
          : '';
  switch (fact.list) {
    case 'ENTITY_LIST': {
      relyOn(v['entity-list']);
      const req = fact.licenseRequirement;
      const parsed = req ? parseEntityScope(req) : null;
      const covers: number[] = [];
      const depends: { i: number; why: string }[] = [];
      const carved: string[] = [];
      for (const i of all) {
        const item = f.input.items[i];
        if (!parsed?.understood || !item) {
          covers.push(i);
          continue;
        }
        const s = scopeForItem(parsed, item, supp2Membership(f, item.eccn).member);
        if (s.status === 'covered') covers.push(i);
        else if (s.status === 'depends') depends.push({ i, why: s.why });
        else if (s.status === 'carved-out')
          carved.push(`item ${i + 1} (${item.eccn}) is carved out: "${s.carveOut.text}"`);
      }
      const unconfirmed: string[] = [];
      if (!req)
        unconfirmed.push(
          `the License Requirement column of the Entity List entry for ${party?.name} was not available; "For all items subject to the EAR" is assumed`,
        );
      else if (!parsed?.understood)
        unconfirmed.push(
          `the License Requirement of the Entity List entry for ${party?.name} ("${req}") could not be read into a scope and carve-outs; it was applied to every item`,
        );
      for (const u of unconfirmed) f.unconfirmed.set(u, 'Supp. No. 4 to Part 744');
      if (carved.length)
        f.notes.push(
          `The Entity List entry for ${party?.name} excepts items from its license requirement (Supp. No. 4 to Part 744): ${carved.join('; ')}; no Entity List license is required for ${carved.length === 1 ? 'it' : 'them'} from this entry.`,
        );
      if (parsed?.understood)
        for (const n of parsed.notes) f.notes.push(`Entity List entry for ${party?.name}: ${n}.`);
      const base = {
        code: 'ENTITY_LIST',
        kind: 'list' as const,
        item: null,
        party: j,
        citation: '15 CFR 744.11, 744.16; Supp. No. 4 to Part 744',
        noExceptions: true,
        reviewPolicy: fact.licensePolicy ?? 'per the Entity List entry (not available)',
        unconfirmed,
      };
      const explanation = `${who} is on the Entity List${how}. License requirement: ${req ?? 'for all items subject to the EAR (assumed)'}; no license exception may be used (§744.16(b)).`;
      if (covers.length || !depends.length)
        f.requirements.push({ ...base, covers, explanation, cond: fact.cond });
      for (const d of depends)
        f.requirements.push({
          ...base,
          covers: [d.i],
          item: d.i,
          explanation: `${explanation} For item ${d.i + 1}: ${d.why}.`,
          cond:
            fact.cond ??
            unknown(
              `entity-scope:${j}:${d.i}`,
              `items[${d.i}] (whether the Entity List entry of parties[${j}] reaches it)`,
              d.why,
            ),
        });
      break;
    }
    case 'MEU': {
      const meu = v['meu-list'];
      if (meu.status !== 'in_force') {
        f.notes.push(
          `${who} is named as an MEU List party, but the MEU List did not exist on ${f.asOf} (${meu.citation}); its listing has no legal effect on that date. Knowledge that it is a military end user still matters under §744.21.`,
        );
        return;
      }
      relyOn(meu);
      const covers = all.filter((i) => supp2Membership(f, f.input.items[i]?.eccn ?? '').member);
      const params = meu.params as ParamsOf<'meu-list'>;
      f.requirements.push({
        code: 'MEU',
        kind: 'list',
        covers,
        item: null,
        party: j,
        citation: '15 CFR 744.21(b); Supp. No. 7 to Part 744',
        explanation: covers.length
          ? `${who} is on the Military End-User List${how}; items ${covers.map((i) => f.input.items[i]?.eccn).join(', ')} are in Supp. No. 2 to Part 744, so a license is required and only License Exception GOV is available.`
          : `${who} is on the Military End-User List${how}; its license requirement covers only items in Supp. No. 2 to Part 744, and none of these items is in it.`,
        noExceptions: covers.length > 0,
        reviewPolicy: params.reviewPolicy,
        cond: fact.cond,
        unconfirmed: [],
        part744: true,
      });
      break;
    }
    case 'UVL': {
      const uvl = v.uvl;
      relyOn(uvl);
      const p = uvl.params as ParamsOf<'uvl'>;
      f.requirements.push({
        code: 'UVL',
        kind: 'list',
        covers: [],
        item: null,
        party: j,
        citation: p.noExceptions
          ? '15 CFR 744.15; 740.2(a)(17); 758.1(b)(8)'
          : '15 CFR 744.15 (before 78 FR 76741)',
        explanation: p.noExceptions
          ? `${who} is on the Unverified List${how}: no license exception may be used, a UVL statement is needed before any otherwise-NLR export, and EEI must be filed.`
          : `${who} is on the Unverified List${how}: on ${f.asOf} this was a red flag to resolve before export (no UVL statement rule yet).`,
        noExceptions: p.noExceptions,
        cond: fact.cond,
        unconfirmed: [],
      });
      break;
    }
    case 'DPL':
      f.requirements.push({
        code: 'DPL',
        kind: 'list',
        covers: all,
        item: null,
        party: j,
        citation: '15 CFR 764.3(a)(2); Supp. No. 2 to Part 764',
        explanation: `${who} is a denied person${how}: a denial order prohibits taking part in any transaction involving items subject to the EAR.`,
        noExceptions: true,
        reviewPolicy: 'prohibited by a denial order',
        cond: fact.cond,
        unconfirmed: [],
      });
      break;
    case 'SDN': {
      const u = 'whether §744.8 imposes an EAR license requirement depends on the SDN programme of the entry';
      f.unconfirmed.set(u, '15 CFR 744.8');
      f.requirements.push({
        code: 'SDN',
        kind: 'list',
        covers: all,
        item: null,
        party: j,
        citation: '15 CFR 744.8; 31 CFR Chapter V (OFAC)',
        explanation: `${who} is a Specially Designated National${how}: its property is blocked by OFAC, and §744.8 adds an EAR license requirement for designations under the programmes it lists. Do not proceed without OFAC and BIS authorization.`,
        noExceptions: true,
        reviewPolicy: 'OFAC blocking; EAR policy of denial under §744.8',
        cond: fact.cond,
        unconfirmed: [u],
      });
      break;
    }
    case 'CMIC':
      f.notes.push(
        `Red flag: ${who} is on the Treasury CMIC List${how}. This restricts securities dealings and imposes no EAR license requirement of its own, but it is a strong diversion red flag.`,
      );
      break;
  }
}

// ------------------------------------------------------------------------------------------- end uses

function gatherEndUses(f: Facts, unknown: UnknownFn, relyOn: RelyFn): void {
  const { env, input, asOf } = f;
  const v = env.versions;
  const eu = input.endUse;
  const all = input.items.map((_, i) => i);
  const militaryParty = input.parties.findIndex((p) => p.type === 'military');

  // §744.21
  const r21 = v['744.21'];
  if (r21.status === 'in_force') {
    const p = r21.params as ParamsOf<'744.21'>;
    const members = all.filter((i) => supp2Membership(f, input.items[i]?.eccn ?? '').member);
    if (members.length) {
      const endUse = flag(
        eu.military,
        'endUse.military',
        'endUse.military',
        'knowledge of a military end use decides §744.21 for items in Supp. No. 2 to Part 744',
        unknown,
      );
      let endUser: string | null | false = false;
      if (p.endUser) {
        endUser =
          militaryParty >= 0 && eu.militaryEndUser !== false
            ? null
            : flag(
                eu.militaryEndUser,
                'endUse.militaryEndUser',
                'endUse.militaryEndUser',
                'knowledge of a military end user decides §744.21 for items in Supp. No. 2 to Part 744',
                unknown,
              );
      }
      const prongs = [endUse, endUser].filter((x) => x !== false) as (string | null)[];
      if (prongs.length) {
        const cond = prongs.includes(null) ? null : (prongs[0] as string);
        relyOn(r21);
        const supp = v['744-supp2'];
        const unconfirmedMembers = members.filter(
          (i) => supp2Membership(f, input.items[i]?.eccn ?? '').unconfirmed,
        );
        if (unconfirmedMembers.length) relyOn(supp);
        const which = prongs.includes(null)
          ? eu.military === true
            ? 'a military end use'
            : 'a military end user'
          : p.endUser
            ? 'a military end use or end user (if known)'
            : 'a military end use (if known)';
        f.requirements.push({
          code: '744.21',
          kind: 'end_use',
          covers: members,
          item: null,
          party: null,
          citation: `${r21.citation}; Supp. No. 2 to Part 744`,
          explanation: `${members.map((i) => input.items[i]?.eccn).join(', ')} ${members.length > 1 ? 'are' : 'is'} in Supp. No. 2 to Part 744 and the exporter knows of ${which} in China, so a license is required under §744.21 (only License Exception GOV is available).`,
          noExceptions: true,
          ...(p.reviewPolicy ? { reviewPolicy: p.reviewPolicy } : {}),
          cond,
          unconfirmed: unconfirmedMembers.length ? supp.unconfirmed : [],
          part744: true,
        });
      }
    } else if (eu.military || eu.militaryEndUser || militaryParty >= 0) {
      const supp = v['744-supp2'];
      relyOn(supp);
      f.notes.push(
        `§744.21 reaches only items in Supp. No. 2 to Part 744; none of these items is in it on ${asOf} (${supp.citation}).`,
      );
    }
  } else if (eu.military || eu.militaryEndUser) {
    f.notes.push(
      `§744.21 (China military end use) was not in force on ${asOf}; it took effect on 2007-06-19.`,
    );
  }
  if (
    r21.status === 'in_force' &&
    !(r21.params as ParamsOf<'744.21'>).endUser &&
    eu.militaryEndUser &&
    !eu.military
  ) {
    f.notes.push(
      `On ${asOf} §744.21 had no military end-user prong for China (added 2020-06-29); only knowledge of a military end use triggers it. Review whether the end user's activity is a military end use.`,
    );
  }

  // §744.17: microprocessors for a military end use or end user in Country Group D:1
  const r17 = v['744.17'];
  if (r17.status === 'in_force') {
    const p = r17.params as ParamsOf<'744.17'>;
    const inGroups = p.groups.map((g) => env.inGroup(g));
    const excluded = p.governmentExcluded && f.government !== null;
    if (inGroups.includes('yes') && !excluded) {
      const certain: number[] = [];
      const depends: number[] = [];
      all.forEach((i) => {
        const item = input.items[i];
        if (!item || item.eccn === 'EAR99' || item.microprocessor === false) return;
        if (p.inherent.some((x) => isWithin(item.eccn, x))) certain.push(i);
        else if (p.microprocessorEccns.some((x) => isWithin(item.eccn, x)))
          (item.microprocessor ? certain : depends).push(i);
        else if ([...p.inherent, ...p.microprocessorEccns].some((x) => isWithin(x, item.eccn)))
          (item.microprocessor ? certain : depends).push(i);
      });
      if (certain.length || depends.length) {
        const endUse = p.endUse
          ? flag(
              eu.military,
              'endUse.military',
              'endUse.military',
              'knowledge of a military end use decides §744.17 for microprocessors (and their software and technology)',
              unknown,
            )
          : false;
        const endUser = p.endUser
          ? militaryParty >= 0 && eu.militaryEndUser !== false
            ? null
            : flag(
                eu.militaryEndUser,
                'endUse.militaryEndUser',
                'endUse.militaryEndUser',
                'knowledge of a military end user decides §744.17 for microprocessors (and their software and technology)',
                unknown,
              )
          : false;
        const prongs = [endUse, endUser].filter((x) => x !== false) as (string | null)[];
        if (prongs.length) {
          relyOn(r17);
          const who = prongs.includes(null) ? null : (prongs[0] as string);
          const which =
            who === null
              ? eu.military === true
                ? 'a military end use'
                : 'a military end user'
              : 'a military end use or end user (if known)';
          const push = (covers: number[], cond: string | null, what: string) =>
            f.requirements.push({
              code: '744.17',
              kind: 'end_use',
              covers,
              item: null,
              party: null,
              citation: r17.citation,
              explanation: `${covers.map((i) => input.items[i]?.eccn).join(', ')} ${what}, and the exporter knows of ${which} in ${env.destinationName} (Country Group ${p.groups.join(', ')}), so a license is required under §744.17${p.noExceptions ? ` (no license exception except ${p.exceptions.join(', ')})` : ''}.`,
              noExceptions: p.noExceptions,
              cond,
              unconfirmed: r17.unconfirmed,
              part744: true,
            });
          if (certain.length)
            push(
              certain,
              who,
              `${certain.length > 1 ? 'are' : 'is'} a microprocessor (or its software or technology) within §744.17(a)`,
            );
          depends.forEach((i) => {
            // in scope only if the item is a §744.17 microprocessor: an unknown of its own, besides the prong
            const m = unknown(
              `items[${i}].microprocessor`,
              `items[${i}].microprocessor`,
              `${input.items[i]?.eccn} is in an ECCN §744.17 reaches; whether the item is a microprocessor of 5 GFLOPS or more with a 32-bit or wider arithmetic logic unit (or software or technology for one) decides a §744.17 license requirement`,
            );
            push([i], m, 'may be a microprocessor within §744.17(a)');
            if (who !== null) (f.requirements[f.requirements.length - 1] as Requirement).also = [who];
          });
        }
      }
    }
  }

  // §744.22
  const r22 = v['744.22'];
  if (r22.status === 'in_force') {
    const cond = flag(
      eu.militaryIntelligence,
      'endUse.militaryIntelligence',
      'endUse.militaryIntelligence',
      'knowledge of a military-intelligence end use or end user decides §744.22 for any item',
      unknown,
    );
    if (cond !== false) {
      relyOn(r22);
      f.requirements.push({
        code: '744.22',
        kind: 'end_use',
        covers: all,
        item: null,
        party: null,
        citation: r22.citation,
        explanation: `The exporter knows the items are intended for a military-intelligence end use or end user in China, so a license is required for any item subject to the EAR (§744.22); only GOV (740.11(b)(2)(ii)) is available.`,
        noExceptions: true,
        reviewPolicy: (r22.params as ParamsOf<'744.22'>).reviewPolicy,
        cond,
        unconfirmed: r22.unconfirmed,
        part744: true,
      });
    }
  } else if (eu.militaryIntelligence) {
    f.notes.push(
      `§744.22 (military-intelligence end use/user) was not in force on ${asOf}; it took effect on 2021-03-16.`,
    );
  }

  // §744.23
  const r23 = v['744.23'];
  if (r23.status === 'in_force') {
    const p = r23.params as ParamsOf<'744.23'>;
    const inScope =
      env.row !== null && (p.countries.includes(env.row) || p.groups.some((g) => env.inGroup(g) === 'yes'));
    if (inScope) {
      const chips = all.filter((i) =>
        p.supercomputerEccns.includes(splitEccn(input.items[i]?.eccn ?? '').base),
      );
      const addReq = (covers: number[], cond: string | null, explanation: string, prong: string) => {
        relyOn(r23);
        f.requirements.push({
          code: '744.23',
          kind: 'end_use',
          covers,
          item: null,
          party: null,
          citation: `${r23.citation.replace('(a)(1)-(2)', prong)}`,
          explanation,
          noExceptions: true,
          reviewPolicy: 'case-by-case / presumption of denial (§744.23(d); unconfirmed)',
          cond,
          unconfirmed: r23.unconfirmed,
          part744: true,
        });
      };
      if (chips.length) {
        const cond = flag(
          eu.supercomputer,
          'endUse.supercomputer',
          'endUse.supercomputer',
          'knowledge that ICs or computers are for a supercomputer decides §744.23(a)(1)',
          unknown,
        );
        if (cond !== false) {
          addReq(
            chips,
            cond,
            `${chips.map((i) => input.items[i]?.eccn).join(', ')} are ICs or computers in the ECCNs §744.23(a)(1) lists, known to be for a "supercomputer" in ${env.destinationName}, so a license is required.`,
            '(a)(1)',
          );
        }
      }
      const fab = flag(
        eu.advancedNodeFab,
        'endUse.advancedNodeFab',
        'endUse.advancedNodeFab',
        'knowledge that the items are for IC development or production at an advanced-node fab decides §744.23(a)(2) for any item',
        unknown,
      );
      if (fab !== false) {
        addReq(
          all,
          fab,
          `The items are known to be for the "development" or "production" of ICs at a facility in ${env.destinationName} where "advanced-node ICs" are produced, so a license is required for any item subject to the EAR (§744.23(a)(2)).`,
          '(a)(2)',
        );
      }
    }
  } else if (eu.supercomputer || eu.advancedNodeFab) {
    f.notes.push(
      `§744.23 (supercomputer and advanced-node fab end uses) was not in force on ${asOf}; it took effect in October 2022.`,
    );
  }

  // §§744.2-744.4
  const wmd = v['wmd-end-uses'];
  const wcond = flag(
    eu.wmd,
    'endUse.wmd',
    'endUse.wmd',
    'knowledge of a nuclear, missile, chemical or biological weapons end use decides §§744.2-744.4 for any item',
    unknown,
  );
  if (wcond !== false) {
    f.requirements.push({
      code: '744.2-744.4',
      kind: 'end_use',
      covers: all,
      item: null,
      party: null,
      citation: wmd.citation,
      explanation:
        'The exporter knows of a nuclear, missile, or chemical or biological weapons end use, so a license is required (§§744.2-744.4).',
      noExceptions: true,
      reviewPolicy: 'presumption of denial',
      cond: wcond,
      unconfirmed: wmd.unconfirmed,
      part744: true,
    });
    relyOn(wmd);
  }
}

// ------------------------------------------------------------------------------------------------ VEU

/** Something that bars Authorization VEU: certain (cond null) or if an unknown is true. */
export interface VeuBar {
  why: string;
  cond: string | null;
  /** The bar concerns only this item (eligibility), so it matters only when the item needs a license. */
  item?: number;
}

function gatherVeu(f: Facts, ctx: GatherContext, unknown: UnknownFn): void {
  const request = f.input.veu;
  if (!request) return;
  const { asOf, env } = f;
  const matches = (e: { validatedEndUser: string; aliases: string[] }) =>
    sameParty([request.validatedEndUser], [e.validatedEndUser, ...e.aliases]);
  const fromOverlay = (ctx.overlay?.veuEntries ?? []).find(matches);
  if (fromOverlay) f.overlayUsed = true;
  const entry: VeuEntry | null = fromOverlay
    ? {
        ...fromOverlay,
        citation: 'what-if overlay (not a published Supp. No. 7 entry)',
        source: { notices: [], secondary: ['overlay'] },
        confidence: 'unconfirmed',
        unconfirmed: [],
      }
    : (ctx.rules.veuEntries.find(matches) ?? ctx.veuEntries?.find(matches) ?? null);
  const bars: VeuBar[] = [];
  const family = env.versions.veu;
  const params = family.params as ParamsOf<'veu'>;
  if (family.status !== 'in_force')
    bars.push({ why: `Authorization VEU did not exist on ${asOf} (${family.citation})`, cond: null });
  else if (!env.row || !params.destinations.includes(env.row))
    bars.push({ why: `Authorization VEU is not available for ${env.destinationName}`, cond: null });
  const name = request.validatedEndUser;
  if (!entry) {
    bars.push({
      why: `"${name}" is not in our VEU register`,
      cond: unknown(
        'veu.entry',
        `the VEU entry of "${name}" (Supp. No. 7 to Part 748), via --overlay`,
        'our VEU register holds only the entries our sources confirm; it is incomplete',
      ),
    });
  } else {
    for (const u of entry.unconfirmed)
      f.unconfirmed.set(`VEU ${entry.validatedEndUser}: ${u}`, entry.citation);
    if (entry.excludedFrom744_23 === null) {
      unknown(
        'veu.744.23',
        `whether the VEU entry of "${entry.validatedEndUser}" is excluded from §744.23(a)(1)-(2), via --overlay`,
        '§748.15(d)(1) switches §744.23 off only for VEUs the entry marks',
      );
    }
    const { from, to } = entry.effective;
    if (entry.pendingPublication)
      bars.push({
        why: `${entry.validatedEndUser} is approved by the End-User Review Committee but not yet identified in Supp. No. 7 to Part 748: it is a VEU only once the final rule adding it is published and in effect (15 CFR 748.15(a)(1))`,
        cond: null,
      });
    else if (to && asOf > to)
      bars.push({
        why: `the VEU authorization of ${entry.validatedEndUser} ended on ${to} (${entry.citation})`,
        cond: null,
      });
    else if (from && asOf < from)
      bars.push({
        why: `${entry.validatedEndUser} was not yet a VEU on ${asOf} (listed from ${from})`,
        cond: null,
      });
    // an overlay entry without `effective` (or with from: null) is in force always (the contract); a register
    // entry with from: null has a listing date our sources do not give
    else if (!from && !fromOverlay && !(entry.knownListedFrom && asOf >= entry.knownListedFrom)) {
      bars.push({
        why: `whether ${entry.validatedEndUser} was a VEU on ${asOf} is not in our sources`,
        cond: unknown(
          'veu.listed',
          `the listing date of the VEU entry of "${entry.validatedEndUser}", via --overlay`,
          `our sources show the entry listed only from ${entry.knownListedFrom ?? 'an unknown date'}`,
        ),
      });
    }
    // §748.15(d)(1): consigned to and for use by the VEU: every ultimate consignee and end user is the VEU
    const others = f.input.parties.filter(
      (p) =>
        (p.role === 'end_user' || p.role === 'ultimate_consignee') &&
        !sameParty([p.name], [entry.validatedEndUser, ...entry.aliases]),
    );
    for (const p of others) {
      bars.push({
        why: `items under VEU must be consigned to and used by the VEU (§748.15(d)(1)); the ${p.role.replace('_', ' ')} here is ${p.name}, not ${entry.validatedEndUser}`,
        cond: null,
      });
    }
    if (entry.eligibleDestinations === null || !request.facility) {
      bars.push({
        why: `the eligible facility could not be checked`,
        cond: unknown(
          'veu.facility',
          entry.eligibleDestinations === null
            ? `the eligible destinations of the VEU entry of "${entry.validatedEndUser}", via --overlay`
            : 'veu.facility',
          'items may be exported under VEU only to a facility listed in the entry',
        ),
      });
    } else {
      const facility = normaliseName(request.facility);
      if (
        !entry.eligibleDestinations.some(
          (d) =>
            normaliseName(d) === facility ||
            facility.includes(normaliseName(d)) ||
            normaliseName(d).includes(facility),
        )
      ) {
        bars.push({
          why: `"${request.facility}" is not an eligible destination of the VEU entry`,
          cond: null,
        });
      }
    }
    f.input.items.forEach((item, i) => {
      if (entry.eligibleItems === null) {
        bars.push({
          item: i,
          why: `the eligible items of the VEU entry are not in our sources`,
          cond: unknown(
            'veu.eligibleItems',
            `the eligible items of the VEU entry of "${entry.validatedEndUser}", via --overlay`,
            'only items listed in the entry may be exported under it',
          ),
        });
        return;
      }
      if (entry.eligibleItems.some((e) => isWithin(item.eccn, e))) return;
      if (entry.eligibleItems.some((e) => isWithin(e, item.eccn))) {
        bars.push({
          item: i,
          why: `only some paragraphs of ${item.eccn} are eligible under the entry`,
          cond: unknown(
            `items[${i}].eccn`,
            `items[${i}].eccn`,
            `the paragraph of ${item.eccn} decides its VEU eligibility`,
          ),
        });
        return;
      }
      bars.push({ item: i, why: `${item.eccn} is not an eligible item of the VEU entry`, cond: null });
    });
  }
  const eu = f.input.endUse;
  const civil: [boolean | undefined, string, string][] = [
    [eu.military, 'endUse.military', 'a military end use'],
    [eu.militaryEndUser, 'endUse.militaryEndUser', 'a military end user'],
    [eu.militaryIntelligence, 'endUse.militaryIntelligence', 'a military-intelligence end use'],
    [eu.wmd, 'endUse.wmd', 'a weapons of mass destruction end use'],
  ];
  for (const [value, id, what] of civil) {
    if (value === true)
      bars.push({
        why: `items under VEU in China may be used only for civil end uses (§748.15(d)(1)); here there is ${what}`,
        cond: null,
      });
    else if (value === undefined)
      bars.push({
        why: `VEU needs a civil end use`,
        cond: unknown(id, id, `a civil end use is a condition of VEU (§748.15(d)(1))`),
      });
  }
  f.veu = { overlay: !!fromOverlay, entry, bars };
}
