/**
 * The Authorization VEU workflow beyond the first approval, through the use cases, on every store adapter:
 * an entry approved in part is in force only from the effective date of the rule publishing it in Supp.
 * No. 7 to Part 748 (§748.15(a)(1)); items and facilities added (unanimity) and removed (majority) by
 * amendment, again on publication, with the entry's history deciding what ships on which date (Supp. No. 9
 * to Part 748, paragraph (2)); revocation ends eligibility for shipments on and after the deciding vote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CaseServices } from '../../src/app/records/context.js';
import {
  attachAuthorizations,
  createTransaction,
  shipTransaction,
} from '../../src/app/records/transactions.js';
import {
  actOnVeu,
  certifyVeu,
  createVeuApplication,
  requestVeuAmendment,
  voteToRevokeVeu,
} from '../../src/app/records/veu.js';
import { verifyAudit } from '../../src/app/records/audit.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import type { VeuApplicationData, VeuEntryData } from '../../src/core/workflows/veu.js';
import type { OrgType, Role } from '../../src/core/workflows/roles.js';
import { openCaseWorld } from '../support/case-world.js';
import { civilEndUse } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const screener = buildScreener([], { snapshot: 'test@empty', snapshotDate: '2024-01-01' });
const VEU = 'Example Semiconductor (Shanghai) Co., Ltd.';
const A = { name: 'Facility A', address: 'No. 1 Example Road, Pudong, Shanghai' };
const B = { name: 'Facility B', address: 'No. 2 Example Road, Pudong, Shanghai' };
const line = (f: { name: string; address: string }) => `${f.name}: ${f.address}`;

describe.each(storeFactories)('VEU workflow on $name', (factory) => {
  let s: CaseServices;
  let at: (date: string) => void;
  const actors: Record<string, Actor> = {};
  const members = () => [actors.erc!, actors['erc:State']!, actors['erc:Defense']!, actors['erc:Energy']!];

  beforeAll(async () => {
    const orgs: [string, string, OrgType, string, Role, string?][] = [
      ['org-exp', 'US Exporter Inc.', 'exporter', 'exp', 'compliance_officer'],
      ['org-exp2', 'Other Exporter Inc.', 'exporter', 'exp2', 'compliance_officer'],
      ['org-bis', 'BIS', 'bis', 'bis', 'bis_officer'],
      ['org-erc', 'ERC: Commerce', 'erc', 'erc', 'erc_member', 'Commerce'],
      ['org-erc-state', 'ERC: State', 'agency', 'erc:State', 'erc_member', 'State'],
      ['org-erc-defense', 'ERC: Defense', 'agency', 'erc:Defense', 'erc_member', 'Defense'],
      ['org-erc-energy', 'ERC: Energy', 'agency', 'erc:Energy', 'erc_member', 'Energy'],
    ];
    const w = await openCaseWorld(
      factory,
      '2024-06-01',
      orgs.map(([orgId, orgName, orgType, key, role, ercAgency]) => ({
        key,
        orgId,
        orgName,
        orgType,
        role,
        ...(ercAgency ? { ercAgency } : {}),
      })),
      screener,
    );
    ({ s, at } = w);
    Object.assign(actors, w.actors);
  }, 60_000);
  afterAll(async () => s?.store.close());

  /** Through the ERC: submitted, circulated, voted by the agencies as given. */
  async function review(
    id: string,
    votes: ('approve' | 'deny')[] = ['approve', 'approve', 'approve', 'approve'],
  ) {
    await actOnVeu(s, actors.exp!, id, 'submit', {});
    await actOnVeu(s, actors.erc!, id, 'circulate', {});
    for (const [i, vote] of votes.entries()) await actOnVeu(s, members()[i]!, id, 'vote', { vote });
  }

  /** A lot of one item to the VEU at a facility, checked and attached on `date`, shipped on `date`. */
  async function ship(entryId: string, eccn: string, facility: string, date: string) {
    at(date);
    const tx = await createTransaction(s, actors.exp!, {
      reference: `${eccn}-${date}`,
      check: {
        asOf: date,
        destination: 'CN',
        items: [{ eccn, description: 'tool', quantity: 1, valueUsd: 100_000 }],
        parties: [{ role: 'end_user', name: VEU, country: 'CN' }],
        endUse: civilEndUse,
        veu: { validatedEndUser: VEU, facility },
      },
    });
    await attachAuthorizations(s, actors.exp!, tx.id, { veuEntryId: entryId });
    return shipTransaction(s, actors.exp!, tx.id);
  }
  const refused = { code: 'CASE.SHIPMENT_REFUSED' };
  const entry = async (id: string) => (await s.store.get<VeuEntryData>('veu_entry', id))!;

  let entryId = '';

  it('approves part of the request; the entry authorizes nothing until the rule adding it takes effect', async () => {
    at('2024-06-01');
    const app = await createVeuApplication(s, actors.exp!, {
      candidate: { name: VEU, address: A.address },
      facilities: [A, B],
      items: ['3B001.e', '3B001.c'],
      civilEndUses: 'civil IC production',
      complianceProgram: 'ICP',
      consentToOnSiteReviews: true,
    });
    await review(app.id);
    at('2024-06-20');
    await expect(
      actOnVeu(s, actors.erc!, app.id, 'approve', { items: ['3B001.e'], facilities: ['Facility A'] }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'text' } });
    const approved = await actOnVeu(s, actors.erc!, app.id, 'approve', {
      items: ['3B001.e'],
      facilities: ['Facility A'],
      text: 'the second tool line and facility are not shown to serve civil production',
    });
    const data = approved.data as VeuApplicationData;
    expect(data.decision?.notApproved.map((n) => n.value)).toEqual(['3B001.c', line(B)]);
    entryId = data.entryId!;
    const pending = await entry(entryId);
    expect(pending.state).toBe('pending_publication');
    expect(pending.data.entry).toMatchObject({ eligibleItems: ['3B001.e'], eligibleDestinations: [line(A)] });
    await certifyVeu(s, actors.exp!, entryId, 'civil end uses only, at Facility A');

    // between the vote and the publication nothing ships under the entry, and the check does not grant VEU
    await expect(ship(entryId, '3B001.e', line(A), '2024-06-25')).rejects.toMatchObject({
      ...refused,
      problem: { details: { authorization: 'LICENSE' } },
    });

    // BIS (not the ERC) records the final rule, with its Federal Register citation and effective date
    at('2024-07-01');
    const publication = { citation: '89 FR 54321', effectiveOn: '2024-07-15' };
    await expect(actOnVeu(s, actors.erc!, app.id, 'publish', publication)).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
    });
    await expect(
      actOnVeu(s, actors.bis!, app.id, 'publish', { ...publication, citation: 'Fed. Reg. 54321' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'citation' } });
    await expect(
      actOnVeu(s, actors.bis!, app.id, 'publish', { ...publication, effectiveOn: '2024-06-30' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'effectiveOn' } });
    expect((await actOnVeu(s, actors.bis!, app.id, 'publish', publication)).state).toBe('published');
    const active = await entry(entryId);
    expect(active.state).toBe('active');
    expect(active.data.entry.effective).toEqual({ from: '2024-07-15', to: null });
    expect(active.data.entry.citation).toContain('89 FR 54321');

    // published, not yet effective: refused; from the effective date it ships
    await expect(ship(entryId, '3B001.e', line(A), '2024-07-10')).rejects.toMatchObject(refused);
    expect((await ship(entryId, '3B001.e', line(A), '2024-07-15')).state).toBe('shipped');
    // what the ERC did not approve does not ship
    await expect(ship(entryId, '3B001.e', line(B), '2024-07-16')).rejects.toMatchObject(refused);
  });

  it('adds a facility and an item by unanimous vote, in force from the amending rule', async () => {
    at('2024-08-01');
    await expect(
      requestVeuAmendment(s, actors.exp2!, entryId, { addItems: ['3B001.c'], reason: 'x' }),
    ).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    await expect(
      requestVeuAmendment(s, actors.exp!, entryId, { addItems: ['0A503'], reason: 'x' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'addItems[0]' } });
    await expect(
      requestVeuAmendment(s, actors.exp!, entryId, { removeItems: ['3C002'], reason: 'x' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'removeItems[0]' } });
    const amendment = await requestVeuAmendment(s, actors.exp!, entryId, {
      addItems: ['3B001.c'],
      addFacilities: [B],
      reason: 'second production line at Facility B',
    });
    await review(amendment.id, ['approve', 'approve', 'approve', 'deny']);
    await expect(actOnVeu(s, actors.erc!, amendment.id, 'approve', {})).rejects.toMatchObject({
      code: 'CASE.INVALID_TRANSITION',
    });
    await actOnVeu(s, actors.erc!, amendment.id, 'deny', { text: 'Energy objects' });

    const second = await requestVeuAmendment(s, actors.exp!, entryId, {
      addItems: ['3B001.c'],
      addFacilities: [B],
      reason: 'second production line at Facility B, with the technology control plan Energy asked for',
    });
    await review(second.id);
    await actOnVeu(s, actors.erc!, second.id, 'approve', {});
    at('2024-08-10');
    await actOnVeu(s, actors.bis!, second.id, 'publish', {
      citation: '89 FR 60001',
      effectiveOn: '2024-09-01',
    });
    // approved and published, but not in effect before the amending rule's date
    await expect(ship(entryId, '3B001.c', line(B), '2024-08-20')).rejects.toMatchObject(refused);
    expect((await ship(entryId, '3B001.c', line(B), '2024-09-01')).state).toBe('shipped');
    const e = await entry(entryId);
    expect(e.data.entry.eligibleItems).toEqual(['3B001.e', '3B001.c']);
    expect(e.data.eligibility).toContainEqual(
      expect.objectContaining({ kind: 'item', value: '3B001.c', from: '2024-09-01', to: null }),
    );
  });

  it('removes an item by majority vote; lots dated before the removal still go, later ones do not', async () => {
    at('2024-09-10');
    const removal = await requestVeuAmendment(s, actors.exp!, entryId, {
      removeItems: ['3B001.c'],
      reason: 'the line at Facility B now uses other tools',
    });
    await review(removal.id, ['approve', 'approve', 'approve', 'deny']);
    await actOnVeu(s, actors.erc!, removal.id, 'approve', {});
    at('2024-09-20');
    await actOnVeu(s, actors.bis!, removal.id, 'publish', {
      citation: '89 FR 70001',
      effectiveOn: '2024-10-01',
    });
    expect((await ship(entryId, '3B001.c', line(B), '2024-09-30')).state).toBe('shipped');
    await expect(ship(entryId, '3B001.c', line(B), '2024-10-01')).rejects.toMatchObject(refused);
    expect((await ship(entryId, '3B001.e', line(B), '2024-10-02')).state).toBe('shipped');
    expect((await entry(entryId)).data.eligibility).toContainEqual(
      expect.objectContaining({ value: '3B001.c', from: '2024-09-01', to: '2024-09-30' }),
    );
  });

  it('revocation by majority ends eligibility for shipments on and after the deciding vote', async () => {
    at('2024-11-01');
    for (const m of members().slice(0, 3)) await voteToRevokeVeu(s, m, entryId, { vote: 'approve' });
    const e = await entry(entryId);
    expect(e.state).toBe('revoked');
    expect(e.data.entry.effective.to).toBe('2024-10-31');
    await expect(ship(entryId, '3B001.e', line(A), '2024-11-01')).rejects.toMatchObject(refused);
    await expect(
      requestVeuAmendment(s, actors.exp!, entryId, { addItems: ['3B001.c'], reason: 'again' }),
    ).rejects.toMatchObject({ code: 'CASE.INVALID_TRANSITION' });
  });

  it('keeps an audit log that verifies', async () => {
    expect(await verifyAudit(s.store)).toMatchObject({ ok: true });
  });
});
