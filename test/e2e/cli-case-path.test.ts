/**
 * Issue 4's "done when", through the CLI's own command parser and handlers (main(argv)), on SQLite and on
 * PostgreSQL: exporter -> importer -> MOFCOM -> BIS -> shipment, and VEU application -> ERC -> entry ->
 * shipment under VEU -> annual report; the metrics come out; `htt audit verify` passes, then fails after a
 * single edit to the stored log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { main } from '../../src/main/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'htt-e2e-'));
const file = (name: string, data: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data));
  return path;
};
const rules = loadRules();
const services = {
  rules: () => rules,
  screener: () => undefined,
  today: () => (process.env.HTT_NOW ?? '').slice(0, 10),
};
const civil = {
  military: false,
  militaryEndUser: false,
  militaryIntelligence: false,
  supercomputer: false,
  advancedNodeFab: false,
  wmd: false,
};

async function htt(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    ['node', 'htt', ...args],
    { out: (s) => void (out += `${s}\n`), err: (s) => void (err += `${s}\n`) },
    services,
  );
  return { code, out, err };
}
async function ok(...args: string[]): Promise<Record<string, unknown>> {
  const r = await htt(...args, '--json');
  if (r.code !== 0) throw new Error(`htt ${args.join(' ')} failed (${r.code}): ${r.err}`);
  return JSON.parse(r.out);
}
const on = (date: string) => (process.env.HTT_NOW = `${date}T10:00:00.000Z`);

interface Target {
  name: string;
  setup(): Promise<void>;
  tamper(): Promise<void>;
  teardown(): Promise<void>;
}

const sqlitePath = join(dir, 'htt.sqlite');
const targets: Target[] = [
  {
    name: 'sqlite',
    setup: async () => {
      delete process.env.DATABASE_URL;
      process.env.HTT_DB = sqlitePath;
    },
    tamper: async () => {
      const db = new Database(sqlitePath);
      db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5").run();
      db.close();
    },
    teardown: async () => undefined,
  },
];
if (process.env.TEST_DATABASE_URL) {
  const name = `htt_e2e_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const admin = async (sql: string, base = process.env.TEST_DATABASE_URL as string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  targets.push({
    name: 'postgres',
    setup: async () => {
      await admin(`CREATE DATABASE ${name}`);
      process.env.DATABASE_URL = url.toString();
    },
    tamper: () => admin("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5", url.toString()),
    teardown: async () => {
      delete process.env.DATABASE_URL;
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

describe.each(targets)('the case path through the CLI on $name', (target) => {
  afterAll(() => target.teardown());

  it('runs both paths end to end, gives the metrics, and verifies the audit log until it is edited', async () => {
    await target.setup();
    on('2024-03-01');
    const people: [string, string, string][] = [
      ['org-exp', 'exporter', 'compliance_officer'],
      ['org-imp', 'importer', 'importer_officer'],
      ['org-mofcom', 'mofcom', 'mofcom_officer'],
      ['org-bis', 'bis', 'bis_officer'],
      ['org-dod', 'agency', 'agency_reviewer'],
      ['org-erc', 'erc', 'erc_member'],
      ['org-htwg', 'htwg', 'htwg_member'],
      ['org-audit', 'auditor', 'auditor'],
    ];
    for (const [id, type, role] of people) {
      await ok(
        'org',
        'add',
        '--id',
        id,
        '--name',
        id === 'org-dod' ? 'DoD' : id,
        '--type',
        type,
        ...(type === 'erc' ? ['--erc-agency', 'Commerce'] : []),
      );
      await ok('user', 'add', '--org', id, '--role', role, '--name', role, '--email', `${role}@example.org`);
    }
    const as = (role: string) => ['--as', `${role}@example.org`];

    // exporter -> importer -> MOFCOM -> BIS -> shipment
    const check = {
      asOf: '2024-03-01',
      destination: 'CN',
      items: [
        {
          eccn: '1A001.a',
          description: 'seals',
          quantity: 900,
          valueUsd: 90000,
          controlReasons: ['NS2', 'AT1'],
        },
      ],
      parties: [
        { role: 'end_user', name: 'Example Precision (Shanghai) Co., Ltd.', country: 'CN', lists: [] },
      ],
      endUse: civil,
    };
    const tx = await ok(
      'tx',
      'create',
      ...as('compliance_officer'),
      '--ref',
      'PO-1',
      '--check',
      file('check.json', check),
    );
    expect(
      (tx.data as { determination: { result: { authorization: string } } }).determination.result
        .authorization,
    ).toBe('LICENSE');
    const eus = await ok(
      'eus',
      'create',
      ...as('importer_officer'),
      '--file',
      file('eus.json', {
        exporterOrgId: 'org-exp',
        exporterName: 'US Exporter Inc.',
        importerName: 'Shanghai Importer Co., Ltd.',
        endUser: { name: 'Example Precision (Shanghai) Co., Ltd.' },
        endUse: 'civil manufacturing',
        items: [{ description: 'seals', eccn: '1A001.a', quantity: 900, valueUsd: 90000 }],
        language: 'en',
        importerSignature: { signatory: 'Wang Fang', title: 'Director', signedOn: '2024-03-01' },
      }),
    );
    on('2024-03-02');
    await ok('eus', 'submit', String(eus.id), ...as('importer_officer'));
    on('2024-03-12');
    const issued = await ok(
      'eus',
      'issue',
      String(eus.id),
      ...as('mofcom_officer'),
      '--number',
      'EUS-0001',
      '--seal',
      'SEAL-1',
    );
    expect(issued.state).toBe('issued');
    const denied = await htt('eus', 'refuse', String(eus.id), ...as('compliance_officer'), '--text', 'x');
    expect(denied.code).not.toBe(0);
    expect(denied.err).toMatch(/CASE\.(FORBIDDEN|INVALID_TRANSITION)/);

    const app = await ok(
      'license',
      'create',
      ...as('compliance_officer'),
      '--file',
      file('app.json', {
        transactionId: tx.id,
        destination: 'CN',
        parties: check.parties,
        items: [{ eccn: '1A001.a', description: 'seals', quantity: 900, valueUsd: 90000 }],
        endUse: 'civil manufacturing',
        supportDocuments: [{ type: 'PRC_END_USER_STATEMENT', number: 'EUS-0001' }],
      }),
    );
    on('2024-03-13');
    await ok('license', 'submit', String(app.id), ...as('compliance_officer'));
    on('2024-03-14');
    await ok('license', 'register', String(app.id), ...as('bis_officer'));
    on('2024-03-18');
    await ok('license', 'refer', String(app.id), ...as('bis_officer'), '--agencies', 'DoD');
    on('2024-04-02');
    await ok('license', 'recommend', String(app.id), ...as('agency_reviewer'), '--recommendation', 'approve');
    on('2024-04-10');
    await ok(
      'license',
      'approve',
      String(app.id),
      ...as('bis_officer'),
      '--number',
      'D000001',
      '--conditions',
      'no reexport',
    );
    const clock = await ok('license', 'clock', String(app.id), ...as('compliance_officer'));
    expect(clock).toMatchObject({ elapsed: 27 });
    const license = JSON.parse(
      (await htt('license', 'show', String(app.id), ...as('bis_officer'), '--json')).out,
    );
    expect(license.state).toBe('approved');

    // the issued license, found with the CLI's list verb
    const licenses = (
      (await ok('license', 'issued', 'list', ...as('compliance_officer'))) as unknown as { id: string }[]
    ).map((l) => l.id);
    expect(licenses).toHaveLength(1);
    await ok(
      'tx',
      'attach',
      String(tx.id),
      ...as('compliance_officer'),
      '--license',
      licenses[0]!,
      '--eus',
      String(eus.id),
    );
    on('2024-05-01');
    const shipped = await ok('tx', 'ship', String(tx.id), ...as('compliance_officer'), '--on', '2024-05-01');
    expect(shipped).toMatchObject({ state: 'shipped', retainUntil: '2029-05-01' });

    // VEU application -> ERC -> entry -> shipment under VEU -> annual report
    const veuApp = await ok(
      'veu',
      'create',
      ...as('compliance_officer'),
      '--file',
      file('veu.json', {
        candidate: {
          name: 'Example Semiconductor (Shanghai) Co., Ltd.',
          address: 'No. 1 Example Road, Pudong, Shanghai',
        },
        facilities: [{ name: 'Facility A', address: 'No. 1 Example Road, Pudong, Shanghai' }],
        items: ['3B001.e'],
        civilEndUses: 'civil IC production',
        complianceProgram: 'ICP',
        consentToOnSiteReviews: true,
      }),
    );
    on('2024-06-01');
    await ok('veu', 'submit', String(veuApp.id), ...as('compliance_officer'));
    on('2024-06-03');
    await ok('veu', 'circulate', String(veuApp.id), ...as('erc_member'));
    // one member per agency, each voting for the agency of its own organisation
    const voters: [string, string][] = [
      ['erc_member@example.org', 'Commerce'],
      ['erc-state@example.org', 'State'],
      ['erc-defense@example.org', 'Defense'],
      ['erc-energy@example.org', 'Energy'],
    ];
    for (const [email, agency] of voters.slice(1)) {
      const org = `org-erc-${agency.toLowerCase()}`;
      await ok('org', 'add', '--id', org, '--name', agency, '--type', 'agency', '--erc-agency', agency);
      await ok('user', 'add', '--org', org, '--role', 'erc_member', '--name', agency, '--email', email);
    }
    for (const [email] of voters)
      await ok('veu', 'vote', String(veuApp.id), '--as', email, '--vote', 'approve');
    on('2024-06-25');
    const approved = await ok('veu', 'approve', String(veuApp.id), ...as('erc_member'));
    const entryId = (approved.data as { entryId: string }).entryId;
    // the entry is in force once BIS records the final rule adding it to Supp. No. 7 (§748.15(a)(1))
    on('2024-06-28');
    const published = await ok(
      'veu',
      'publish',
      String(veuApp.id),
      ...as('bis_officer'),
      '--citation',
      '89 FR 52001',
      '--effective-on',
      '2024-06-28',
    );
    expect(published.state).toBe('published');
    const veuCheck = {
      asOf: '2024-07-01',
      destination: 'CN',
      items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 500000 }],
      parties: [
        { role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.', country: 'CN', lists: [] },
      ],
      endUse: civil,
      veu: {
        validatedEndUser: 'Example Semiconductor (Shanghai) Co., Ltd.',
        facility: 'Facility A: No. 1 Example Road, Pudong, Shanghai',
      },
    };
    on('2024-07-01');
    const vtx = await ok(
      'tx',
      'create',
      ...as('compliance_officer'),
      '--ref',
      'VEU-1',
      '--check',
      file('veu-check.json', veuCheck),
    );
    expect(
      (vtx.data as { determination: { result: { authorization: string } } }).determination.result
        .authorization,
    ).toBe('VEU');
    await ok('tx', 'attach', String(vtx.id), ...as('compliance_officer'), '--veu', entryId);
    await ok(
      'veu',
      'certify',
      entryId,
      ...as('compliance_officer'),
      '--text',
      'civil end uses only at Facility A',
    );
    await ok('tx', 'ship', String(vtx.id), ...as('compliance_officer'));
    const report = await ok('veu', 'report', ...as('compliance_officer'), '--year', '2024');
    expect(report).toMatchObject({ dueOn: '2025-02-15', shipments: 1 });

    // the metrics come out of it
    const metrics = await ok('metrics', ...as('htwg_member'), '--as-of', '2024-12-31');
    expect(metrics).toMatchObject({
      mofcomReviewByMonth: [{ month: '2024-03', decided: 1, medianDays: 10 }],
      veu: { decided: 1, decidedWithin30Days: 1 },
      licenseDaysByEccn: [{ eccn: '1A001', decided: 1, medianDays: 27 }],
    });

    // the case file, as the auditor
    const html = join(dir, `casefile-${target.name}.html`);
    const cf = await ok('casefile', String(tx.id), ...as('auditor'), '--html', html);
    expect((cf.audit as unknown[]).length).toBeGreaterThan(3);
    expect(readFileSync(html, 'utf8')).toContain('Case file: transaction PO-1');

    // htt audit verify passes, then fails after a single edit to the stored log
    const good = await htt('audit', 'verify', '--json');
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({ ok: true });
    await target.tamper();
    const bad = await htt('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out + bad.err).toMatch(/5/);
  }, 120_000);
});
