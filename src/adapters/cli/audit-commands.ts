/**
 * `htt audit keygen --out FILE` makes the operator's Ed25519 key pair; `htt audit checkpoint --key FILE
 * [--out FILE]` signs the chain head (src/app/records/audit-checkpoint.ts), and `htt audit verify --checkpoint
 * FILE --public-key FILE` also checks that the log still holds the signed head, which a chain recomputed from
 * an edited entry does not.
 *
 * `htt audit verify [--json]`: check the hash chain of the audit log (issue 4). Exit 0 with a summary when
 * it is intact; exit 1 (AUDIT.TAMPERED) naming the first bad entry otherwise. The store is the one the rest
 * of the CLI uses: DATABASE_URL (PostgreSQL) or HTT_DB / .htt/htt.sqlite (SQLite), unless --db or
 * --database-url says otherwise. With --records, every stored record is also compared with its last audit
 * entry, which catches records changed behind the store's back (the chain alone covers only the log).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { RecordsReport } from '../../app/records/audit.js';
import type { Checkpoint, CheckpointReport } from '../../app/records/audit-checkpoint.js';
import { exitCodeOf, HttError } from '../../core/errors.js';
import type { OpenRecordStoreOptions } from '../db/open-record-store.js';
import type { CliIo } from './io.js';

interface StoreFlags {
  db?: string;
  databaseUrl?: string;
}

interface VerifyFlags extends StoreFlags {
  json?: boolean;
  records?: boolean;
  checkpoint?: string;
  publicKey?: string;
  key?: string;
}

/** The store options of --db / --database-url; a --db file must exist (verifying never creates one). */
function storeOptions(flags: StoreFlags): OpenRecordStoreOptions {
  const options: OpenRecordStoreOptions = {};
  if (flags.databaseUrl !== undefined) options.databaseUrl = flags.databaseUrl;
  if (flags.db !== undefined) {
    if (flags.db !== ':memory:' && !existsSync(flags.db)) {
      throw new HttError({
        code: 'INPUT.FILE_NOT_FOUND',
        message: `no database file ${flags.db}`,
        field: '--db',
      });
    }
    options.sqlitePath = flags.db;
  }
  return options;
}

function readText(path: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new HttError({
      code: 'INPUT.FILE_NOT_FOUND',
      message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      field,
    });
  }
}

/** The operator's public key: --public-key, HTT_AUDIT_PUBLIC_KEY, else derived from --key / HTT_AUDIT_KEY. */
async function publicKeyFor(flags: VerifyFlags): Promise<string> {
  const file = flags.publicKey ?? process.env.HTT_AUDIT_PUBLIC_KEY;
  if (file) return readText(file, '--public-key');
  const privateFile = flags.key ?? process.env.HTT_AUDIT_KEY;
  if (privateFile) {
    const { publicKeyOf } = await import('../../app/records/audit-checkpoint.js');
    return publicKeyOf(readText(privateFile, '--key'));
  }
  throw new HttError({
    code: 'INPUT.INVALID',
    message:
      '--checkpoint needs the public key to check it with: --public-key FILE (or HTT_AUDIT_PUBLIC_KEY), never the one a checkpoint could carry',
    field: '--public-key',
  });
}

export function registerAuditCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const audit = program.command('audit').description('The hash-chained audit log of every change (Part 762)');
  audit
    .command('verify')
    .description('Recompute the audit chain: exit 0 if intact, 1 (AUDIT.TAMPERED) at the first bad entry')
    .option('--json', 'print the result as JSON')
    .option('--records', 'also check that every stored record equals its last audit entry')
    .option('--db <file>', 'SQLite database file (default: HTT_DB or .htt/htt.sqlite)')
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL)')
    .option(
      '--checkpoint <file>',
      'also check a signed checkpoint (htt audit checkpoint): the log still holds its head',
    )
    .option('--public-key <file>', "the checkpoint key's public half (default: HTT_AUDIT_PUBLIC_KEY)")
    .option('--key <file>', 'or the private key, whose public half is used (default: HTT_AUDIT_KEY)')
    .action(async (flags: VerifyFlags) => {
      const [{ openRecordStore, storeLocation }, { reconcileRecords, verifyAudit }] = await Promise.all([
        import('../db/open-record-store.js'),
        import('../../app/records/audit.js'),
      ]);
      const options = storeOptions(flags);
      // the checkpoint and its key are read before the database is opened: a bad file fails fast
      let signed: { checkpoint: Checkpoint; publicKey: string } | undefined;
      const checkpoints = await import('../../app/records/audit-checkpoint.js');
      if (flags.checkpoint !== undefined)
        signed = {
          checkpoint: checkpoints.parseCheckpoint(readText(flags.checkpoint, '--checkpoint')),
          publicKey: await publicKeyFor(flags),
        };
      const where = storeLocation(options);
      const store = await openRecordStore(options);
      let report;
      let records: RecordsReport | undefined;
      let checkpoint: CheckpointReport | undefined;
      try {
        report = await verifyAudit(store);
        // the records are compared with the log only once the log itself is known to be intact
        if (report.ok && flags.records) records = await reconcileRecords(store);
        if (report.ok && signed)
          checkpoint = await checkpoints.verifyCheckpoint(store, signed.checkpoint, signed.publicKey);
      } finally {
        await store.close();
      }
      const database = { dialect: where.dialect, location: where.where };
      if (report.ok && checkpoint && !checkpoint.ok) {
        const message = `the audit log does not hold the signed checkpoint at entry ${checkpoint.seq}: ${checkpoint.problem}`;
        if (flags.json) {
          io.out(
            JSON.stringify(
              { ok: false, code: 'AUDIT.TAMPERED', message, log: report, checkpoint, database },
              null,
              2,
            ),
          );
          setExit(exitCodeOf('AUDIT.TAMPERED'));
          return;
        }
        throw new HttError({ code: 'AUDIT.TAMPERED', message, details: checkpoint });
      }
      if (report.ok && records && !records.ok) {
        const message = `records do not match the audit log: ${records.problem}`;
        if (flags.json) {
          io.out(
            JSON.stringify(
              { ok: false, code: 'AUDIT.TAMPERED', message, log: report, records, database },
              null,
              2,
            ),
          );
          setExit(exitCodeOf('AUDIT.TAMPERED'));
          return;
        }
        throw new HttError({ code: 'AUDIT.TAMPERED', message, details: records });
      }
      if (report.ok) {
        if (flags.json) {
          io.out(
            JSON.stringify(
              { ...report, ...(records ? { records } : {}), ...(checkpoint ? { checkpoint } : {}), database },
              null,
              2,
            ),
          );
        } else {
          io.out(
            report.count === 0
              ? `Audit log intact: no entries yet (${where.dialect} ${where.where}).`
              : `Audit log intact: ${report.count} ${report.count === 1 ? 'entry' : 'entries'}, seq 1–${report.lastSeq}, head ${report.head} (${where.dialect} ${where.where}).`,
          );
          if (records?.ok) io.out(`Records match the log: ${records.records} checked.`);
          if (checkpoint?.ok)
            io.out(
              `Checkpoint of ${checkpoint.at} holds: entry ${checkpoint.seq} still carries the signed hash ${checkpoint.hash.slice(0, 16)}...`,
            );
        }
        return;
      }
      const message = `audit log fails verification at entry ${report.seq}: ${report.problem} (${report.checked} ${report.checked === 1 ? 'entry' : 'entries'} before it verified)`;
      if (flags.json) {
        io.out(JSON.stringify({ ...report, code: 'AUDIT.TAMPERED', message, database }, null, 2));
        setExit(exitCodeOf('AUDIT.TAMPERED'));
        return;
      }
      throw new HttError({
        code: 'AUDIT.TAMPERED',
        message,
        details: { seq: report.seq, problem: report.problem },
      });
    });
  audit
    .command('keygen')
    .description('make an Ed25519 key pair for signing audit checkpoints: FILE (private, 0600) and FILE.pub')
    .requiredOption('--out <file>', 'where to write the private key (the public one goes to FILE.pub)')
    .action(async (flags: { out: string }) => {
      const { generateCheckpointKeys } = await import('../../app/records/audit-checkpoint.js');
      const { privateKeyPem, publicKeyPem } = generateCheckpointKeys();
      for (const file of [flags.out, `${flags.out}.pub`])
        if (existsSync(file))
          throw new HttError({
            code: 'CASE.CONFLICT',
            message: `${file} exists: a key is never overwritten`,
            field: '--out',
          });
      writeFileSync(flags.out, privateKeyPem, { mode: 0o600, flag: 'wx' });
      writeFileSync(`${flags.out}.pub`, publicKeyPem, { mode: 0o644, flag: 'wx' });
      io.out(
        `private key ${flags.out} (keep it away from the database's host); public key ${flags.out}.pub (give it to whoever verifies)`,
      );
    });
  audit
    .command('checkpoint')
    .description(
      'sign the audit chain head (sequence, hash, time) with the operator key; keep the file elsewhere',
    )
    .option('--key <file>', 'the Ed25519 private key (default: HTT_AUDIT_KEY)')
    .option('--out <file>', 'write the checkpoint here (default: print it)')
    .option('--db <file>', 'SQLite database file (default: HTT_DB or .htt/htt.sqlite)')
    .option('--database-url <url>', 'PostgreSQL URL (default: DATABASE_URL)')
    .action(async (flags: StoreFlags & { key?: string; out?: string }) => {
      const keyFile = flags.key ?? process.env.HTT_AUDIT_KEY;
      if (!keyFile)
        throw new HttError({
          code: 'INPUT.INVALID',
          message:
            'a checkpoint is signed with the operator key: --key FILE or HTT_AUDIT_KEY (htt audit keygen)',
          field: '--key',
        });
      const privateKeyPem = readText(keyFile, '--key');
      const [{ openRecordStore, storeLocation }, { takeCheckpoint }] = await Promise.all([
        import('../db/open-record-store.js'),
        import('../../app/records/audit-checkpoint.js'),
      ]);
      const options = storeOptions(flags);
      const where = storeLocation(options);
      const store = await openRecordStore(options);
      let checkpoint;
      try {
        checkpoint = await takeCheckpoint(
          store,
          privateKeyPem,
          new Date().toISOString(),
          `${where.dialect} ${where.where}`,
        );
      } finally {
        await store.close();
      }
      const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
      if (flags.out) {
        writeFileSync(flags.out, text);
        io.out(
          `checkpoint of entry ${checkpoint.seq} (head ${checkpoint.hash.slice(0, 16)}...) written to ${flags.out}`,
        );
      } else io.out(text.trimEnd());
    });
}
