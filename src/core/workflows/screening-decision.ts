/**
 * Decisions the organisation remembers (issue 13, item 6): a compliance officer confirms that a name is a
 * listed party, or clears a listed entry as a false positive for a name. Each decision names the list entry
 * by its id and by a hash of its content in the snapshot it was made on; later screening by the same
 * organisation applies it through `screenWithDecisions`, a Screener that wraps the loaded one:
 *
 * - a confirmed (name, entry) pair is a hit for that name (and any name that normalises to the same words),
 *   whatever the score, with the explanation "confirmed by <user> on <date>: <reason>";
 * - a cleared pair is left out while the entry's content hash is the one decided on; once the entry changes
 *   (another hash, or it was missing from a snapshot since) the hit comes back marked
 *   "cleared earlier; list entry changed since — review again";
 * - with four eyes on, a clearance is pending (not applied) until a second, different officer approves it.
 *
 * Pure: dates come in as parameters, the store and the session are the caller's.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { HttError } from '../errors.js';
import { normalizeName } from '../screening/normalize.js';
import type {
  HitDecision,
  ListedEntity,
  ScreenOptions,
  Screener,
  ScreeningHit,
  ScreeningQuery,
} from '../screening/types.js';

export const decisionKinds = ['confirm', 'clear'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionStates = ['pending', 'active', 'revoked'] as const;
export type DecisionState = (typeof decisionStates)[number];

export interface DecisionPerson {
  userId: string;
  name: string;
}

/** The list entry a decision is about, as it stood in the snapshot the decision was made on. */
export interface DecidedEntry {
  id: string;
  list: string;
  name: string;
  /** sha256 of the entry's content (entryHash): a later snapshot with another hash changed the entry. */
  hash: string;
  snapshot: string;
}

export interface ScreeningDecisionData {
  orgId: string;
  kind: DecisionKind;
  /** The name decided on, as written (a counterparty's name, or a name screened). */
  name: string;
  /** The counterparty the decision was taken for, if any (for reference; the pair is the name and entry). */
  counterpartyId?: string;
  entry: DecidedEntry;
  reason: string;
  decidedBy: DecisionPerson;
  /** ISO timestamp. */
  decidedOn: string;
  /** The second officer (four eyes), once approved. */
  approvedBy?: DecisionPerson & { on: string };
  revoked?: DecisionPerson & { on: string; reason: string };
  /** The first snapshot seen without the entry: the entry was removed, so a re-added one is reviewed again. */
  entryMissingIn?: string;
}

export interface Decision {
  id: string;
  state: DecisionState;
  data: ScreeningDecisionData;
}

export type { HitDecision };
export type DecidedHit = ScreeningHit;

/** The fields of a listed entry that its content hash covers (the record as read is left out: the same
 * entry read from another file format keeps its hash). */
export function entryHash(e: ListedEntity): string {
  const content = {
    id: e.id,
    list: e.list,
    source: e.source,
    name: e.name,
    aliases: e.aliases,
    type: e.type,
    countries: e.countries,
    addresses: e.addresses,
    programs: e.programs,
    licenseRequirement: e.licenseRequirement,
    licensePolicy: e.licensePolicy,
    federalRegister: e.federalRegister,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The name as the matcher normalises it (its word keys in order): the key decisions are looked up by. */
export function nameKey(name: string): string {
  return normalizeName(name)
    .map((t) => t.key)
    .join(' ');
}

const dateOf = (timestamp: string) => timestamp.slice(0, 10);

export interface NewDecision {
  orgId: string;
  kind: DecisionKind;
  name: string;
  counterpartyId?: string;
  entry: ListedEntity;
  snapshot: string;
  reason: string;
  by: DecisionPerson;
  on: string;
  /** The organisation's four-eyes setting for clearances. */
  fourEyes: boolean;
}

/** A new decision: a clearance waits for a second officer when the organisation asks for four eyes. */
export function decide(d: NewDecision): { state: DecisionState; data: ScreeningDecisionData } {
  const reason = d.reason.trim();
  if (!reason)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'a screening decision needs a reason',
      field: 'reason',
    });
  const name = d.name.trim();
  if (!name || !nameKey(name))
    throw new HttError({ code: 'INPUT.INVALID', message: 'the name decided on is empty', field: 'name' });
  return {
    state: d.kind === 'clear' && d.fourEyes ? 'pending' : 'active',
    data: {
      orgId: d.orgId,
      kind: d.kind,
      name,
      ...(d.counterpartyId ? { counterpartyId: d.counterpartyId } : {}),
      entry: {
        id: d.entry.id,
        list: d.entry.list,
        name: d.entry.name,
        hash: entryHash(d.entry),
        snapshot: d.snapshot,
      },
      reason,
      decidedBy: d.by,
      decidedOn: d.on,
    },
  };
}

/** The second pair of eyes on a pending clearance: another officer of the organisation. */
export function approve(
  d: Decision,
  by: DecisionPerson,
  on: string,
): { state: DecisionState; data: ScreeningDecisionData } {
  if (d.state !== 'pending')
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `decision ${d.id} is ${d.state}: only a pending clearance is approved`,
    });
  if (by.userId === d.data.decidedBy.userId)
    throw new HttError({
      code: 'CASE.SELF_APPROVAL',
      message: `four eyes: ${by.name} made this clearance and cannot approve it; another officer of the organisation must`,
    });
  if (on < d.data.decidedOn)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'an approval cannot precede the clearance it approves',
    });
  return { state: 'active', data: { ...d.data, approvedBy: { ...by, on } } };
}

/** Withdraw a decision (pending or active): later screening no longer applies it. */
export function revoke(
  d: Decision,
  by: DecisionPerson,
  on: string,
  reason: string,
): { state: DecisionState; data: ScreeningDecisionData } {
  if (d.state === 'revoked')
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `decision ${d.id} is already revoked` });
  if (!reason.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'revoking a decision needs a reason',
      field: 'reason',
    });
  return { state: 'revoked', data: { ...d.data, revoked: { ...by, on, reason: reason.trim() } } };
}

/** How a decision stands against the entry as the current snapshot lists it. */
export type Standing = 'applies' | 'entry_changed' | 'entry_missing' | 'pending' | 'revoked';

export function standing(d: Decision, current: ListedEntity | undefined): Standing {
  if (d.state === 'revoked') return 'revoked';
  if (!current) return 'entry_missing';
  if (d.data.entryMissingIn || entryHash(current) !== d.data.entry.hash) return 'entry_changed';
  return d.state === 'pending' ? 'pending' : 'applies';
}

/**
 * Decisions whose entry the snapshot does not list and that do not say so yet: the caller records
 * `entryMissingIn` on them, so that an entry removed and later re-added is reviewed again.
 */
export function missingFrom(
  decisions: Decision[],
  entity: (id: string) => ListedEntity | undefined,
): Decision[] {
  return decisions.filter((d) => d.state !== 'revoked' && !d.data.entryMissingIn && !entity(d.data.entry.id));
}

/** An organisation's decisions, indexed by the normalised name they were taken on. */
export interface DecisionMemory {
  readonly size: number;
  /** The pending and active decisions on a name (through its normalised key). */
  on(name: string): Decision[];
}

export function decisionMemory(
  decisions: Decision[],
  key: (name: string) => string = nameKey,
): DecisionMemory {
  const byKey = new Map<string, Decision[]>();
  for (const d of decisions) {
    if (d.state === 'revoked') continue;
    const k = key(d.data.name);
    byKey.set(k, [...(byKey.get(k) ?? []), d]);
  }
  return {
    size: byKey.size,
    on: (name) => (byKey.size ? (byKey.get(key(name)) ?? []) : []),
  };
}

const confirmedNote = (d: Decision) =>
  `confirmed by ${d.data.decidedBy.name} on ${dateOf(d.data.decidedOn)}: ${d.data.reason}`;

function note(d: Decision, status: HitDecision['status']): HitDecision {
  return {
    id: d.id,
    kind: d.data.kind,
    status,
    by: d.data.decidedBy.name,
    on: dateOf(d.data.decidedOn),
    reason: d.data.reason,
  };
}

function hitOf(e: ListedEntity, d: Decision): DecidedHit {
  const hit: DecidedHit = {
    id: e.id,
    list: e.list,
    source: e.source,
    name: e.name,
    matchedName: e.name,
    score: 1,
    explanation: `${confirmedNote(d)} (the organisation's decision ${d.id} that "${d.data.name}" is this listed party)`,
    countries: e.countries,
    decision: note(d, 'confirmed'),
  };
  if (e.licenseRequirement) hit.licenseRequirement = e.licenseRequirement;
  if (e.licensePolicy) hit.licensePolicy = e.licensePolicy;
  if (e.federalRegister) hit.federalRegister = e.federalRegister;
  return hit;
}

/**
 * The loaded screener with an organisation's decisions applied. Entries the caller clears (options.cleared)
 * stay cleared; a confirmed entry is a hit at score 1 whatever the threshold or country filter, as long as
 * the snapshot lists it (and a confirmation outweighs a clearance of the same pair: the hit stays).
 */
export function screenWithDecisions(screener: Screener, memory: DecisionMemory): Screener {
  if (!memory.size) return screener;
  const entity = (id: string) => screener.entity?.(id);
  function screen(query: ScreeningQuery, options: ScreenOptions = {}): DecidedHit[] {
    // a query the screener refuses (no name, too long) is refused by it, with its error
    const decisions =
      typeof query?.name === 'string' && query.name.length <= 2000 ? memory.on(query.name) : [];
    if (!decisions.length) return screener.screen(query, options);
    const applied = decisions.map((d) => ({ d, standing: standing(d, entity(d.data.entry.id)) }));
    const cleared = applied
      .filter((a) => a.d.data.kind === 'clear' && a.standing === 'applies')
      .map((a) => a.d.data.entry.id);
    const asked = new Set(options.cleared ?? []);
    const hits: DecidedHit[] = screener
      .screen(query, { ...options, cleared: [...(options.cleared ?? []), ...cleared] })
      .map((h) => ({ ...h }));
    for (const { d, standing: st } of applied) {
      const id = d.data.entry.id;
      if (asked.has(id) || st === 'entry_missing') continue;
      const at = hits.findIndex((h) => h.id === id);
      if (d.data.kind === 'confirm') {
        const e = entity(id);
        if (at >= 0) {
          const h = hits[at]!;
          hits[at] = {
            ...h,
            score: 1,
            explanation: `${confirmedNote(d)}; ${h.explanation}`,
            decision: note(d, 'confirmed'),
          };
        } else if (e) hits.push(hitOf(e, d));
      } else if (at >= 0 && !hits[at]!.decision) {
        const h = hits[at]!;
        hits[at] =
          st === 'entry_changed'
            ? {
                ...h,
                explanation: `cleared earlier by ${d.data.decidedBy.name} on ${dateOf(d.data.decidedOn)} (${d.data.reason}); list entry changed since — review again; ${h.explanation}`,
                decision: note(d, 'review'),
              }
            : {
                ...h,
                explanation: `cleared by ${d.data.decidedBy.name} on ${dateOf(d.data.decidedOn)} (${d.data.reason}), pending a second officer's approval; ${h.explanation}`,
                decision: note(d, 'pending'),
              };
      }
    }
    hits.sort((a, b) => b.score - a.score);
    return options.limit !== undefined ? hits.slice(0, options.limit) : hits;
  }
  return { ...screener, snapshot: screener.snapshot, snapshotDate: screener.snapshotDate, screen };
}
