/**
 * Audit checkpoints (issue 14): the chain head (sequence, hash, time) signed with an Ed25519 key the operator
 * keeps away from the database. Whoever can write to the database can edit an entry and recompute every hash
 * after it (and the head row): the chain then verifies. A checkpoint taken before cannot be recomputed without
 * the private key, so `verifyCheckpoint` catches it: the entry at the checkpoint's sequence no longer carries
 * the checkpoint's hash. Keys are PEM (PKCS#8 private, SPKI public); node:crypto signs and verifies.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import { HttError } from '../../core/errors.js';
import { canonicalJson } from '../../core/canonical-json.js';
import type { RecordStore } from '../ports/record-store.js';

export const CHECKPOINT_FORMAT = 'htt-audit-checkpoint/1';

export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  /** The last entry the checkpoint covers, and its hash. */
  seq: number;
  hash: string;
  /** When the checkpoint was taken (ISO). */
  at: string;
  /** Where (dialect and location, passwords removed): for the reader, not checked. */
  database: string;
  /** SHA-256 of the signing key's public half (SPKI DER), hex: which key to check it with. */
  keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 signature of the canonical JSON of the body, base64. */
  signature: string;
}

export function generateCheckpointKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const badKey = (what: string, e: unknown): never => {
  throw new HttError({
    code: 'INPUT.INVALID',
    message: `the ${what} is not an Ed25519 key in PEM: ${(e as Error)?.message ?? e}`,
    field: what === 'private key' ? '--key' : '--public-key',
  });
};

function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** The public half of a private key (PEM). */
export function publicKeyOf(privateKeyPem: string): string {
  try {
    const key = createPrivateKey(privateKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a ${key.asymmetricKeyType} key`);
    return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  } catch (e) {
    return badKey('private key', e);
  }
}

/** Sign the store's current chain head. */
export async function takeCheckpoint(
  store: Pick<RecordStore, 'auditHead'>,
  privateKeyPem: string,
  at: string,
  database: string,
): Promise<Checkpoint> {
  const publicKeyPem = publicKeyOf(privateKeyPem);
  if (!store.auditHead) throw new Error('this store keeps no chain head');
  const head = await store.auditHead();
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq,
    hash: head.hash,
    at,
    database,
    keyId: keyIdOf(publicKeyPem),
  };
  const signature = sign(null, Buffer.from(canonicalJson(body)), createPrivateKey(privateKeyPem));
  return { ...body, signature: signature.toString('base64') };
}

export type CheckpointReport =
  { ok: true; seq: number; hash: string; at: string } | { ok: false; seq: number; problem: string };

/** Parse a checkpoint file's text; INPUT.INVALID when it is not one. */
export function parseCheckpoint(text: string): Checkpoint {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(text) as Partial<Checkpoint>;
  } catch (e) {
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `the checkpoint is not JSON: ${(e as Error).message}`,
      field: '--checkpoint',
    });
  }
  if (
    c?.format !== CHECKPOINT_FORMAT ||
    !Number.isInteger(c.seq) ||
    (c.seq as number) < 0 ||
    typeof c.hash !== 'string' ||
    typeof c.at !== 'string' ||
    typeof c.database !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.signature !== 'string'
  )
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `not an audit checkpoint (${CHECKPOINT_FORMAT}: seq, hash, at, database, keyId, signature)`,
      field: '--checkpoint',
    });
  return c as Checkpoint;
}

/**
 * Check a checkpoint against the operator's public key and the store's log: the signature must be the key's,
 * and the log must still hold the checkpoint's hash at the checkpoint's sequence. Run it after the chain
 * itself verified (verifyAudit): together they say the log is intact and has not been rewritten up to there.
 */
export async function verifyCheckpoint(
  store: Pick<RecordStore, 'auditLog'>,
  checkpoint: Checkpoint,
  publicKeyPem: string,
): Promise<CheckpointReport> {
  let keyId: string;
  try {
    keyId = keyIdOf(publicKeyPem);
  } catch (e) {
    return badKey('public key', e);
  }
  const { signature, ...body } = checkpoint;
  if (body.keyId !== keyId)
    return { ok: false, seq: body.seq, problem: 'the checkpoint was signed with another key than this one' };
  const valid = verify(
    null,
    Buffer.from(canonicalJson(body)),
    createPublicKey(publicKeyPem),
    Buffer.from(signature, 'base64'),
  );
  if (!valid)
    return {
      ok: false,
      seq: body.seq,
      problem: 'the checkpoint signature does not verify: the file was altered',
    };
  if (body.seq === 0) return { ok: true, seq: 0, hash: body.hash, at: body.at };
  const [entry] = await store.auditLog(body.seq, 1);
  if (!entry || entry.seq !== body.seq)
    return {
      ok: false,
      seq: body.seq,
      problem: `the log no longer reaches entry ${body.seq}, which the checkpoint of ${body.at} signed`,
    };
  if (entry.hash !== body.hash)
    return {
      ok: false,
      seq: body.seq,
      problem: `entry ${body.seq} carries hash ${entry.hash.slice(0, 16)}..., not the ${body.hash.slice(0, 16)}... signed at ${body.at}: the chain was rewritten up to there`,
    };
  return { ok: true, seq: body.seq, hash: body.hash, at: body.at };
}
