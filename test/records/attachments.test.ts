/**
 * Supporting files (issue 15, item 5): uploads are size-limited and type-checked by content, recorded with
 * their SHA-256 in the audit log (the bytes kept out of it), listed and fetched only by those who may read
 * the record, and checked against the recorded SHA-256 on every fetch.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { verifyAudit } from '../../src/app/records/audit.js';
import {
  ATTACHMENT_MAX_BYTES,
  attachFile,
  getAttachment,
  listAttachments,
} from '../../src/app/records/attachments.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import { createTransaction } from '../../src/app/records/transactions.js';
import { civilEndUse } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

describe.each(storeFactories)('attachments on $name', (factory) => {
  let s: CaseServices;
  const actors: Record<string, Actor> = {};
  let txId = '';
  beforeAll(async () => {
    s = {
      store: await factory.open(),
      checks: { rules: loadRules, screener: () => undefined, today: () => '2026-03-01' },
      now: () => '2026-03-01T09:00:00.000Z',
      config: { eusTargetDays: 20 },
    };
    for (const [id, type, role] of [
      ['org-exp', 'exporter', 'compliance_officer'],
      ['org-exp2', 'exporter', 'other_exporter'],
      ['org-audit', 'auditor', 'auditor'],
    ] as const) {
      await createOrganisation(s, SYSTEM, { name: `Org ${id}`, type }, id);
      const u = await addUser(s, SYSTEM, {
        name: `Person ${role}`,
        email: `${role}@${id}.example`,
        orgId: id,
        role: role === 'other_exporter' ? 'compliance_officer' : role,
      });
      actors[role] = await actorFor(s, u.id);
    }
    const tx = await createTransaction(s, actors.compliance_officer!, {
      reference: 'PO-ATT-1',
      counterpartyIds: [],
      check: {
        asOf: '2026-03-01',
        destination: 'CN',
        items: [{ eccn: 'EAR99', valueUsd: 100 }],
        parties: [{ role: 'end_user', name: 'Example Co.', country: 'CN' }],
        endUse: civilEndUse,
      },
    });
    txId = tx.id;
  }, 60_000);
  afterAll(async () => s?.store.close());

  const upload = (actor: Actor, over: Record<string, unknown> = {}) =>
    attachFile(s, actor, {
      recordKind: 'transaction',
      recordId: txId,
      fileName: 'contract.pdf',
      mediaType: 'application/pdf',
      contentBase64: b64(PDF),
      ...over,
    } as Parameters<typeof attachFile>[2]);

  it('records the upload with its SHA-256 in the audit log, without the bytes', async () => {
    const before = (await s.store.auditLog(1, 10_000)).length;
    const a = await upload(actors.compliance_officer!);
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(a).toMatchObject({
      fileName: 'contract.pdf',
      size: PDF.length,
      sha256: sha,
      uploadedBy: actors.compliance_officer!.userId,
    });
    expect(a).not.toHaveProperty('contentBase64');
    const entries = (await s.store.auditLog(1, 10_000)).slice(before);
    expect(entries.map((e) => e.action)).toEqual(['attachment.create']);
    expect(entries[0]!.reason).toContain(sha);
    const image = JSON.stringify(entries[0]!.after);
    expect(image).toContain(sha);
    expect(image).not.toContain(b64(PDF));
    expect((await verifyAudit(s.store)).ok).toBe(true);
    // listed and fetched, with the uploader's name
    const list = await listAttachments(s, actors.auditor!, 'transaction', txId);
    expect(list.map((x) => [x.fileName, x.uploadedBy])).toEqual([
      ['contract.pdf', 'Person compliance_officer'],
    ]);
    const got = await getAttachment(s, actors.compliance_officer!, a.id);
    expect(Buffer.from(got.contentBase64, 'base64').equals(PDF)).toBe(true);
  });

  it('refuses a file whose content is not its type, a wrong extension, an empty or oversized file', async () => {
    const exp = actors.compliance_officer!;
    await expect(upload(exp, { contentBase64: b64('MZ\u0090\u0000 not a pdf') })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
      problem: { field: 'mediaType' },
    });
    await expect(upload(exp, { fileName: 'contract.exe' })).rejects.toMatchObject({
      problem: { field: 'fileName' },
    });
    await expect(upload(exp, { contentBase64: '' })).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    await expect(upload(exp, { contentBase64: 'not base64!' })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
    const big = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    await expect(upload(exp, { contentBase64: b64(big) })).rejects.toMatchObject({ code: 'INPUT.TOO_LARGE' });
    await expect(
      upload(exp, {
        fileName: 'list.csv',
        mediaType: 'text/csv',
        contentBase64: b64(Buffer.from([0x41, 0, 0x42])),
      }),
    ).rejects.toMatchObject({ problem: { field: 'mediaType' } });
    const csv = await upload(exp, {
      fileName: 'list.csv',
      mediaType: 'text/csv',
      contentBase64: b64('name\n哈尔滨工业大学\n'),
    });
    expect(csv.mediaType).toBe('text/csv');
  });

  it('keeps files to those who may read the record; the auditor reads but attaches nothing', async () => {
    const other = actors.other_exporter!;
    await expect(upload(other)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    await expect(listAttachments(s, other, 'transaction', txId)).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });
    const [first] = await listAttachments(s, actors.compliance_officer!, 'transaction', txId);
    await expect(getAttachment(s, other, first!.id)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    await expect(upload(actors.auditor!)).rejects.toMatchObject({ code: 'CASE.FORBIDDEN' });
  });

  it('refuses to hand out bytes that no longer match the recorded SHA-256', async () => {
    const a = await upload(actors.compliance_officer!, { fileName: 'second.pdf' });
    const r = (await s.store.get<{ contentBase64: string }>('attachment', a.id))!;
    const altered = b64(Buffer.concat([PDF, Buffer.from('x')]));
    await s.store.transaction((tx) =>
      tx.update({ ...r, data: { ...r.data, contentBase64: altered } }, r.version, {
        actor: 'test',
        action: 'test.tamper',
        at: '2026-03-01T10:00:00Z',
      }),
    );
    await expect(getAttachment(s, actors.compliance_officer!, a.id)).rejects.toMatchObject({
      code: 'AUDIT.TAMPERED',
    });
  });
});
