import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntryHash } from '../../core/audit/chain.js';
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

/** What someone with write access to the database can do: edit an entry and recompute every hash after it. */
function editAndRecompute(db: string, seq: number): void {
  const raw = new Database(db);
  raw.prepare(`update audit_log set actor = 'user:mallory' where seq = ?`).run(seq);
  const rows = raw.prepare('select * from audit_log order by seq').all() as Record<string, unknown>[];
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const entry = {
      seq: Number(r.seq),
      at: r.at as string,
      actor: r.actor as string,
      action: r.action as string,
      reason: r.reason as string | null,
      kind: r.kind as string,
      recordId: r.record_id as string,
      before: r.before === null ? null : JSON.parse(r.before as string),
      after: r.after === null ? null : JSON.parse(r.after as string),
      prevHash: prev,
    };
    prev = auditEntryHash(entry);
    raw
      .prepare('update audit_log set prev_hash = ?, hash = ? where seq = ?')
      .run(entry.prevHash, prev, entry.seq);
  }
  raw.prepare('update audit_head set hash = ? where id = 1').run(prev);
  raw.close();
}

describe('htt audit checkpoint', () => {
  it('catches a chain recomputed from an edited entry, which plain verification passes', async () => {
    const db = await seeded('checkpoint.sqlite');
    const key = join(dir, 'operator.key');
    const made = await run('audit', 'keygen', '--out', key);
    expect(made.code).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${key}.pub`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await run('audit', 'keygen', '--out', key)).code).toBe(75); // never overwritten

    const cp = join(dir, 'head.json');
    const taken = await run('audit', 'checkpoint', '--db', db, '--key', key, '--out', cp);
    expect(taken.code).toBe(0);
    const checkpoint = JSON.parse(readFileSync(cp, 'utf8'));
    expect(checkpoint).toMatchObject({
      format: 'htt-audit-checkpoint/1',
      seq: 3,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const ok = await run('audit', 'verify', '--db', db, '--checkpoint', cp, '--public-key', `${key}.pub`);
    expect([ok.code, ok.out]).toEqual([0, expect.stringContaining('Checkpoint of')]);
    // entries written after the checkpoint do not disturb it
    const store = await openRecordStore({ sqlitePath: db });
    await store.transaction((tx) =>
      tx.insert(
        {
          kind: 'organisation',
          id: 'org-4',
          orgIds: ['org-4'],
          state: '',
          data: { name: 'Org 4' },
          retainUntil: null,
        },
        { actor: 'user:admin', action: 'organisation.create', at: '2026-01-04T00:00:00.000Z' },
      ),
    );
    await store.close();
    expect((await run('audit', 'verify', '--db', db, '--checkpoint', cp, '--key', key)).code).toBe(0);

    editAndRecompute(db, 2);
    expect((await run('audit', 'verify', '--db', db)).code).toBe(0); // the chain alone cannot tell
    const caught = await run('audit', 'verify', '--db', db, '--checkpoint', cp, '--public-key', `${key}.pub`);
    expect(caught.code).toBe(1);
    expect(caught.err).toMatch(
      /AUDIT\.TAMPERED: the audit log does not hold the signed checkpoint at entry 3: .*rewritten/,
    );
    const j = await run('audit', 'verify', '--db', db, '--checkpoint', cp, '--key', key, '--json');
    expect([j.code, JSON.parse(j.out).checkpoint]).toEqual([
      1,
      expect.objectContaining({ ok: false, seq: 3 }),
    ]);
  });

  it('refuses a checkpoint altered, signed by another key, or checked without a key', async () => {
    const db = await seeded('checkpoint-forged.sqlite');
    const key = join(dir, 'forged.key');
    const other = join(dir, 'other.key');
    await run('audit', 'keygen', '--out', key);
    await run('audit', 'keygen', '--out', other);
    const cp = join(dir, 'forged.json');
    await run('audit', 'checkpoint', '--db', db, '--key', key, '--out', cp);
    const wrongKey = await run(
      'audit',
      'verify',
      '--db',
      db,
      '--checkpoint',
      cp,
      '--public-key',
      `${other}.pub`,
    );
    expect([wrongKey.code, wrongKey.err]).toEqual([1, expect.stringContaining('signed with another key')]);
    const forged = { ...JSON.parse(readFileSync(cp, 'utf8')), seq: 2 };
    writeFileSync(cp, JSON.stringify(forged));
    const altered = await run(
      'audit',
      'verify',
      '--db',
      db,
      '--checkpoint',
      cp,
      '--public-key',
      `${key}.pub`,
    );
    expect([altered.code, altered.err]).toEqual([1, expect.stringContaining('signature does not verify')]);
    const noKey = await run('audit', 'verify', '--db', db, '--checkpoint', cp);
    expect([noKey.code, noKey.err]).toEqual([65, expect.stringContaining('--public-key')]);
    writeFileSync(cp, '{"not": "a checkpoint"}');
    expect((await run('audit', 'verify', '--db', db, '--checkpoint', cp, '--key', key)).code).toBe(65);
    expect((await run('audit', 'checkpoint', '--db', db)).code).toBe(65);
  });
});
