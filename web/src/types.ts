import type { Message as CheckMessage } from '../../src/core/messages/messages.js';
/** The shapes the desk reads from the API (/api/v1/openapi.json), kept to the fields the screens use. */

export interface User {
  userId: string;
  name: string;
  orgId: string;
  orgType: string;
  role: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

export interface Rec<T> {
  kind: string;
  id: string;
  orgIds: string[];
  state: string;
  data: T;
  version: number;
  createdAt: string;
  updatedAt: string;
  retainUntil: string | null;
}

export interface ClockEvent {
  type: 'start' | 'stop' | 'resume' | 'end';
  on: string;
  why?: string;
}

export interface Message {
  on: string;
  from: string;
  text: string;
}

export interface Hit {
  id: string;
  list: string;
  source?: string;
  name: string;
  matchedName: string;
  score: number;
  explanation?: string;
  countries?: string[];
  licenseRequirement?: string;
  licensePolicy?: string;
  federalRegister?: string;
  /** The organisation's remembered decision on this name and entry. */
  decision?: {
    id: string;
    kind: 'confirm' | 'clear';
    status: 'confirmed' | 'review' | 'pending';
    by: string;
    on: string;
    reason: string;
  };
}

export interface ScreenResult {
  query: string;
  hits: Hit[];
}

export interface CheckItem {
  eccn: string;
  description?: string;
  kind?: 'commodity' | 'software' | 'technology';
  quantity?: number;
  valueUsd?: number;
}

export interface CheckParty {
  role: 'end_user' | 'ultimate_consignee' | 'intermediate_consignee' | 'purchaser';
  name: string;
  address?: string;
  country?: string;
  type?: 'company' | 'government' | 'military' | 'university' | 'person';
}

export type EndUseFlag =
  'military' | 'militaryEndUser' | 'militaryIntelligence' | 'supercomputer' | 'advancedNodeFab' | 'wmd';

export interface CheckInput {
  asOf?: string;
  destination: string;
  items: CheckItem[];
  parties: CheckParty[];
  endUse: { description?: string } & Partial<Record<EndUseFlag, boolean>>;
  veu?: { validatedEndUser: string; facility: string };
}

export interface Reason {
  code: string;
  item: number | null;
  party: number | null;
  citation: string;
  explanation: string;
  unconfirmed?: boolean;
  /** The explanation as a message of the shared catalogue (src/core/messages). */
  message?: CheckMessage;
}

export interface DocumentReq {
  type: string;
  citation: string;
  why: string;
  unconfirmed?: boolean;
  message?: CheckMessage;
}

/** A missing input: the contract's object (older stored answers held the input name alone). */
export type MissingReq = string | { input: string; why: string; message?: CheckMessage };

export interface CheckOutput {
  asOf: string;
  ruleSet: string;
  lists: string;
  overlayUsed?: boolean;
  licenseRequired: boolean | null;
  authorization: string;
  licenseException: string | null;
  reviewPolicy?: string | null;
  reasons: Reason[];
  documents: DocumentReq[];
  screening: { party: number; applied?: boolean; note?: string; hits: Hit[] }[];
  missing: MissingReq[];
  unconfirmed?: { datum: string; citation: string }[];
  notes?: string[];
  noteMessages?: CheckMessage[];
}

export interface Eccn {
  eccn: string;
  heading: string;
}

/** A counterparty's stored screening keeps a summary of each hit (no explanation, source or countries). */
export type HitSummary = Pick<Hit, 'id' | 'list' | 'name' | 'matchedName' | 'score'> & Partial<Hit>;

export interface Counterparty {
  name: string;
  country?: string;
  address?: string;
  cleared: { id: string; by: string; on: string; reason: string }[];
  /** null: not screened (no list snapshot loaded when it was added) */
  screening: { snapshot: string; screenedOn: string; hits: HitSummary[] } | null;
}

export interface ScreeningDecision {
  kind: 'confirm' | 'clear';
  name: string;
  counterpartyId?: string;
  entry: { id: string; list: string; name: string; hash: string; snapshot: string };
  reason: string;
  decidedBy: { userId: string; name: string };
  decidedOn: string;
  approvedBy?: { userId: string; name: string; on: string };
  revoked?: { userId: string; name: string; on: string; reason: string };
  entryMissingIn?: string;
}

export interface Hold {
  transactionId: string;
  source: 'screening' | 'determination' | 'manual';
  reason: string;
  openedBy: string;
  openedOn: string;
  counterpartyId?: string;
  /** A screening hold: the party and the listed entries it matched, and the analysts' clearances. */
  party?: string;
  entryIds?: string[];
  clearances?: { entryId: string; by: string; on: string; reason: string }[];
  releasedBy?: string;
  releasedOn?: string;
  releaseReason?: string;
  releaseBasis?: 'redetermined' | 'false_positive';
}

export interface Transaction {
  reference: string;
  counterpartyIds: string[];
  determination: { input: CheckInput; result: CheckOutput; checkedAt: string };
  licenseId?: string;
  eusRequestId?: string;
  veuEntryId?: string;
  shippedOn?: string;
}

export interface EusRequest {
  exporterOrgId?: string;
  exporterName: string;
  importerName: string;
  endUser: { name: string; address?: string };
  endUse: string;
  contract?: { title?: string; number?: string };
  items: { description: string; eccn?: string; quantity: number; valueUsd: number }[];
  clock: ClockEvent[];
  targetDays: number;
  messages: Message[];
  statementNumber?: string;
  sealReference?: string;
  reason?: string;
  issuedOn?: string;
  decidedOn?: string;
  /** the Statement's language, the importer's signature (§748.10(c)(2)(v)), its English translation (§748.9(d)(1)) */
  language?: string;
  importerSignature?: { signatory: string; title?: string; signedOn: string };
  englishTranslation?: {
    text: string;
    madeBy: 'translating_service' | 'certified_by_applicant';
    translator: string;
  };
}

export interface LicenseApplication {
  destination: string;
  parties: { role: string; name: string; country?: string }[];
  items: { eccn: string; description: string; quantity: number; valueUsd: number }[];
  endUse: string;
  clock: ClockEvent[];
  agencies: string[];
  recommendations: { agency: string; on: string; recommendation: string; reasons: string }[];
  conditions: string[];
  messages: Message[];
  registeredOn?: string;
  referredOn?: string;
  decidedOn?: string;
  reason?: string;
  licenseNumber?: string;
}

/** An issued license (15 CFR 750.7, 750.8). */
export interface IssuedLicense {
  licenseNumber: string;
  applicationId: string;
  items: { eccn: string; description: string; quantity: number; valueUsd: number }[];
  conditions: string[];
  validFrom: string;
  validUntil: string;
  validity?: { citation: string; unconfirmed: string[] };
  shipments: { ref: string; on: string }[];
  revokedItems?: { item: number; on: string; reason: string }[];
  history?: { on: string; action: string; by: string; text: string; validUntil?: string }[];
  extensionRequest?: { on: string; justification: string; validUntil?: string };
  appeal?: {
    filedOn: string;
    statement: string;
    decision?: { on: string; outcome: string; reasons: string };
  };
  replaces?: string;
  replacedBy?: string;
}

export interface Deadline {
  /** in English; `message` is the same from the record catalogue, rendered in the reader's language */
  what: string;
  message?: import('./lib/say').ServerMessage;
  citation: string;
  /** the date it falls due (null: no date, e.g. a decision of the President) */
  dueOn: string | null;
  /** processing days, for the clock-counted deadlines of §750.4 only */
  dueAfterDays?: number;
  elapsed?: number;
  met: boolean | null;
  overdue: boolean;
}

export interface LicenseClock {
  elapsed: number;
  stoppedDays: number;
  deadlines: Deadline[];
}

export interface VeuApplication {
  candidate: { name: string; address?: string };
  facilities: { name: string; address: string }[];
  items: string[];
  civilEndUses: string;
  members: string[];
  clock: ClockEvent[];
  votes: { agency: string; vote: string; on: string; reason: string }[];
  messages: Message[];
  circulatedOn?: string;
  decidedOn?: string;
  entryId?: string;
}

export interface VeuEntry {
  entry: {
    validatedEndUser: string;
    eligibleItems: string[];
    eligibleDestinations: string[];
    effective: { from: string; to: string | null };
    citation?: string;
  };
  applicationId: string;
  certifications: { exporterOrgId: string; on: string; text: string }[];
  /** the ERC members' votes on revoking the entry ("approve": revoke); a majority revokes */
  revocationVotes?: { agency: string; vote: string; on: string; reason?: string }[];
}

export interface Metrics {
  asOf: string;
  eusTargetDays: number;
  eusPending?: number;
  mofcomReviewByMonth: {
    month: string;
    decided: number;
    medianDays: number | null;
    p90Days: number | null;
    withinTarget: number;
    shareWithinTarget: number | null;
  }[];
  veu: {
    pending: number;
    pendingOverdue: number;
    decided: number;
    approved: number;
    decidedWithin30Days: number;
    shareDecidedWithin30Days: number | null;
    medianDays: number | null;
  };
  licenseDaysByEccn: {
    eccn: string;
    decided: number;
    medianDays: number | null;
    p90Days: number | null;
    maxDays: number | null;
  }[];
  outreach: { events: number; held: number; registrations: number; questions: number; answered: number };
}

export interface OutreachEvent {
  title: string;
  date: string;
  location?: string;
  agenda?: string[];
  kind?: string;
  registrations: unknown[];
  materials: { title: string; reference?: string }[];
}

export interface OutreachQuestion {
  eventId?: string;
  askedOn: string;
  text: string;
  answer?: string;
  answeredOn?: string;
}

export interface AuditVerify {
  ok: boolean;
  count?: number;
  lastSeq?: number;
  head?: string;
  headChecked?: boolean;
  seq?: number;
  problem?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  kind: string;
  recordId: string;
  hash: string;
}

/** GET /license-applications/{id}/record: what a reviewer decides on. */
export interface ApplicationRecord {
  id: string;
  applicant: { orgId: string; name: string };
  determination: {
    transactionReference: string;
    checkedAt: string;
    input: Pick<CheckInput, 'parties' | 'items' | 'destination'>;
    result: Pick<
      CheckOutput,
      | 'asOf'
      | 'ruleSet'
      | 'lists'
      | 'authorization'
      | 'licenseRequired'
      | 'reviewPolicy'
      | 'reasons'
      | 'documents'
      | 'screening'
    >;
  } | null;
  statements: {
    number: string;
    statements: { id: string; state: string; endUser: string; importerName: string; issuedOn?: string }[];
  }[];
}
