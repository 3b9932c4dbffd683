/**
 * Supporting files attached to a case record (issue 15, item 5): a contract, an End-User Statement scan, a
 * letter. Uploaded by a user who may read the record (not the read-only auditor or HTWG), size-limited and
 * type-checked by the file's own bytes (not only its name), kept as an `attachment` record of the target's
 * organisations. The audit entry of the upload records the file's name, type, size and SHA-256; the bytes
 * themselves are kept on the record and left out of the audit image (src/core/audit/redact.ts), and every
 * download checks them against the SHA-256 the audit log holds. Reading follows the target record's
 * visibility: whoever cannot read the record cannot list or download its files.
 */
import { createHash } from 'node:crypto';
import { HttError } from '../../core/errors.js';
import { attachableKinds, type AttachableKind, type StoredRecord } from '../ports/record-store.js';
import { audit, getVisible, newId, type Actor, type CaseServices } from './context.js';

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export { attachableKinds, type AttachableKind };

/** The types accepted, each recognised by its first bytes (or, for text, by being valid UTF-8 without NUL). */
export const attachmentTypes = {
  'application/pdf': { ext: ['pdf'], magic: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/png': {
    ext: ['png'],
    magic: (b: Buffer) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': {
    ext: ['jpg', 'jpeg'],
    magic: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  'text/plain': { ext: ['txt'], magic: (b: Buffer) => isText(b) },
  'text/csv': { ext: ['csv'], magic: (b: Buffer) => isText(b) },
} as const;
export type AttachmentType = keyof typeof attachmentTypes;

function isText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export interface AttachmentData {
  recordKind: AttachableKind;
  recordId: string;
  fileName: string;
  mediaType: AttachmentType;
  size: number;
  sha256: string;
  note?: string;
  /** The bytes, base64; never in the audit log (redact.ts) and never in a listing. */
  contentBase64: string;
}

export type AttachmentInfo = Omit<AttachmentData, 'contentBase64'> & {
  id: string;
  uploadedAt: string;
  uploadedBy: string;
};

const invalid = (message: string, field: string) => new HttError({ code: 'INPUT.INVALID', message, field });

const info = (r: StoredRecord<AttachmentData>, uploadedBy: string): AttachmentInfo => {
  const { contentBase64: _bytes, ...rest } = r.data;
  return { id: r.id, ...rest, uploadedAt: r.createdAt, uploadedBy };
};

export async function attachFile(
  s: CaseServices,
  actor: Actor,
  input: {
    recordKind: AttachableKind;
    recordId: string;
    fileName: string;
    mediaType: AttachmentType;
    contentBase64: string;
    note?: string;
  },
): Promise<AttachmentInfo> {
  if (actor.role === 'auditor' || actor.role === 'htwg_member')
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: `a ${actor.role} reads records and attaches nothing`,
    });
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64) || input.contentBase64.length % 4 !== 0)
    throw invalid('the file content is not base64', 'contentBase64');
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (!bytes.length) throw invalid('the file is empty', 'contentBase64');
  if (bytes.length > ATTACHMENT_MAX_BYTES)
    throw new HttError({
      code: 'INPUT.TOO_LARGE',
      message: `the file is ${bytes.length} bytes; at most ${ATTACHMENT_MAX_BYTES} (5 MiB)`,
      field: 'contentBase64',
    });
  const type = attachmentTypes[input.mediaType];
  const ext = /\.([A-Za-z0-9]+)$/.exec(input.fileName)?.[1]?.toLowerCase() ?? '';
  if (!(type.ext as readonly string[]).includes(ext))
    throw invalid(`a ${input.mediaType} file is named .${type.ext.join(' or .')}`, 'fileName');
  if (!type.magic(bytes)) throw invalid(`the file's content is not ${input.mediaType}`, 'mediaType');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return s.store.transaction(async (tx) => {
    const target = await getVisible(tx, actor, input.recordKind, input.recordId);
    const record = await tx.insert<AttachmentData>(
      {
        kind: 'attachment',
        id: newId('att'),
        orgIds: target.orgIds,
        state: '',
        data: {
          recordKind: input.recordKind,
          recordId: input.recordId,
          fileName: input.fileName,
          mediaType: input.mediaType,
          size: bytes.length,
          sha256,
          ...(input.note ? { note: input.note } : {}),
          contentBase64: input.contentBase64,
        },
        retainUntil: target.retainUntil,
      },
      audit(actor, 'attachment.create', s.now(), `${input.fileName} sha256 ${sha256}`),
    );
    return info(record, actor.userId);
  });
}

/** The files attached to a record the actor may read, without their bytes, with who uploaded them. */
export async function listAttachments(
  s: CaseServices,
  actor: Actor,
  recordKind: AttachableKind,
  recordId: string,
): Promise<AttachmentInfo[]> {
  await getVisible(s, actor, recordKind, recordId);
  const files = await s.store.list<AttachmentData>('attachment', { where: { recordId, recordKind } });
  const uploaders = await uploadersOf(s, new Set(files.map((f) => f.id)));
  return files.map((f) => info(f, uploaders.get(f.id) ?? ''));
}

async function uploadersOf(s: CaseServices, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.size) return out;
  for (let from = 1; ;) {
    const page = await s.store.auditLog(from, 1000);
    for (const e of page)
      if (ids.has(e.recordId) && e.action === 'attachment.create') out.set(e.recordId, e.actor);
    if (page.length < 1000) break;
    from = (page[page.length - 1]?.seq ?? from) + 1;
  }
  const names = new Map<string, string>();
  for (const [id, userId] of out) {
    if (!names.has(userId))
      names.set(userId, (await s.store.get<{ name: string }>('user', userId))?.data.name ?? userId);
    out.set(id, names.get(userId)!);
  }
  return out;
}

/** One file with its bytes, checked against the SHA-256 recorded when it was uploaded. */
export async function getAttachment(
  s: CaseServices,
  actor: Actor,
  id: string,
): Promise<AttachmentInfo & { contentBase64: string }> {
  const r = await s.store.get<AttachmentData>('attachment', id);
  if (!r) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no attachment ${id}` });
  await getVisible(s, actor, r.data.recordKind, r.data.recordId).catch(() => {
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `no attachment ${id}` });
  });
  const bytes = Buffer.from(r.data.contentBase64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== r.data.sha256)
    throw new HttError({
      code: 'AUDIT.TAMPERED',
      message: `attachment ${id}: its bytes no longer match the SHA-256 recorded at upload`,
    });
  const uploaders = await uploadersOf(s, new Set([id]));
  return { ...info(r, uploaders.get(id) ?? ''), contentBase64: r.data.contentBase64 };
}
