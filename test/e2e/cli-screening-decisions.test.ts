/**
 * Decisions the organisation remembers, through the CLI's own parser and handlers (main(argv)) on the
 * shipped list snapshot: `htt decision record|list|approve|revoke --as USER`, `htt org screening-settings`,
 * and `htt screen NAME --as USER` (single names and a batch file) applying the organisation's decisions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli.js';
import { civilEndUse } from '../support/fixtures.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'htt-decisions-'));
const before = process.env.HTT_DB;

async function htt(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'htt', ...args], {
    out: (s) => void (out += `${s}\n`),
    err: (s) => void (err += `${s}\n`),
  });
  return { code, out, err };
}
async function ok<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const r = await htt(...args, '--json');
  if (r.code !== 0) throw new Error(`htt ${args.join(' ')} failed (${r.code}): ${r.err}`);
  return JSON.parse(r.out) as T;
}
type Hits = { hits: { id: string; explanation: string; decision?: { status: string } }[] };

beforeAll(async () => {
  process.env.HTT_DB = join(dir, 'htt.sqlite');
  await ok('org', 'add', '--name', 'CLI Exporter', '--type', 'exporter', '--id', 'org-cli');
  const users: [string, string][] = [
    ['ann', 'compliance_officer'],
    ['ben', 'compliance_officer'],
    ['adm', 'admin'],
  ];
  for (const [name, role] of users)
    await ok(
      'user',
      'add',
      '--name',
      name,
      '--email',
      `${name}@cli.example`,
      '--org',
      'org-cli',
      '--role',
      role,
    );
}, 120_000);
afterAll(() => {
  if (before === undefined) delete process.env.HTT_DB;
  else process.env.HTT_DB = before;
  rmSync(dir, { recursive: true, force: true });
});

describe('htt decision and htt screen --as', () => {
  it('confirms an alias and screens with it for the organisation only', async () => {
    const listed = await ok<Hits>('screen', 'Hytera Communications Corporation Limited');
    const entry = listed.hits[0]!.id;
    const alias = 'Harbour Radio Trading Co';
    expect((await ok<Hits>('screen', alias)).hits).toEqual([]);
    const d = await ok(
      'decision',
      'record',
      'confirm',
      entry,
      '--name',
      alias,
      '--reason',
      'its trade name',
      '--as',
      'ann@cli.example',
    );
    expect(d).toMatchObject({ kind: 'screening_decision', state: 'active' });
    const mine = await ok<Hits>('screen', alias, '--as', 'ann@cli.example');
    expect(mine.hits.map((h) => [h.id, h.decision?.status])).toEqual([[entry, 'confirmed']]);
    expect(mine.hits[0]!.explanation).toMatch(/^confirmed by ann on \d{4}-\d{2}-\d{2}: its trade name/);
    // a check of a shipment to that name, as the organisation and without a user
    const checkFile = join(dir, 'check.json');
    writeFileSync(
      checkFile,
      JSON.stringify({
        asOf: '2026-11-02',
        destination: 'CN',
        items: [{ eccn: 'EAR99', valueUsd: 100 }],
        parties: [{ role: 'end_user', name: alias, country: 'CN' }],
        endUse: civilEndUse,
      }),
    );
    type Checked = { licenseRequired: boolean | null; screening: Hits[] };
    const asOrg = await ok<Checked>('check', checkFile, '--as', 'ann@cli.example');
    expect([asOrg.licenseRequired, asOrg.screening[0]!.hits.map((h) => h.id)]).toEqual([true, [entry]]);
    const alone = await ok<Checked>('check', checkFile);
    expect([alone.licenseRequired, alone.screening[0]!.hits]).toEqual([false, []]);
    // a batch file, in-process, and on a worker thread through the built CLI (bin/htt.js runs dist/)
    const input = join(dir, 'names.txt');
    writeFileSync(input, `${alias}\nExample Bakery\n`);
    const inProcess = join(dir, 'out-0.jsonl');
    const r = await htt(
      'screen',
      '--input',
      input,
      '--output',
      inProcess,
      '--workers',
      '0',
      '--as',
      'ann@cli.example',
    );
    expect([r.code, r.err]).toEqual([0, expect.stringContaining('1 with hits')]);
    const onWorker = join(dir, 'out-1.jsonl');
    execFileSync(
      'node',
      [
        join(root, 'bin/htt.js'),
        'screen',
        '--input',
        input,
        '--output',
        onWorker,
        '--workers',
        '1',
        '--as',
        'ann@cli.example',
      ],
      { encoding: 'utf8', env: { ...process.env }, stdio: 'pipe' },
    );
    for (const output of [inProcess, onWorker]) {
      const lines = readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Hits);
      expect([output, lines.map((l) => l.hits.map((h) => h.id))]).toEqual([output, [[entry], []]]);
    }
  }, 120_000);

  it('applies four eyes set by the administrator: the maker cannot approve, another officer can', async () => {
    expect(
      await ok('org', 'screening-settings', '--four-eyes-clearances', 'on', '--as', 'adm@cli.example'),
    ).toMatchObject({
      screening: { fourEyesClearances: true },
    });
    const name = 'Hytera Communications Corporation Limited';
    const entry = (await ok<Hits>('screen', name)).hits[0]!.id;
    const d = await ok<{ id: string; state: string }>(
      'decision',
      'record',
      'clear',
      entry,
      '--name',
      name,
      '--reason',
      'a namesake',
      '--as',
      'ann@cli.example',
    );
    expect(d.state).toBe('pending');
    const self = await htt('decision', 'approve', d.id, '--as', 'ann@cli.example');
    expect([self.code, self.err]).toEqual([77, expect.stringContaining('CASE.SELF_APPROVAL')]);
    expect((await ok<{ state: string }>('decision', 'approve', d.id, '--as', 'ben@cli.example')).state).toBe(
      'active',
    );
    expect((await ok<Hits>('screen', name, '--as', 'ben@cli.example')).hits.map((h) => h.id)).not.toContain(
      entry,
    );
    expect((await ok<Hits>('screen', name)).hits.map((h) => h.id)).toContain(entry);
    const list = await ok<{ id: string; state: string }[]>('decision', 'list', '--as', 'ben@cli.example');
    expect(list.map((x) => x.state).sort()).toEqual(['active', 'active']);
    expect(
      (
        await ok<{ state: string }>(
          'decision',
          'revoke',
          d.id,
          '--reason',
          'misread',
          '--as',
          'ben@cli.example',
        )
      ).state,
    ).toBe('revoked');
    expect((await ok<Hits>('screen', name, '--as', 'ben@cli.example')).hits.map((h) => h.id)).toContain(
      entry,
    );
  }, 120_000);
});
