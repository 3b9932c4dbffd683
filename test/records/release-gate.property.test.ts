/**
 * The go/no-go answer cannot be walked around: random sequences of case actions (new lots, holds placed and
 * released, licenses and VEU entries attached or revoked, parties listed by a new list snapshot, rechecks,
 * shipments on today or a back-dated day) never record a shipment that the evaluator, run fresh on the ship
 * date with the lists of that moment, says needs an authorization the case does not hold, nor one over a
 * hold that was open when it shipped.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { checkValidated } from '../../src/app/check.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import {
  attachAuthorizations,
  createTransaction,
  placeHold,
  recheckTransaction,
  releaseHoldCase,
  shipTransaction,
} from '../../src/app/records/transactions.js';
import { HttError } from '../../src/core/errors.js';
import type { VeuEntry } from '../../src/core/rules/schema.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import type { Screener } from '../../src/core/screening/types.js';
import type { LicenseData } from '../../src/core/workflows/license.js';
import type { HoldData, TransactionData } from '../../src/core/workflows/transaction.js';
import type { VeuEntryData } from '../../src/core/workflows/veu.js';
import { civilEndUse, listedEntity } from '../support/fixtures.js';

const rules = loadRules();
const PARTIES = ['Example Precision (Shanghai) Co., Ltd.', 'Example Semiconductor (Shanghai) Co., Ltd.'];
const ECCNS = ['EAR99', '1A001.a', '3B001.e', '5A992.c'];
const snapshots: Screener[] = [
  buildScreener([listedEntity('el-1', 'Unrelated Trading Ltd.')], {
    snapshot: 'prop@0',
    snapshotDate: '2026-01-01',
  }),
  buildScreener([listedEntity('el-1', 'Unrelated Trading Ltd.'), listedEntity('el-2', PARTIES[0]!)], {
    snapshot: 'prop@1',
    snapshotDate: '2026-06-01',
  }),
];

type Action =
  | { kind: 'create'; eccn: number; party: number; quantity: number }
  | { kind: 'hold'; tx: number }
  | { kind: 'release'; tx: number }
  | { kind: 'license'; tx: number; eccn: number; quantity: number; state: 'valid' | 'revoked' | 'suspended' }
  | { kind: 'veu'; tx: number; state: 'active' | 'revoked' }
  | { kind: 'list'; snapshot: number }
  | { kind: 'recheck'; tx: number }
  | { kind: 'ship'; tx: number; daysBack: number };

const index = fc.nat({ max: 5 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    eccn: fc.nat({ max: ECCNS.length - 1 }),
    party: fc.nat({ max: PARTIES.length - 1 }),
    quantity: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('hold' as const), tx: index }),
  fc.record({ kind: fc.constant('release' as const), tx: index }),
  fc.record({
    kind: fc.constant('license' as const),
    tx: index,
    eccn: fc.nat({ max: ECCNS.length - 1 }),
    quantity: fc.integer({ min: 1, max: 20 }),
    state: fc.constantFrom('valid' as const, 'revoked' as const, 'suspended' as const),
  }),
  fc.record({
    kind: fc.constant('veu' as const),
    tx: index,
    state: fc.constantFrom('active' as const, 'revoked' as const),
  }),
  fc.record({ kind: fc.constant('list' as const), snapshot: fc.nat({ max: snapshots.length - 1 }) }),
  fc.record({ kind: fc.constant('recheck' as const), tx: index }),
  fc.record({ kind: fc.constant('ship' as const), tx: index, daysBack: fc.nat({ max: 3 }) }),
);

const TODAY = '2026-11-30';
const daysBefore = (n: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

let close: (() => Promise<void>) | undefined;
const tally = { shipped: 0, refused: 0 };
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function workspace() {
  let screener = snapshots[0]!;
  const s: CaseServices = {
    store: await openRecordStore({ sqlitePath: ':memory:' }),
    checks: { rules: () => rules, screener: () => screener, today: () => TODAY },
    now: () => `${TODAY}T12:00:00.000Z`,
    config: { eusTargetDays: 20, backdateDays: 30 },
  };
  close = () => s.store.close();
  await createOrganisation(s, SYSTEM, { name: 'Exporter', type: 'exporter' }, 'org-exp');
  const u = await addUser(s, SYSTEM, {
    name: 'Dana',
    email: 'dana@example.org',
    orgId: 'org-exp',
    role: 'compliance_officer',
  });
  const exporter: Actor = await actorFor(s, u.id);
  return { s, exporter, list: (i: number) => (screener = snapshots[i]!) };
}

/** What a shipment needed, by an independent reading of the records: the fresh answer and what is attached. */
async function authorized(s: CaseServices, t: TransactionData, shipDate: string): Promise<string | null> {
  const veuEntries: VeuEntry[] = (await s.store.list<VeuEntryData>('veu_entry')).map((e) => e.data.entry);
  const fresh = checkValidated(
    { rules, screener: s.checks.screener(), today: () => shipDate },
    { ...t.determination.input, asOf: shipDate },
    undefined,
    veuEntries,
  );
  switch (fresh.authorization) {
    case 'NLR':
    case 'LICENSE_EXCEPTION':
      return null;
    case 'INDETERMINATE':
      return 'shipped on an INDETERMINATE answer';
    case 'VEU': {
      const entry = t.veuEntryId ? await s.store.get<VeuEntryData>('veu_entry', t.veuEntryId) : undefined;
      const license = t.licenseId ? await s.store.get<LicenseData>('license', t.licenseId) : undefined;
      if (entry?.state === 'active' || license?.state === 'valid') return null;
      return 'shipped under VEU without an active entry or a valid license';
    }
    case 'LICENSE': {
      const license = t.licenseId ? await s.store.get<LicenseData>('license', t.licenseId) : undefined;
      if (!license || license.state !== 'valid') return 'shipped without a valid license';
      for (const item of t.determination.input.items)
        if (!license.data.items.some((l) => item.eccn === l.eccn || item.eccn.startsWith(`${l.eccn}.`)))
          return `shipped ${item.eccn} on a license that does not name it`;
      return null;
    }
  }
}

describe('the release gate under random sequences of case actions', () => {
  it('never records a shipment the fresh determination does not authorize, nor one over an open hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 14 }), async (actions) => {
        const { s, exporter, list } = await workspace();
        const txs: string[] = [];
        const pick = (i: number) => txs[i % Math.max(txs.length, 1)];
        let n = 0;
        for (const a of actions) {
          try {
            if (a.kind === 'create') {
              const t = await createTransaction(s, exporter, {
                reference: `P-${n++}`,
                check: {
                  asOf: TODAY,
                  destination: 'CN',
                  items: [
                    {
                      eccn: ECCNS[a.eccn]!,
                      description: 'lot',
                      quantity: a.quantity,
                      valueUsd: a.quantity * 100,
                    },
                  ],
                  parties: [{ role: 'end_user', name: PARTIES[a.party]!, country: 'CN', lists: [] }],
                  endUse: civilEndUse,
                  ...(a.party === 1
                    ? { veu: { validatedEndUser: PARTIES[1]!, facility: 'Facility A: No. 1 Example Road' } }
                    : {}),
                },
              });
              txs.push(t.id);
              continue;
            }
            if (a.kind === 'list') {
              list(a.snapshot);
              continue;
            }
            const id = pick(a.tx);
            if (!id) continue;
            if (a.kind === 'hold') await placeHold(s, exporter, id, 'a red flag to look at');
            if (a.kind === 'release') {
              for (const h of await s.store.list<HoldData>('hold', {
                state: 'open',
                where: { transactionId: id },
              }))
                if (h.data.source !== 'screening') await releaseHoldCase(s, exporter, h.id, 'looked at');
            }
            if (a.kind === 'recheck') await recheckTransaction(s, exporter, id);
            if (a.kind === 'license') {
              const licId = `lic-${n++}`;
              await s.store.transaction((tx) =>
                tx.insert<LicenseData>(
                  {
                    kind: 'license',
                    id: licId,
                    orgIds: ['org-exp'],
                    state: a.state,
                    data: {
                      licenseNumber: `D${n}`,
                      applicationId: 'none',
                      holderOrgId: 'org-exp',
                      items: [
                        {
                          eccn: ECCNS[a.eccn]!,
                          description: 'x',
                          quantity: a.quantity,
                          valueUsd: a.quantity * 100,
                        },
                      ],
                      conditions: [],
                      validFrom: '2026-01-01',
                      validUntil: '2030-01-01',
                      validity: { citation: '15 CFR 750.7(g)', unconfirmed: [] },
                      shipments: [],
                      revokedItems: [],
                      history: [],
                    },
                    retainUntil: null,
                  },
                  { actor: 'system', action: 'license.issue', at: `${TODAY}T12:00:00.000Z` },
                ),
              );
              await attachAuthorizations(s, exporter, id, { licenseId: licId });
            }
            if (a.kind === 'veu') {
              const entryId = `veu-${n++}`;
              await s.store.transaction((tx) =>
                tx.insert<VeuEntryData>(
                  {
                    kind: 'veu_entry',
                    id: entryId,
                    orgIds: ['org-exp'],
                    state: a.state,
                    data: {
                      applicationId: 'none',
                      revocationVotes: [],
                      certifications: [{ exporterOrgId: 'org-exp', on: '2026-01-01', text: 'civil only' }],
                      entry: {
                        validatedEndUser: PARTIES[1]!,
                        aliases: [],
                        country: 'CN',
                        eligibleItems: ['3B001.e', '5A992.c'],
                        eligibleDestinations: ['Facility A: No. 1 Example Road'],
                        excludedFrom744_23: false,
                        effective: { from: '2026-01-01', to: a.state === 'revoked' ? '2026-11-01' : null },
                        citation: 'Supp. No. 7 to Part 748 (test entry)',
                        source: { notices: [] },
                        confidence: 'confirmed',
                        unconfirmed: [],
                      },
                    } as unknown as VeuEntryData,
                    retainUntil: null,
                  },
                  { actor: 'system', action: 'veu_entry.create', at: `${TODAY}T12:00:00.000Z` },
                ),
              );
              await attachAuthorizations(s, exporter, id, { veuEntryId: entryId });
            }
            if (a.kind === 'ship') {
              const on = daysBefore(a.daysBack);
              const openHolds = await s.store.list<HoldData>('hold', {
                state: 'open',
                where: { transactionId: id },
              });
              const shipped = await shipTransaction(
                s,
                exporter,
                id,
                on,
                a.daysBack ? 'recorded late' : undefined,
              );
              expect(openHolds.map((h) => h.id)).toEqual([]);
              expect([shipped.id, await authorized(s, shipped.data, on)]).toEqual([shipped.id, null]);
              tally.shipped++;
            }
          } catch (e) {
            // refusals are the point; anything else is a bug
            if (!(e instanceof HttError)) throw e;
            if (e.code === 'CASE.SHIPMENT_REFUSED') tally.refused++;
          }
        }
        await close?.();
        close = undefined;
      }),
      { numRuns: 40 },
    );
    // the sequences must reach both outcomes, or the property says nothing
    expect(tally.shipped).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);
});
