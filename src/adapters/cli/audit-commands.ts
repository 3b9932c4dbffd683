/**
 * `htt audit verify [--json]`: check the hash chain of the audit log (issue 4). Exit 0 with a summary when
 * it is intact; exit 1 (AUDIT.TAMPERED) naming the first bad entry otherwise. The store is the one the rest
 * of the CLI uses: DATABASE_URL (PostgreSQL) or HTT_DB / .htt/htt.sqlite (SQLite), unless --db or
 * --database-url says otherwise. With --records, every stored record is also compared with its last audit
 * entry, which catches records changed behind the store's back (the chain alone covers only the log).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { RecordsReport } from '../../app/records/audit.js';
import { exitCodeOf, HttError } from '../../core/errors.js';
import type { OpenRecordStoreOptions } from '../db/open-record-store.js';
import type { CliIo } from './io.js';

interface VerifyFlags {
  json?: boolean;
  records?: boolean;
  db?: string;
  databaseUrl?: string;
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
    .action(async (flags: VerifyFlags) => {
      const [{ openRecordStore, storeLocation }, { reconcileRecords, verifyAudit }] = await Promise.all([
        import('../db/open-record-store.js'),
        import('../../app/records/audit.js'),
      ]);
      const options: OpenRecordStoreOptions = {};
      if (flags.databaseUrl !== undefined) options.databaseUrl = flags.databaseUrl;
      if (flags.db !== undefined) {
        // verifying must never create a database: a missing file is an error
        if (flags.db !== ':memory:' && !existsSync(flags.db)) {
          throw new HttError({
            code: 'INPUT.FILE_NOT_FOUND',
            message: `no database file ${flags.db}`,
            field: '--db',
          });
        }
        options.sqlitePath = flags.db;
      }
      const where = storeLocation(options);
      const store = await openRecordStore(options);
      let report;
      let records: RecordsReport | undefined;
      try {
        report = await verifyAudit(store);
        // the records are compared with the log only once the log itself is known to be intact
        if (report.ok && flags.records) records = await reconcileRecords(store);
      } finally {
        await store.close();
      }
      const database = { dialect: where.dialect, location: where.where };
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
          io.out(JSON.stringify({ ...report, ...(records ? { records } : {}), database }, null, 2));
        } else {
          io.out(
            report.count === 0
              ? `Audit log intact: no entries yet (${where.dialect} ${where.where}).`
              : `Audit log intact: ${report.count} ${report.count === 1 ? 'entry' : 'entries'}, seq 1–${report.lastSeq}, head ${report.head} (${where.dialect} ${where.where}).`,
          );
          if (records?.ok) io.out(`Records match the log: ${records.records} checked.`);
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
}
