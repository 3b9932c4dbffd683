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
import { depleteLicense, type LicenseData } from '../../core/workflows/license-application.js';
import { retainUntil } from '../../core/workflows/retention.js';
import {
  assertShippable,
  holdsForDetermination,
  openHold,
  releaseHold,
  type FrozenDetermination,
  type HoldData,
  type HoldState,
  type TransactionData,
  type TransactionState,
} from '../../core/workflows/transaction.js';
import {
  hasCertification,
  shipmentNotice,
  type VeuEntryData,
  type VeuShipmentData,
} from '../../core/workflows/veu.js';
import { checkValidated } from '../check.js';
import { validate } from '../validate.js';
import type { RecordWriter, StoredRecord } from '../ports/record-store.js';
import {
  audit,
  dateOf,
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
  const screener = s.checks.screener();
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

/** An analyst's decision that a listed entry is not this counterparty. */
export async function clearHit(s: CaseServices, actor: Actor, id: string, entryId: string, reason: string) {
  requireRole(actor, ['compliance_officer'], 'clear screening hits');
  if (!reason.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'clearing a hit needs a reason', field: 'reason' });
  return s.store.transaction(async (tx) => {
    const cp = await getVisible<CounterpartyData>(tx, actor, 'counterparty', id);
    const data: CounterpartyData = {
      ...cp.data,
      cleared: [...cp.data.cleared, { id: entryId, by: actor.userId, on: s.now(), reason }],
    };
    return tx.update(
      { ...cp, state: screeningStatus(data), data },
      cp.version,
      audit(actor, 'counterparty.clear_hit', s.now(), reason),
    );
  });
}

/**
 * Delta re-screening after a new list snapshot: every stored counterparty is screened again; each new hit
 * (not seen before, not cleared) opens a hold on that party's open transactions. One transaction per
 * counterparty, so a failure leaves the others done and nothing half-written.
 */
export async function rescreenAll(
  s: CaseServices,
  screener: Screener,
): Promise<{ screened: number; newHits: number; holdsOpened: number }> {
  const all = await s.store.list<CounterpartyData>('counterparty');
  let hitsFound = 0;
  let holds = 0;
  for (const cp of all) {
    await s.store.transaction(async (tx) => {
      const current = await tx.get<CounterpartyData>('counterparty', cp.id);
      if (!current) return;
      const hits = screen(
        screener,
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
      if (!fresh.length) return;
      hitsFound += fresh.length;
      const open = await tx.list<TransactionData>('transaction', {
        state: 'open',
        orgId: current.data.ownerOrgId,
      });
      for (const t of open.filter((t) => t.data.counterpartyIds.includes(current.id))) {
        const reason = `new screening hit${fresh.length > 1 ? 's' : ''} for ${current.data.name} in ${screener.snapshot}: ${fresh.map((h) => `${h.list} "${h.matchedName}" (${h.score})`).join('; ')}`;
        await insertHold(tx, s, SYSTEM, t, { source: 'screening', reason, counterpartyId: current.id });
        holds++;
      }
    });
  }
  return { screened: all.length, newHits: hitsFound, holdsOpened: holds };
}

// -------------------------------------------------------------------------------------- transactions

export interface CreateTransactionInput {
  reference: string;
  check: unknown;
  counterpartyIds?: string[];
}

async function veuRegister(s: CaseServices): Promise<VeuEntry[]> {
  return (await s.store.list<VeuEntryData>('veu_entry')).map((e) => e.data.entry);
}

async function freeze(s: CaseServices, check: unknown): Promise<FrozenDetermination> {
  const input: CheckInput = validate(checkInput, check, 'check input');
  const result = checkValidated(
    { rules: s.checks.rules(), screener: s.checks.screener(), today: s.checks.today },
    input,
    undefined,
    await veuRegister(s),
  );
  return { input, result, ruleSet: result.ruleSet, lists: result.lists, checkedAt: s.now() };
}

async function insertHold(
  tx: RecordWriter,
  s: CaseServices,
  actor: Actor,
  t: StoredRecord<TransactionData>,
  h: Pick<HoldData, 'source' | 'reason'> & { counterpartyId?: string },
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
  const determination = await freeze(s, input.check);
  return s.store.transaction(async (tx) => {
    for (const id of input.counterpartyIds ?? []) await getVisible(tx, actor, 'counterparty', id);
    const data: TransactionData = {
      exporterOrgId: actor.orgId,
      reference: input.reference.trim(),
      counterpartyIds: input.counterpartyIds ?? [],
      determination,
      history: [],
      reexports: [],
    };
    const t = await tx.insert<TransactionData>(
      { kind: 'transaction', id: newId('tx'), orgIds: [actor.orgId], state: 'open', data, retainUntil: null },
      audit(actor, 'transaction.create', s.now()),
    );
    for (const h of holdsForDetermination(determination.result)) await insertHold(tx, s, SYSTEM, t, h);
    return t;
  });
}

export async function recheckTransaction(s: CaseServices, actor: Actor, id: string, check?: unknown) {
  requireRole(actor, ['compliance_officer'], 'recheck transactions');
  const current = await getVisible<TransactionData>(s, actor, 'transaction', id);
  const determination = await freeze(s, check ?? current.data.determination.input);
  return s.store.transaction(async (tx) => {
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    if (t.state !== 'open')
      throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `the transaction is ${t.state}` });
    const data = { ...t.data, determination, history: [...t.data.history, t.data.determination] };
    const updated = await tx.update({ ...t, data }, t.version, audit(actor, 'transaction.recheck', s.now()));
    for (const h of holdsForDetermination(determination.result)) await insertHold(tx, s, SYSTEM, updated, h);
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

export async function releaseHoldCase(s: CaseServices, actor: Actor, holdId: string, reason: string) {
  return s.store.transaction(async (tx) => {
    const h = await getVisible<HoldData>(tx, actor, 'hold', holdId);
    const next = releaseHold(h.state as HoldState, h.data, actor.userId, actor.role, s.now(), reason);
    return tx.update(
      { ...h, state: next.state, data: next.data },
      h.version,
      audit(actor, 'hold.release', s.now(), reason),
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

/** Mark shipped: no open hold, an authorizing answer, and the documents it needs; depletes what it uses. */
export async function shipTransaction(s: CaseServices, actor: Actor, id: string, on?: string) {
  return s.store.transaction(async (tx) => {
    const t = await getVisible<TransactionData>(tx, actor, 'transaction', id);
    const shippedOn = on ?? dateOf(s.now());
    const holds = await tx.list<HoldData>('hold', { state: 'open', where: { transactionId: id } });
    const items = t.data.determination.input.items;
    const license = t.data.licenseId ? await tx.get<LicenseData>('license', t.data.licenseId) : undefined;
    const eus = t.data.eusRequestId
      ? await tx.get<EusRequestData>('eus_request', t.data.eusRequestId)
      : undefined;
    const veu = t.data.veuEntryId ? await tx.get<VeuEntryData>('veu_entry', t.data.veuEntryId) : undefined;
    let licenseCheck: { valid: boolean; why?: string } | undefined;
    let updatedLicense: LicenseData | undefined;
    if (license) {
      try {
        updatedLicense = depleteLicense(license.data, {
          ref: id,
          on: shippedOn,
          lines: items
            .map((item) => ({
              item: license.data.items.findIndex((l) => l.eccn === item.eccn),
              quantity: item.quantity ?? 0,
              valueUsd: item.valueUsd ?? 0,
            }))
            .filter((l) => l.item >= 0),
        });
        licenseCheck = { valid: true };
      } catch (e) {
        if (e instanceof HttError && e.code !== 'CASE.QUANTITY_EXCEEDED')
          licenseCheck = { valid: false, why: e.message };
        else throw e;
      }
    }
    const state = assertShippable(t.state as TransactionState, t.data, actor.role, {
      openHolds: holds.length,
      ...(licenseCheck ? { license: licenseCheck } : {}),
      eusIssued: eus?.state === 'issued',
      veuCertified: !!veu && hasCertification(veu.data, actor.orgId, shippedOn),
    });
    if (license && updatedLicense)
      await tx.update(
        { ...license, data: updatedLicense },
        license.version,
        audit(actor, 'license.deplete', s.now(), `shipment ${id}`),
      );
    if (eus && eus.state === 'issued') {
      const lines = items
        .map((item) => ({
          item: eus.data.items.findIndex((e) => e.eccn === item.eccn),
          quantity: item.quantity ?? 0,
        }))
        .filter((l) => l.item >= 0 && l.quantity > 0);
      if (lines.length) {
        const data = drawDown(eus.state as EusState, eus.data, {
          by: 'shipment',
          ref: id,
          on: shippedOn,
          lines,
        });
        await tx.update(
          { ...eus, data },
          eus.version,
          audit(actor, 'eus_request.draw_down', s.now(), `shipment ${id}`),
        );
      }
    }
    if (t.data.determination.result.authorization === 'VEU' && veu) {
      const base = {
        entryId: veu.id,
        exporterOrgId: actor.orgId,
        validatedEndUser: veu.data.entry.validatedEndUser,
        facility: t.data.determination.input.veu?.facility ?? veu.data.entry.eligibleDestinations?.[0] ?? '',
        on: shippedOn,
        items: items.map((i) => ({
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
          retainUntil: retainUntil([shippedOn]),
        },
        audit(actor, 'veu_shipment.record', s.now()),
      );
    }
    const data = { ...t.data, shippedOn };
    return tx.update(
      { ...t, state, data, retainUntil: retainUntil([shippedOn]) },
      t.version,
      audit(actor, 'transaction.ship', s.now()),
    );
  });
}

/** §762.6(a)(2): a known reexport, transfer or diversion extends retention to five years after it. */
export async function recordReexport(s: CaseServices, actor: Actor, id: string, on: string, note: string) {
  requireRole(actor, ['compliance_officer'], 'record reexports');
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
        retainUntil: retainUntil([t.data.shippedOn, ...reexports.map((r) => r.on)]),
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
        retainUntil: retainUntil([on]),
      },
      t.version,
      audit(actor, 'transaction.cancel', s.now(), reason),
    );
  });
}
