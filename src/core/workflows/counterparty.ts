/**
 * Counterparties (an exporter's customer master) and their screening status. Re-screening against a new list
 * snapshot compares the hits with the last ones: a new hit (not cleared by an analyst) opens holds on the
 * party's open transactions.
 */
import type { CounterpartyInput } from '../../contracts/records.js';
import type { HitDecision, ScreeningHit } from '../screening/types.js';

export interface HitSummary {
  id: string;
  list: string;
  name: string;
  matchedName: string;
  score: number;
  /** Why it matched (the screener's explanation; absent in records screened before it was kept). */
  explanation?: string;
  source?: string;
  countries?: string[];
  /** The organisation's decision on this hit (confirmed, cleared earlier but changed, pending four eyes). */
  decision?: HitDecision;
}

export interface CounterpartyData extends CounterpartyInput {
  ownerOrgId: string;
  /**
   * Entry ids an analyst decided are not this party, as recorded before decisions became records of their
   * own (screening_decision); still honoured, no longer written.
   */
  cleared: { id: string; by: string; on: string; reason: string }[];
  screening: { snapshot: string; screenedOn: string; hits: HitSummary[] } | null;
}

export type ScreeningStatus = 'unscreened' | 'clear' | 'hit';

export const summariseHits = (hits: ScreeningHit[]): HitSummary[] =>
  hits.map((h) => ({
    id: h.id,
    list: h.list,
    name: h.name,
    matchedName: h.matchedName,
    score: Math.round(h.score * 1000) / 1000,
    explanation: h.explanation,
    source: h.source,
    countries: h.countries,
    ...(h.decision ? { decision: h.decision } : {}),
  }));

export function screeningStatus(data: CounterpartyData): ScreeningStatus {
  if (!data.screening) return 'unscreened';
  const cleared = new Set(data.cleared.map((c) => c.id));
  return data.screening.hits.some((h) => !cleared.has(h.id)) ? 'hit' : 'clear';
}

/** The hits of a new screening that were not there before and are not cleared. */
export function newHits(data: CounterpartyData, hits: HitSummary[]): HitSummary[] {
  const before = new Set((data.screening?.hits ?? []).map((h) => h.id));
  const cleared = new Set(data.cleared.map((c) => c.id));
  return hits.filter((h) => !before.has(h.id) && !cleared.has(h.id));
}
