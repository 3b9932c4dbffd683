/**
 * The screening port: the contract between restricted-party screening and the determination engine.
 * The evaluator calls `Screener.screen` for every party; hits on the Entity List, MEU List and Unverified
 * List feed the determination. Pure types only.
 */
import type { CitationDates } from './list-history.js';

/** Lists whose legal effect the determination engine knows. Other lists are reported but decide nothing. */
export type ListCode = 'ENTITY_LIST' | 'MEU' | 'UVL' | 'DPL' | 'SDN' | 'CMIC' | 'OTHER';

/** One listed party in canonical form, whatever file format it came from. */
export interface ListedEntity {
  id: string; // stable within a snapshot, e.g. "el-1234" or "sdn-306"
  list: ListCode;
  source: string; // human name of the source list, e.g. "Entity List (EL) - Bureau of Industry and Security"
  name: string; // primary listed name
  aliases: string[];
  type?: string; // "Entity" | "Individual" | "Vessel" | ...
  countries: string[]; // ISO 3166-1 alpha-2
  addresses: string[];
  programs: string[];
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegister?: string; // e.g. "84 FR 22963"
  /**
   * Where names that are not the list's own come from: a Chinese name decoded from an OFAC CCC remark,
   * shipped open data or a file the user imported (docs/SCREENING.md, "Names from open data"). Each name
   * here is also in `aliases`; a hit through it names the source in its explanation and `nameSource`.
   */
  nameSources?: NameSource[];
  original?: unknown; // the record as read, kept for audit
}

/** A name added to a listed entry from outside the list, and what every hit through it says of its origin. */
export interface NameSource {
  name: string;
  /** e.g. "Chinese name from OFAC CCC remark, decoded via Unihan" */
  source: string;
}

export interface ScreeningQuery {
  name: string;
  country?: string; // ISO-2; restricts candidates to entries with this country (or none recorded)
}

export interface ScreenOptions {
  threshold?: number; // default: the documented default threshold
  limit?: number;
  /** Analyst decisions "this party is not that listed entry": entity ids to drop for this query. */
  cleared?: string[];
}

export interface ScreeningHit {
  id: string;
  list: ListCode;
  source: string;
  name: string; // listed primary name
  matchedName: string; // listed name or alias that matched
  score: number; // 0..1
  explanation: string; // which words contributed what
  /** When the matched name is not the list's own: where it comes from (ListedEntity.nameSources). */
  nameSource?: string;
  countries: string[];
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegister?: string;
  /** The screening organisation's decision on this name and entry, when one applies (screening-decision.ts). */
  decision?: HitDecision;
}

/** What a hit says about the organisation's remembered decision on it (docs/SCREENING.md). */
export interface HitDecision {
  id: string;
  kind: 'confirm' | 'clear';
  /** confirmed: the pair is confirmed; review: cleared earlier but the entry changed; pending: awaiting four eyes. */
  status: 'confirmed' | 'review' | 'pending';
  by: string;
  /** The date of the decision (ISO). */
  on: string;
  reason: string;
}

export interface Screener {
  /** Snapshot id, e.g. "csl@2026-07-31T13:15Z#<hash8>". Stamped on every determination. */
  readonly snapshot: string;
  /** Date of the list data (ISO), for "as of" reasoning. */
  readonly snapshotDate: string;
  screen(query: ScreeningQuery, options?: ScreenOptions): ScreeningHit[];
  /** Federal Register citation dates, to date each entry's listing (list-history.ts); absent: volume years only. */
  readonly citationDates?: CitationDates;
  /** The listed entity with this id in the snapshot, if any (decisions check the entry they were taken on). */
  entity?(id: string): ListedEntity | undefined;
}
