/**
 * Counterparties with their screening status, delta re-screening, and transactions with their frozen
 * determination and holds; shipping depletes licenses and End-User Statements and records VEU shipments.
 */
import { checkInput, type CheckInput } from '../../contracts/check.js';
import { counterpartyInput as cpInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import type { VeuEntry } from '../../core/rules/schema.js';
import type { Screener } from '../../core/screening/types.js';
import {
  newHits,
  screeningStatus,
  summariseHits,
  type CounterpartyData,
  type HitSummary,
} from '../../core/workflows/counterparty.js';
import { drawDown, type EusRequestData, type EusState } from '../../core/workflows/end-user-statement.js';
import type { LicenseApplicationData } from '../../core/workflows/license-application.js';
import type { LicenseData } from '../../core/workflows/license.js';
import { nextState } from '../../core/workflows/machine.js';
import { releaseGate } from '../../core/workflows/release-gate.js';
import { afterExport, afterReexport, afterTermination } from '../../core/workflows/retention.js';
import {
  clearHoldEntry,
  holdsForDetermination,
  type HoldRequest,
  type ReleaseBasis,
  transactionMachine,
  openHold,
  releaseHold,
  type FrozenDetermination,
  type HoldData,
  type HoldState,
  type TransactionData,
  type TransactionState,
} from '../../core/workflows/transaction.js';
import {
  entryOn,
  shipmentNotice,
  type VeuEntryData,
  type VeuShipmentData,
} from '../../core/workflows/veu.js';
import { checkValidated } from '../check.js';
import { validate } from '../validate.js';
import type { RecordReader, RecordWriter, StoredRecord } from '../ports/record-store.js';
import { statementsNamedBy } from './eus-requests.js';
import { markMissingEntries, recordDecision, screenerForOrg } from './screening-decisions.js';
import {
  audit,
  dateOf,
  eventDate,
  getVisible,
  newId,
  requireRole,
  SYSTEM,
  type Actor,
  type CaseServices,
} from './context.js';

// ------------------------------------------------------------------------------------ counterparties

export async function addCounterparty(
  s: CaseServices,
  actor: Actor,
  raw: unknown,
): Promise<StoredRecord<CounterpartyData>> {
  requireRole(actor, ['compliance_officer'], 'add counterparties');
  const input = validate(cpInput, raw, 'counterparty');
  const screener = await screenerForOrg(s, actor.orgId);
  const data: CounterpartyData = {
    ...input,
    ownerOrgId: actor.orgId,
    cleared: [],
    screening: screener
      ? {
          snapshot: screener.snapshot,
          screenedOn: s.now(),
          hits: screen(screener, input.name, input.country, []),
        }
      : null,
  };
  return s.store.transaction((tx) =>
    tx.insert<CounterpartyData>(
      {
        kind: 'counterparty',
        id: newId('cp'),
        orgIds: [actor.orgId],
        state: screeningStatus(data),
        data,
        retainUntil: null,
      },
      audit(actor, 'counterparty.add', s.now()),
    ),
  );
}

function screen(
  screener: Screener,
  name: string,
  country: string | undefined,
  cleared: string[],
): HitSummary[] {
  return summariseHits(screener.screen({ name, ...(country ? { country } : {}) }, { cleared }));
}

/**
 * An analyst's decision on a hit of a counterparty: the listed entry is not this party (`clear`), or it is
 * (`confirm`). Recorded as the organisation's screening decision on the counterparty's name (screening-
 * decisions.ts): a clearance holds until the entry changes, and waits for a second officer under four eyes.
 * Returns the counterparty as screened again with the decision.
 */
export async function decideHit(
  s: CaseServices,
  actor: Actor,
  kind: 'clear' | 'confirm',
  id: string,
  entryId: string,
  reason: string,
): Promise<StoredRecord<CounterpartyData>> {
  requireRole(actor, ['compliance_officer'], `${kind} screening hits`);
  if (!reason.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${kind === 'clear' ? 'clearing' : 'confirming'} a hit needs a reason`,
      field: 'reason',
    });
  await getVisible<CounterpartyData>(s, actor, 'counterparty', id);
  await recordDecision(s, actor, { kind, counterpartyId: id, entryId, reason }, `counterparty.${kind}_hit`);
  return getVisible<CounterpartyData>(s, actor, 'counterparty', id);
}

/**
 * Delta re-screening after a new list snapshot: every stored counterparty is screened again, and so is every
 * party of every open transaction (linked to a counterparty or not); each new hit (not seen before, not
 * cleared) opens a hold naming the party and the listed entries. The in-process path (this) and the
 * `lists.rescreen` job (src/app/jobs) share one code path: the targets of rescreenTargets, cut into chunks of
 * RESCREEN_CHUNK, each chunk screened by rescreenChunk in one database transaction (the job writes the chunk's
 * result in that same transaction), so a failure or a kill leaves whole chunks done and nothing half-written;
 * each step is idempotent (a hit already held opens nothing), so a chunk run again adds nothing twice.
 */
export async function rescreenAll(
  s: CaseServices,
  screener: Screener,
): Promise<{ screened: number; openTransactions: number; newHits: number; holdsOpened: number }> {
  // decisions on entries this snapshot no longer lists are marked first, so that a re-added entry is reviewed
  await markMissingEntries(s, screener);
  const targets = await rescreenTargets(s);
  // each organisation screens with its own decisions
  const forOrg = orgScreenerOf(s, screener);
  let newHits = 0;
  let holdsOpened = 0;
  for (const chunk of rescreenChunks(targets)) {
    const run = await rescreenChunk(s, screener, chunk, forOrg);
    const r = await s.store.transaction(run);
    newHits += r.newHits;
    holdsOpened += r.holdsOpened;
  }
  return {
    screened: targets.counterparties.length,
    openTransactions: targets.transactions.length,
    newHits,
    holdsOpened,
  };
}

/** Counterparties or open transactions per chunk of a re-screening (one database transaction each). */
export const RESCREEN_CHUNK = 100;

/** One target of a re-screening. */
export type RescreenItem = { counterparty: string } | { transaction: string };

/** The targets in chunks: counterparties first (their holds name the counterparty), then open transactions. */
export function rescreenChunks(t: { counterparties: string[]; transactions: string[] }): RescreenItem[][] {
  const items: RescreenItem[] = [
    ...t.counterparties.map((id) => ({ counterparty: id })),
    ...t.transactions.map((id) => ({ transaction: id })),
  ];
  const out: RescreenItem[][] = [];
  for (let i = 0; i < items.length; i += RESCREEN_CHUNK) out.push(items.slice(i, i + RESCREEN_CHUNK));
  return out;
}

/**
 * Prepare one chunk of a re-screening: each target's organisation screener is read first (outside the write
 * transaction); the function returned screens the chunk's targets inside one write transaction `tx`.
 */
export async function rescreenChunk(
  s: CaseServices,
  screener: Screener,
  items: RescreenItem[],
  forOrg: (orgId: string) => Promise<Screener> = orgScreenerOf(s, screener),
): Promise<(tx: RecordWriter) => Promise<{ screened: number; newHits: number; holdsOpened: number }>> {
  const screeners = new Map<RescreenItem, Screener>();
  for (const item of items) {
    if ('counterparty' in item) {
      const stored = await s.store.get<CounterpartyData>('counterparty', item.counterparty);
      if (stored) screeners.set(item, await forOrg(stored.data.ownerOrgId));
    } else {
      const stored = await s.store.get<TransactionData>('transaction', item.transaction);
      if (stored?.state === 'open') screeners.set(item, await forOrg(stored.data.exporterOrgId));
    }
  }
  return async (tx) => {
    const total = { screened: 0, newHits: 0, holdsOpened: 0 };
    for (const item of items) {
      total.screened++;
      const orgScreener = screeners.get(item);
      if (!orgScreener) continue;
      const r =
        'counterparty' in item
          ? await rescreenCounterpartyIn(tx, s, screener, orgScreener, item.counterparty)
          : await rescreenOpenTransactionIn(tx, s, screener, orgScreener, item.transaction);
      total.newHits += r.newHits;
      total.holdsOpened += r.holdsOpened;
    }
    return total;
  };
}

/** Each organisation's screener (the snapshot's, with the organisation's decisions), built once per org. */
export function orgScreenerOf(s: CaseServices, screener: Screener): (orgId: string) => Promise<Screener> {
  const byOrg = new Map<string, Promise<Screener>>();
  return (orgId) => {
    if (!byOrg.has(orgId))
      byOrg.set(
        orgId,
        screenerForOrg(s, orgId, s.store, screener).then((x) => x!),
      );
    return byOrg.get(orgId)!;
  };
}

/** The ids a re-screening works through: every counterparty, then every open transaction. */
export async function rescreenTargets(
  s: CaseServices,
): Promise<{ counterparties: string[]; transactions: string[] }> {
  const counterparties = (await s.store.list('counterparty')).map((r) => r.id);
  const transactions = (await s.store.list('transaction', { state: 'open' })).map((r) => r.id);
  return { counterparties, transactions };
}

/** Screen one stored counterparty again; new hits open holds on its open transactions not yet holding them. */
export async function rescreenCounterparty(
  s: CaseServices,
  screener: Screener,
  id: string,
  forOrg: (orgId: string) => Promise<Screener> = orgScreenerOf(s, screener),
): Promise<{ newHits: number; holdsOpened: number }> {
  return s.store.transaction(await rescreenChunk(s, screener, [{ counterparty: id }], forOrg));
}

/** Screen every party of one open transaction again; hits not yet known open a hold. */
export async function rescreenOpenTransaction(
  s: CaseServices,
  screener: Screener,
  id: string,
  forOrg: (orgId: string) => Promise<Screener> = orgScreenerOf(s, screener),
): Promise<{ newHits: number; holdsOpened: number }> {
  return s.store.transaction(await rescreenChunk(s, screener, [{ transaction: id }], forOrg));
}

async function rescreenCounterpartyIn(
  tx: RecordWriter,
  s: CaseServices,
  screener: Screener,
  orgScreener: Screener,
  id: string,
): Promise<{ newHits: number; holdsOpened: number }> {
  const none = { newHits: 0, holdsOpened: 0 };
  const current = await tx.get<CounterpartyData>('counterparty', id);
  if (!current) return none;
  const hits = screen(
    orgScreener,
    current.data.name,
    current.data.country,
    current.data.cleared.map((c) => c.id),
  );
  const fresh = newHits(current.data, hits);
  const data: CounterpartyData = {
    ...current.data,
    screening: { snapshot: screener.snapshot, screenedOn: s.now(), hits },
  };
  await tx.update(
    { ...current, state: screeningStatus(data), data },
    current.version,
    audit(SYSTEM, 'counterparty.rescreen', s.now(), `snapshot ${screener.snapshot}`),
  );
  if (!fresh.length) return none;
  let holds = 0;
  const open = await tx.list<TransactionData>('transaction', {
    state: 'open',
    orgId: current.data.ownerOrgId,
  });
  for (const t of open.filter((t) => t.data.counterpartyIds.includes(current.id))) {
    // an open transaction already holding all these entries (a re-screen of it ran first) needs no other
    const held = new Set(
      (await tx.list<HoldData>('hold', { where: { transactionId: t.id } })).flatMap(
        (h) => h.data.entryIds ?? [],
      ),
    );
    if (fresh.every((h) => held.has(h.id))) continue;
    const reason = `new screening hit${fresh.length > 1 ? 's' : ''} for ${current.data.name} in ${screener.snapshot}: ${fresh.map((h) => `${h.list} "${h.matchedName}" (${h.score})`).join('; ')}`;
    await insertHold(tx, s, SYSTEM, t, {
      source: 'screening',
      reason,
      counterpartyId: current.id,
      party: current.data.name,
      entryIds: fresh.map((h) => h.id),
    });
    holds++;
  }
  return { newHits: fresh.length, holdsOpened: holds };
}

async function rescreenOpenTransactionIn(
  tx: RecordWriter,
  s: CaseServices,
  screener: Screener,
  orgScreener: Screener,
  id: string,
): Promise<{ newHits: number; holdsOpened: number }> {
  let hitsFound = 0;
  let holds = 0;
  await tx.lockWrites();
  const current = await tx.get<TransactionData>('transaction', id);
  if (!current || current.state !== 'open') return { newHits: 0, holdsOpened: 0 };
  const { input, result } = current.data.determination;
  const held = await tx.list<HoldData>('hold', { where: { transactionId: id } });
  const known = new Set(held.flatMap((h) => h.data.entryIds ?? []));
  for (const [i, party] of input.parties.entries()) {
    for (const h of result.screening.find((r) => r.party === i)?.hits ?? []) known.add(h.id);
    const hits = orgScreener
      .screen({ name: party.name, ...(party.country ? { country: party.country } : {}) })
      .filter((h) => !known.has(h.id));
    if (!hits.length) continue;
    hitsFound += hits.length;
    holds++;
    for (const h of hits) known.add(h.id);
    await insertHold(tx, s, SYSTEM, current, {
      source: 'screening',
      reason: `new screening hit${hits.length > 1 ? 's' : ''} for ${party.role.replace('_', ' ')} ${party.name} in ${screener.snapshot}: ${hits.map((h) => `${h.list} "${h.matchedName}" (${Math.round(h.score * 1000) / 1000})`).join('; ')}`,
      party: party.name,
      entryIds: hits.map((h) => h.id),
    });
  }
  return { newHits: hitsFound, holdsOpened: holds };
}

// -------------------------------------------------------------------------------------- transactions

export interface CreateTransactionInput {
  reference: string;
  check: unknown;
  counterpartyIds?: string[];
}

/**
 * The VEU entries granted in this system as they stood on a date, as the evaluator reads them: revoked ones
 * end on revocation, unpublished ones authorize nothing, items and facilities as eligible that day.
 */
async function veuRegister(reader: RecordReader, asOf: string): Promise<VeuEntry[]> {
  return (await reader.list<VeuEntryData>('veu_entry')).map((e) => entryOn(e.state, e.data, asOf));
}

async function freeze(s: CaseServices, orgId: string, check: unknown): Promise<FrozenDetermination> {
  const input: CheckInput = validate(checkInput, check, 'check input');
  const result = checkValidated(
    { rules: s.checks.rules(), screener: await screenerForOrg(s, orgId), today: s.checks.today },
    input,
    undefined,
    await veuRegister(s.store, input.asOf ?? s.checks.today()),
  );
  return { input, result, ruleSet: result.ruleSet, lists: result.lists, checkedAt: s.now() };
}

async function insertHold(
  tx: RecordWriter,
  s: CaseServices,
  actor: Actor,
  t: StoredRecord<TransactionData>,
  h: HoldRequest & { counterpartyId?: string },
) {
  const data = openHold({
    transactionId: t.id,
    orgIds: t.orgIds,
    openedBy: actor.userId,
    openedOn: s.now(),
    ...h,
  });
  return tx.insert<HoldData>(
    { kind: 'hold', id: newId('hold'), orgIds: t.orgIds, state: 'open', data, retainUntil: null },
    audit(actor, 'hold.open', s.now(), h.reason),
  );
}

export async function createTransaction(s: CaseServices, actor: Actor, input: CreateTransactionInput) {
  requireRole(actor, ['compliance_officer'], 'create transactions');
  if (!input.reference?.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'a transaction needs a reference',
      field: 'reference',
    });
  const determination = await freeze(s, actor.orgId, input.check);
  return s.store.transaction(async (tx) => {
    for (const id of input.counterpartyIds ?? []) await getVisible(tx, actor, 'counterparty', id);
    const data: TransactionData = {
      exporterOrgId: actor.orgId,
      reference: input.reference.trim(),
      counterpartyIds: input.counterpartyIds ?? [],
      determination,
      reexports: [],
    };
    const t = await tx.insert<TransactionData>(
      { kind: 'transaction', id: newId('tx'), orgIds: [actor.orgId], state: 'open', data, retainUntil: null },
      audit(actor, 'transaction.create', s.now()),
    );
    for (const h of holdsForDetermination(determination.result, determination.input))
      await insertHold(tx, s, SYSTEM, t, h);
    return t;
  });
}

export async function recheckTransaction(s: CaseServices, actor: Actor, id: string, check?: unknown) {
  requireRole(actor, ['compliance_officer'], 'recheck transactions');
  const current = await getVisible<TransactionData>(s, actor, 'transaction', id);
  const determination = await freeze(
    s,
    current.data.exporterOrgId,
    check ?? current.data.determination.input,
  );
  return s.store.transaction(async (tx) => {
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    if (t.state !== 'open')
      throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `the transaction is ${t.state}` });
    // the earlier determinations stay in the audit log, each kept once by content and referenced from the
    // entries (src/core/audit/content-address.ts): copying them into the record made storage quadratic
    const data = { ...t.data, determination };
    const updated = await tx.update({ ...t, data }, t.version, audit(actor, 'transaction.recheck', s.now()));
    // a recheck that changes nothing opens no second copy of a hold that is still open
    const open = await tx.list<HoldData>('hold', { where: { transactionId: id }, state: 'open' });
    const same = (h: HoldRequest) =>
      open.some(
        (o) =>
          o.data.source === h.source &&
          o.data.reason === h.reason &&
          o.data.party === h.party &&
          JSON.stringify(o.data.entryIds ?? []) === JSON.stringify(h.entryIds ?? []),
      );
    for (const h of holdsForDetermination(determination.result, determination.input))
      if (!same(h)) await insertHold(tx, s, SYSTEM, updated, h);
    return updated;
  });
}

export async function placeHold(s: CaseServices, actor: Actor, transactionId: string, reason: string) {
  requireRole(actor, ['compliance_officer'], 'place holds');
  return s.store.transaction(async (tx) =>
    insertHold(tx, s, actor, await getVisible<TransactionData>(tx, actor, 'transaction', transactionId), {
      source: 'manual',
      reason,
    }),
  );
}

/**
 * The listed entries a party matches on a screening run now, with the organisation's decisions (and the
 * entries its counterparty cleared before decisions were records) applied.
 */
async function stillMatching(
  s: CaseServices,
  tx: RecordWriter,
  h: HoldData,
  orgId: string,
): Promise<string[]> {
  const screener = await screenerForOrg(s, orgId, tx);
  if (!screener)
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: 'no list snapshot is loaded: a screening hold cannot be released on a new determination',
    });
  const cp = h.counterpartyId ? await tx.get<CounterpartyData>('counterparty', h.counterpartyId) : undefined;
  const name = h.party ?? cp?.data.name;
  if (!name) return h.entryIds ?? ['(unknown party)'];
  const country = cp?.data.country;
  const cleared = cp?.data.cleared.map((c) => c.id) ?? [];
  return screener.screen({ name, ...(country ? { country } : {}) }, { cleared }).map((hit) => hit.id);
}

/**
 * Release a hold with a reason. A screening hold needs a basis: `redetermined` (the party no longer matches
 * a listed entry on a screening run now) or `false_positive` (every matched entry cleared by another person).
 */
export async function releaseHoldCase(
  s: CaseServices,
  actor: Actor,
  holdId: string,
  reason: string,
  basis?: ReleaseBasis,
) {
  return s.store.transaction(async (tx) => {
    const h = await getVisible<HoldData>(tx, actor, 'hold', holdId);
    const facts =
      h.data.source === 'screening' && basis === 'redetermined'
        ? { basis, stillMatching: await stillMatching(s, tx, h.data, h.orgIds[0]!) }
        : { ...(basis ? { basis } : {}) };
    const next = releaseHold(h.state as HoldState, h.data, actor.userId, actor.role, s.now(), reason, facts);
    return tx.update(
      { ...h, state: next.state, data: next.data },
      h.version,
      audit(actor, 'hold.release', s.now(), basis ? `${basis}: ${reason}` : reason),
    );
  });
}

/** The first pair of eyes on a screening hold: a listed entry documented as not this party. */
export async function clearHoldEntryCase(
  s: CaseServices,
  actor: Actor,
  holdId: string,
  entryId: string,
  reason: string,
) {
  requireRole(actor, ['compliance_officer'], 'clear listed entries of a hold');
  return s.store.transaction(async (tx) => {
    const h = await getVisible<HoldData>(tx, actor, 'hold', holdId);
    const data = clearHoldEntry(h.state as HoldState, h.data, entryId, actor.userId, s.now(), reason);
    return tx.update(
      { ...h, data },
      h.version,
      audit(actor, 'hold.clear_entry', s.now(), `${entryId}: ${reason}`),
    );
  });
}

export interface AttachInput {
  licenseId?: string;
  eusRequestId?: string;
  veuEntryId?: string;
}

export async function attachAuthorizations(s: CaseServices, actor: Actor, id: string, a: AttachInput) {
  requireRole(actor, ['compliance_officer'], 'attach licenses or statements');
  return s.store.transaction(async (tx) => {
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    if (a.licenseId) await getVisible(tx, actor, 'license', a.licenseId);
    if (a.eusRequestId) await getVisible(tx, actor, 'eus_request', a.eusRequestId);
    if (a.veuEntryId)
      await tx
        .get('veu_entry', a.veuEntryId)
        .then(
          (e) =>
            e ??
            Promise.reject(new HttError({ code: 'CASE.NOT_FOUND', message: `no VEU entry ${a.veuEntryId}` })),
        );
    return tx.update(
      { ...t, data: { ...t.data, ...a } },
      t.version,
      audit(actor, 'transaction.attach', s.now()),
    );
  });
}

/**
 * Did the license application need a PRC End-User Statement? The one evaluator answers, on the application's
 * items and values (§748.9(e)(1) follows the application, not the lot), with the transaction's parties and
 * end-use answers, as of the application's registration.
 */
function applicationNeedsStatement(
  s: CaseServices,
  screener: Screener | undefined,
  t: StoredRecord<TransactionData>,
  app: LicenseApplicationData,
  shipDate: string,
): { needs: boolean; why?: string } {
  const input = t.data.determination.input;
  const items = app.items.map((it) => ({
    kind: 'commodity' as const,
    ...(input.items.find((i) => i.eccn === it.eccn) ?? {}),
    eccn: it.eccn,
    description: it.description,
    quantity: it.quantity,
    valueUsd: it.valueUsd,
  }));
  const asOf = app.registeredOn ?? shipDate;
  const result = checkValidated(
    { rules: s.checks.rules(), screener, today: () => asOf },
    { ...input, asOf, items },
  );
  const doc = result.documents.find((d) => d.type === 'PRC_END_USER_STATEMENT');
  return doc ? { needs: true, why: doc.why } : { needs: false };
}

/**
 * Record a shipment through the release gate (src/core/workflows/release-gate.ts): under the store's write
 * lock (which a hold's insert also takes), the determination is re-run on the ship date with the lists and
 * the VEU register in use now, and the lot is checked line by line against the license, its application's
 * End-User Statement, the VEU entry and the open holds. A refusal names every reason and writes nothing;
 * otherwise the shipment is recorded with the determination it used and depletes what it uses.
 */
export async function shipTransaction(
  s: CaseServices,
  actor: Actor,
  id: string,
  on?: string,
  backdateReason?: string,
) {
  requireRole(actor, ['compliance_officer'], 'record shipments');
  const date = eventDate(s, on, backdateReason);
  const shipDate = date.on;
  return s.store.transaction(async (tx) => {
    await tx.lockWrites();
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    const to = nextState(transactionMachine, t.state as TransactionState, 'ship', actor.role);
    const input = t.data.determination.input;
    const register = await veuRegister(tx, shipDate);
    // the gate screens as the exporter does: with the organisation's decisions
    const screener = await screenerForOrg(s, t.data.exporterOrgId, tx);
    const fresh = checkValidated(
      { rules: s.checks.rules(), screener, today: () => shipDate },
      { ...input, asOf: shipDate },
      undefined,
      register,
    );
    const holds = await tx.list<HoldData>('hold', { state: 'open', where: { transactionId: id } });
    const license = t.data.licenseId ? await tx.get<LicenseData>('license', t.data.licenseId) : undefined;
    const app = license
      ? await tx.get<LicenseApplicationData>('license_application', license.data.applicationId)
      : undefined;
    const statements = app ? (await statementsNamedBy(tx, app.data)).flatMap((n) => n.statements) : [];
    if (t.data.eusRequestId && !statements.some((st) => st.id === t.data.eusRequestId)) {
      const attached = await tx.get<EusRequestData>('eus_request', t.data.eusRequestId);
      if (attached) statements.push(attached);
    }
    const veu = t.data.veuEntryId ? await tx.get<VeuEntryData>('veu_entry', t.data.veuEntryId) : undefined;
    const needs = app ? applicationNeedsStatement(s, screener, t, app.data, shipDate) : undefined;
    const verdict = releaseGate({
      shipDate,
      rules: s.checks.rules(),
      fresh,
      lines: input.items,
      parties: input.parties,
      openHolds: holds,
      ...(license ? { license } : {}),
      ...(app && needs
        ? {
            application: {
              data: app.data,
              needsStatement: needs.needs,
              ...(needs.why ? { why: needs.why } : {}),
            },
          }
        : {}),
      statements,
      ...(veu ? { veu } : {}),
      ...(input.veu?.facility ? { veuFacility: input.veu.facility } : {}),
      exporterOrgId: t.data.exporterOrgId,
    });
    if (!verdict.ok)
      throw new HttError({
        code: 'CASE.SHIPMENT_REFUSED',
        message: `the lot may not ship on ${shipDate}: ${verdict.refusals
          .map((r) => `${r.line === undefined ? '' : `line ${r.line + 1}: `}${r.reason} (${r.citation})`)
          .join('; ')}`,
        details: { shipDate, authorization: fresh.authorization, refusals: verdict.refusals },
      });
    const reason = `shipment ${id} on ${shipDate}${date.backdated ? ` (recorded ${date.backdated.recordedOn}: ${date.backdated.reason})` : ''}`;
    if (license && verdict.authority === 'LICENSE') {
      const shipment = {
        ref: id,
        on: shipDate,
        lines: verdict.licenseLines.map(({ item, quantity, valueUsd }) => ({ item, quantity, valueUsd })),
      };
      // §762.6(a)(1): the license and its application are kept five years from the last export they supported
      await tx.update(
        {
          ...license,
          data: { ...license.data, shipments: [...license.data.shipments, shipment] },
          retainUntil: afterExport(license.retainUntil, shipDate),
        },
        license.version,
        audit(actor, 'license.deplete', s.now(), reason),
      );
      if (app && afterExport(app.retainUntil, shipDate) !== app.retainUntil)
        await tx.update(
          { ...app, retainUntil: afterExport(app.retainUntil, shipDate) },
          app.version,
          audit(actor, 'license_application.retention', s.now(), reason),
        );
    }
    for (const use of verdict.statementLines) {
      const eus = statements.find((st) => st.id === use.statementId)!;
      const lines = use.lines.map(({ item, quantity }) => ({ item, quantity })).filter((l) => l.quantity > 0);
      if (!lines.length) continue;
      const data = drawDown(eus.state as EusState, eus.data, {
        by: 'shipment',
        ref: id,
        on: shipDate,
        lines,
      });
      await tx.update(
        { ...eus, data, retainUntil: afterExport(eus.retainUntil, shipDate) },
        eus.version,
        audit(actor, 'eus_request.draw_down', s.now(), reason),
      );
    }
    if (verdict.authority === 'VEU' && veu) {
      const base = {
        entryId: veu.id,
        exporterOrgId: actor.orgId,
        validatedEndUser: veu.data.entry.validatedEndUser,
        facility: input.veu?.facility ?? veu.data.entry.eligibleDestinations?.[0] ?? '',
        on: shipDate,
        items: input.items.map((i) => ({
          eccn: i.eccn,
          description: i.description ?? i.eccn,
          quantity: i.quantity ?? 0,
          valueUsd: i.valueUsd ?? 0,
        })),
      };
      await tx.insert<VeuShipmentData>(
        {
          kind: 'veu_shipment',
          id: newId('veus'),
          orgIds: [actor.orgId],
          state: 'notified',
          data: { ...base, notice: shipmentNotice(base) },
          retainUntil: afterExport(null, shipDate),
        },
        audit(actor, 'veu_shipment.record', s.now()),
      );
      if (afterExport(veu.retainUntil, shipDate) !== veu.retainUntil)
        await tx.update(
          { ...veu, retainUntil: afterExport(veu.retainUntil, shipDate) },
          veu.version,
          audit(actor, 'veu_entry.retention', s.now(), reason),
        );
    }
    const determination: FrozenDetermination = {
      input: { ...input, asOf: shipDate },
      result: fresh,
      ruleSet: fresh.ruleSet,
      lists: fresh.lists,
      checkedAt: s.now(),
    };
    const data: TransactionData = {
      ...t.data,
      shippedOn: shipDate,
      shipment: {
        on: shipDate,
        ...(date.backdated ? { backdated: date.backdated } : {}),
        authority: verdict.authority,
        determination,
        licenseLines: verdict.licenseLines,
        statementLines: verdict.statementLines,
        notes: verdict.notes,
      },
    };
    return tx.update(
      { ...t, state: to, data, retainUntil: afterExport(t.retainUntil, shipDate) },
      t.version,
      audit(actor, 'transaction.ship', s.now(), date.backdated?.reason),
    );
  });
}

/** §762.6(a)(2): a known reexport, transfer or diversion extends retention to five years after it. */
export async function recordReexport(s: CaseServices, actor: Actor, id: string, on: string, note: string) {
  requireRole(actor, ['compliance_officer'], 'record reexports');
  // a reexport is a reported fact that may be older than the back-dating window, but never in the future
  if (on > dateOf(s.now()))
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `a reexport cannot be dated in the future (${on})`,
      field: 'on',
    });
  return s.store.transaction(async (tx) => {
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    if (t.state !== 'shipped')
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: 'a reexport is recorded on a shipped transaction',
      });
    const reexports = [...t.data.reexports, { on, note }];
    return tx.update(
      {
        ...t,
        data: { ...t.data, reexports },
        retainUntil: afterReexport(t.retainUntil, on),
      },
      t.version,
      audit(actor, 'transaction.record_reexport', s.now(), note),
    );
  });
}

export async function cancelTransaction(s: CaseServices, actor: Actor, id: string, reason: string) {
  requireRole(actor, ['compliance_officer'], 'cancel transactions');
  if (!reason.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'cancelling needs a reason', field: 'reason' });
  return s.store.transaction(async (tx) => {
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    if (t.state !== 'open')
      throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `the transaction is ${t.state}` });
    const on = dateOf(s.now());
    return tx.update(
      {
        ...t,
        state: 'cancelled',
        data: { ...t.data, cancelledReason: reason },
        retainUntil: afterTermination(t.retainUntil, on),
      },
      t.version,
      audit(actor, 'transaction.cancel', s.now(), reason),
    );
  });
}
