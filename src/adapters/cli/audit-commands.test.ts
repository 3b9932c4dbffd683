import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../db/open-record-store.js';
import { registerAuditCommands } from './audit-commands.js';
import { exitCodeFor } from './io.js';

const dir = mkdtempSync(join(tmpdir(), 'htt-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command on its own program, as src/main/cli.ts runs it (errors mapped to exit codes). */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const io = { out: (s: string) => void (out += `${s}\n`), err: (s: string) => void (err += `${s}\n`) };
  let code = 0;
  const program = new Command('htt').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  registerAuditCommands(program, io, (c) => (code = Math.max(code, c)));
  try {
    await program.parseAsync(['node', 'htt', ...args]);
  } catch (e) {
    code = e instanceof CommanderError ? 64 : exitCodeFor(e, io);
  }
  return { code, out, err };
}

async function seeded(name: string): Promise<string> {
  const path = join(dir, name);
  const store = await openRecordStore({ sqlitePath: path });
  for (let i = 1; i <= 3; i++) {
    await store.transaction((tx) =>
      tx.insert(
        {
          kind: 'organisation',
          id: `org-${i}`,
          orgIds: [`org-${i}`],
          state: '',
          data: { name: `Org ${i}` },
          retainUntil: null,
        },
        { actor: 'user:admin', action: 'organisation.create', at: `2026-01-0${i}T00:00:00.000Z` },
      ),
    );
  }
  await store.close();
  return path;
}

describe('htt audit verify', () => {
  it('exits 0 with a summary when the log is intact', async () => {
    const db = await seeded('ok.sqlite');
    const r = await run('audit', 'verify', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Audit log intact: 3 entries, seq 1–3, head [0-9a-f]{64}/);
    const j = await run('audit', 'verify', '--db', db, '--json');
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ ok: true, count: 3, lastSeq: 3, headChecked: true });
  });

  it('says so when there is nothing yet, and never creates a missing database', async () => {
    const missing = await run('audit', 'verify', '--db', join(dir, 'missing.sqlite'));
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('INPUT.FILE_NOT_FOUND');
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
    await (await openRecordStore({ sqlitePath: join(dir, 'empty.sqlite') })).close();
    const r = await run('audit', 'verify', '--db', join(dir, 'empty.sqlite'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('no entries yet');
  });

  it('exits 1 with AUDIT.TAMPERED naming the first bad entry after an edit', async () => {
    const db = await seeded('edited.sqlite');
    const raw = new Database(db);
    raw.exec(`update audit_log set actor = 'user:mallory' where seq = 2`);
    raw.close();
    const r = await run('audit', 'verify', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error AUDIT\.TAMPERED: audit log fails verification at entry 2: entry 2 was altered/,
    );
    const j = await run('audit', 'verify', '--db', db, '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, code: 'AUDIT.TAMPERED', seq: 2, checked: 1 });
  });

  it('with --records, exits 1 when a record was changed without an audit entry', async () => {
    const db = await seeded('records.sqlite');
    expect((await run('audit', 'verify', '--db', db, '--records')).out).toContain(
      'Records match the log: 3 checked.',
    );
    const raw = new Database(db);
    raw.exec(`update records set data = '{"name":"Org X"}' where id = 'org-2'`);
    raw.close();
    expect((await run('audit', 'verify', '--db', db)).code).toBe(0);
    const r = await run('audit', 'verify', '--db', db, '--records');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/AUDIT\.TAMPERED: records do not match the audit log: organisation org-2/);
    const j = await run('audit', 'verify', '--db', db, '--records', '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, records: { ok: false, id: 'org-2' } });
  });

  it('exits 1 when the last entry was removed', async () => {
    const db = await seeded('truncated.sqlite');
    const raw = new Database(db);
    raw.exec(`delete from audit_log where seq = 3`);
    raw.close();
    const r = await run('audit', 'verify', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('entries were removed from the end');
  });
});
