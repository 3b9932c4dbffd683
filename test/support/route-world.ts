/**
 * The world every route-by-role suite runs in (issue 5, issue 14): the demonstration workspace with a second
 * exporter, one record of each kind the routes name (a transaction, a hold, a job, a license, a VEU entry, a
 * legal hold, a pending clearance, ...), a signed-in token for every role, and the table of every route with
 * a valid body and the roles that may call it. Opened on any record store (SQLite or PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect } from 'vitest';
import { openJobs } from '../../src/adapters/jobs/open-jobs.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { setPassword } from '../../src/app/records/accounts.js';
import { SYSTEM, type CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import { placeLegalHold } from '../../src/app/records/legal-holds.js';
import { importNames } from '../../src/app/records/name-imports.js';
import { nameImportsIn } from '../../src/adapters/lists/name-import-store.js';
import { recordDecision, setScreeningSettings } from '../../src/app/records/screening-decisions.js';
import { operations } from '../../src/app/operations/index.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import { civilEndUse } from './fixtures.js';

export const PASSWORD = 'correct horse battery staple';
const rules = loadRules();
const screener = buildScreener(
  [
    {
      id: 'el-1',
      list: 'ENTITY_LIST',
      source: 'Entity List',
      name: 'Huawei Technologies Co., Ltd.',
      aliases: [],
      countries: ['CN'],
      addresses: [],
      programs: [],
    },
  ],
  { snapshot: 'test@1', snapshotDate: '2026-07-31' },
);
const nameImport = () => ({
  source: 'wikidata' as const,
  file: 'names.json',
  records: [
    {
      ref: 'wikidata:Q900000003',
      ids: [],
      latinNames: ['Huawei Technologies Co., Ltd.'],
      countries: ['CN'],
      names: ['华为技术有限公司'],
    },
  ],
});

export const USERS = {
  exp: 'exporter@demo.htt',
  expAdmin: 'exporter-admin@demo.htt',
  exp2: 'other-exporter@demo.htt',
  imp: 'importer@demo.htt',
  endUser: 'enduser@demo.htt',
  bis: 'bis@demo.htt',
  bisAdmin: 'admin@demo.htt',
  mofcom: 'mofcom@demo.htt',
  erc: 'erc@demo.htt',
  dod: 'dod@demo.htt',
  htwg: 'htwg@demo.htt',
  auditor: 'auditor@demo.htt',
} as const;
export type User = keyof typeof USERS;
/** A small text file attached to the demo transaction. */
const attachmentFor = (ids: Record<string, string>) => ({
  recordKind: 'transaction',
  recordId: ids.tx,
  fileName: 'note.txt',
  mediaType: 'text/plain',
  contentBase64: Buffer.from('consignee address verified by phone').toString('base64'),
});
export const ALL = Object.keys(USERS) as User[];

export const check = {
  asOf: '2024-06-01',
  destination: 'CN',
  items: [{ eccn: 'EAR99', valueUsd: 100 }],
  parties: [{ role: 'end_user', name: 'Example Co.', country: 'CN', lists: [] }],
  endUse: civilEndUse,
};

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test reads what it expects
}

export interface RouteWorld {
  s: CaseServices;
  app: ReturnType<typeof createApp>;
  /** The records the routes name, by the :name of the route table. */
  ids: Record<string, string>;
  tokens: Record<User, string>;
  call(
    method: string,
    path: string,
    user?: User,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The world on `store` (a fresh one): seeded, every role signed in. On PostgreSQL the job queue needs the
 * database's URL.
 */
export async function openRouteWorld(
  store: RecordStore,
  options: { databaseUrl?: string } = {},
): Promise<RouteWorld> {
  // imported names live in a directory of their own for the test
  const namesTmp = mkdtempSync(join(tmpdir(), 'htt-routes-names-'));
  const names = nameImportsIn({ dir: namesTmp, entities: () => [screener.entity('el-1')!] });
  const tokens = {} as Record<User, string>;
  const ids: Record<string, string> = {};
  const attachment = () => attachmentFor(ids);
  const s: CaseServices = {
    store,
    checks: { rules: () => rules, screener: () => screener, today: () => '2026-11-28', names: () => names },
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  async function call(
    method: string,
    path: string,
    user?: User,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
    if (user) headers.authorization = `Bearer ${tokens[user]}`;
    const res = await app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers, json: () => JSON.parse(text) };
  }
  s.jobs = await openJobs(store, options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  await seedDemo(s, PASSWORD);
  ids.names = (await importNames(s, SYSTEM, nameImport())).id;
  await createOrganisation(s, SYSTEM, { name: 'Other Exporter Corp.', type: 'exporter' }, 'org-exporter-2');
  const other = await addUser(s, SYSTEM, {
    name: 'Other',
    email: USERS.exp2,
    orgId: 'org-exporter-2',
    role: 'compliance_officer',
  });
  await setPassword(s, SYSTEM, other.id, PASSWORD);
  const app = createApp({
    cases: s,
    logger: pino({ level: 'silent' }),
    signInLimit: { attempts: 3, windowMs: 60_000 },
  });
  for (const user of ALL) {
    const r = await call('POST', '/api/v1/auth/sign-in', undefined, {
      email: USERS[user],
      password: PASSWORD,
    });
    expect(r.status).toBe(200);
    tokens[user] = r.json().token;
  }
  const first = async (path: string, user: User) => (await call('GET', path, user)).json()[0]?.id as string;
  ids.tx = await first('/api/v1/transactions', 'exp');
  ids.cp = await first('/api/v1/counterparties', 'exp');
  ids.eus = await first('/api/v1/eus-requests', 'imp');
  ids.app = await first('/api/v1/license-applications', 'exp');
  ids.veu = await first('/api/v1/veu-applications', 'exp');
  ids.event = await first('/api/v1/outreach-events', 'htwg');
  ids.question = await first('/api/v1/outreach-questions', 'htwg');
  ids.tx2 = (await call('POST', '/api/v1/transactions', 'exp', { reference: 'PO-CANCEL', check })).json().id;
  ids.job = (await call('POST', '/api/v1/jobs/screen-batch', 'exp', { names: ['Example Co.'] })).json().id;
  ids.att = (await call('POST', '/api/v1/attachments', 'exp', attachment())).json().id;
  ids.hold = (
    await call('POST', `/api/v1/transactions/${ids.tx}/holds`, 'exp', { reason: 'check the end user' })
  ).json().id;
  // an issued license and a VEU entry, as the workflows leave them (their paths are tested in test/records)
  const license = await s.store.transaction((tx) =>
    tx.insert(
      {
        kind: 'license',
        id: 'lic-routes',
        orgIds: ['org-exporter'],
        state: 'valid',
        data: {
          licenseNumber: 'D999999',
          applicationId: ids.app,
          holderOrgId: 'org-exporter',
          items: [{ eccn: '1A001.a', description: 'seals', quantity: 10, valueUsd: 1000 }],
          conditions: [],
          validFrom: '2026-01-05',
          validUntil: '2030-01-05',
          validity: { citation: '15 CFR 750.7(g)', unconfirmed: [] },
          shipments: [],
          revokedItems: [],
          history: [],
        },
        retainUntil: null,
      },
      { actor: 'system', action: 'license.issue', at: new Date().toISOString() },
    ),
  );
  ids.license = license.id;
  const entry = await s.store.transaction((tx) =>
    tx.insert(
      {
        kind: 'veu_entry',
        id: 'veu-routes',
        orgIds: ['org-exporter'],
        state: 'active',
        data: {
          applicationId: ids.veu,
          name: 'Example Semiconductor (Shanghai) Co., Ltd.',
          revocationVotes: [],
          certifications: [],
          entry: {
            validatedEndUser: 'Example Semiconductor (Shanghai) Co., Ltd.',
            eligibleItems: ['3B001.e'],
            eligibleDestinations: ['Facility A: No. 1 Example Road, Pudong, Shanghai'],
            effective: { from: '2026-01-01', to: null },
          },
        },
        retainUntil: null,
      },
      { actor: 'system', action: 'veu_entry.create', at: new Date().toISOString() },
    ),
  );
  ids.veuEntry = entry.id;
  // a legal hold placed by a second BIS officer (the one signed in releases it: four eyes)
  const bis2 = await addUser(s, SYSTEM, {
    name: 'Second BIS officer',
    email: 'bis2@demo.htt',
    orgId: 'org-bis',
    role: 'bis_officer',
  });
  ids.legalHold = (
    await placeLegalHold(s, await actorFor(s, bis2.id), {
      kind: 'license',
      recordId: ids.license,
      basis: 'agency_request',
      authority: 'BIS Office of Export Enforcement',
      reason: 'records requested',
    })
  ).id;
  // a record of the exporter past its Part 762 date, for the purge
  await s.store.transaction((tx) =>
    tx.insert(
      {
        kind: 'counterparty',
        id: 'cp-expired',
        orgIds: ['org-exporter'],
        state: 'clear',
        data: {
          name: 'Closed Account Ltd.',
          country: 'CN',
          ownerOrgId: 'org-exporter',
          cleared: [],
          screening: null,
        },
        retainUntil: '2020-01-01',
      },
      { actor: 'system', action: 'counterparty.add', at: new Date().toISOString() },
    ),
  );
  // a clearance pending under four eyes, made by a second officer of the exporter (the one signed in approves)
  await setScreeningSettings(s, await actorFor(s, USERS.expAdmin), { fourEyesClearances: true });
  const second = await addUser(s, SYSTEM, {
    name: 'Second officer',
    email: 'second-officer@demo.htt',
    orgId: 'org-exporter',
    role: 'compliance_officer',
  });
  ids.decision = (
    await recordDecision(s, await actorFor(s, second.id), {
      kind: 'clear',
      name: 'Huawei Technology Investment Co.',
      entryId: 'el-1',
      reason: 'another company of a similar name',
    })
  ).id;
  // a user of the exporter whose sessions are ended and who is then deactivated
  ids.victim = (
    await addUser(s, SYSTEM, {
      name: 'Leaving officer',
      email: 'leaving@demo.htt',
      orgId: 'org-exporter',
      role: 'compliance_officer',
    })
  ).id;
  await setPassword(s, SYSTEM, ids.victim, PASSWORD);
  expect(
    (await call('POST', '/api/v1/auth/sign-in', undefined, { email: 'leaving@demo.htt', password: PASSWORD }))
      .status,
  ).toBe(200);
  for (const [k, v] of Object.entries(ids)) expect([k, v]).toEqual([k, expect.any(String)]);
  return {
    s,
    app,
    ids,
    tokens,
    call,
    close: async () => {
      await s.jobs?.queue.stop();
      await store.close();
      rmSync(namesTmp, { recursive: true, force: true });
    },
  };
}

export interface RouteCase {
  method: 'GET' | 'POST';
  label: string;
  path: () => string;
  body?: () => unknown;
  allowed: User[] | 'all';
  /**
   * The record's state decides whether the action succeeds (a shipment on hold, a vote on an application not
   * yet circulated): allowed users pass the role gate (never 401/403/404), none need succeed.
   */
  stateful?: boolean;
}

/** Every route of the API with a valid body and the roles that may call it, naming the records of `ids`. */
export function routeTable(ids: Record<string, string>): RouteCase[] {
  const attachment = () => attachmentFor(ids);
  /** `path` may name demo records as :tx, :cp, :eus, :app, :veu, :event, :question (filled in at run time). */
  const R = (
    method: RouteCase['method'],
    path: string,
    allowed: RouteCase['allowed'],
    body?: () => unknown,
    stateful = false,
  ): RouteCase => ({
    method,
    label: `${method} ${path}`,
    path: () => path.replace(/:(\w+)/g, (_, k: string) => ids[k] ?? `:${k}`),
    allowed,
    stateful,
    ...(body ? { body } : {}),
  });
  const S = (method: RouteCase['method'], path: string, allowed: User[], body?: () => unknown) =>
    R(method, path, allowed, body, true);
  const everyoneButTheAuditor: User[] = ALL.filter((u) => u !== 'auditor');
  return [
    R('GET', '/api/v1/auth/me', 'all'),
    R('POST', '/api/v1/checks', 'all', () => check),
    R('POST', '/api/v1/checks/what-if', 'all', () => ({
      input: check,
      overlay: { listEntries: [{ list: 'ENTITY_LIST', name: 'Example Co.' }] },
    })),
    R('POST', '/api/v1/screen', 'all', () => ({ name: '华为技术有限公司' })),
    R('POST', '/api/v1/screen/batch', 'all', () => ({
      names: ['Huawei Technologies Co., Ltd.', 'Example Co.'],
    })),
    R('GET', '/api/v1/lists', 'all'),
    R('POST', '/api/v1/jobs/screen-batch', 'all', () => ({
      names: ['Huawei Technologies Co., Ltd.', 'Example Co.'],
    })),
    R('POST', '/api/v1/jobs/rescreen', ['bis', 'bisAdmin'], () => ({})),
    R('POST', '/api/v1/jobs/case-file', ['exp', 'expAdmin', 'auditor'], () => ({ transactionId: ids.tx })),
    R('POST', '/api/v1/jobs/audit-verify', ['auditor', 'bisAdmin', 'expAdmin', 'bis'], () => ({})),
    R('GET', '/api/v1/jobs', 'all'),
    // a job is its organisation's: the exporter's batch screen is nobody else's to read
    R('GET', '/api/v1/jobs/:job', ['exp', 'expAdmin']),
    R('GET', '/api/v1/jobs/:job/results', ['exp', 'expAdmin']),
    R('POST', '/api/v1/lists/rescreen', ['bis', 'bisAdmin'], () => ({})),
    // imported names change every organisation's screening: the operator only
    R('POST', '/api/v1/lists/names', ['bisAdmin'], nameImport),
    R('GET', '/api/v1/lists/names', 'all'),
    S('POST', '/api/v1/lists/names/:names/remove', ['bisAdmin'], () => ({ reason: 'test' })),
    R('GET', '/api/v1/eccns', 'all'),
    R('GET', '/api/v1/eccns/3B001?asOf=2024-06-01', 'all'),
    R('GET', '/api/v1/rules?asOf=2010-01-01', 'all'),
    R('GET', '/api/v1/organisations', 'all'),
    R('POST', '/api/v1/organisations', ['bisAdmin'], () => ({
      name: `New Importer ${Math.random()}`,
      type: 'importer',
    })),
    R('GET', '/api/v1/users', 'all'),
    R('POST', '/api/v1/users', ['expAdmin'], () => ({
      name: 'New',
      email: `new${Math.random()}@x.example`,
      orgId: 'org-exporter',
      role: 'compliance_officer',
    })),
    R('POST', '/api/v1/invitations', ['expAdmin'], () => ({
      name: 'Invited',
      email: `invited${Math.random()}@x.example`,
      orgId: 'org-exporter',
      role: 'compliance_officer',
    })),
    // an administrator of the user's own organisation only (another organisation's user is not found)
    R('POST', '/api/v1/users/:victim/revoke-sessions', ['expAdmin'], () => ({})),
    R('POST', '/api/v1/users/:victim/deactivate', ['expAdmin'], () => ({ reason: 'left the company' })),
    R('GET', '/api/v1/counterparties', 'all'),
    R('GET', '/api/v1/counterparties/:cp', ['exp', 'expAdmin', 'auditor']),
    R('POST', '/api/v1/counterparties', ['exp', 'exp2'], () => ({
      name: 'Shenzhen Example Trading Co., Ltd.',
      country: 'CN',
    })),
    R('POST', '/api/v1/counterparties/:cp/clear', ['exp'], () => ({
      entryId: 'el-1',
      reason: 'different address and registration number',
    })),
    R('POST', '/api/v1/counterparties/:cp/confirm', ['exp'], () => ({
      entryId: 'el-1',
      reason: 'the same registration number',
    })),
    // screening decisions: the organisation's compliance officers (and its administrator reads them)
    R('GET', '/api/v1/screening-decisions', ['exp', 'expAdmin', 'exp2', 'bisAdmin']),
    R('GET', '/api/v1/screening-decisions/:decision', ['exp', 'expAdmin']),
    R('POST', '/api/v1/screening-decisions', ['exp', 'exp2'], () => ({
      kind: 'confirm',
      name: 'Example Alias Trading',
      entryId: 'el-1',
      reason: 'the trade name on its invoices',
    })),
    R('POST', '/api/v1/screening-decisions/:decision/approve', ['exp'], () => ({})),
    R('POST', '/api/v1/screening-decisions/:decision/revoke', ['exp'], () => ({
      reason: 'entered in error',
    })),
    R('POST', '/api/v1/organisations/screening-settings', ['expAdmin', 'bisAdmin'], () => ({
      fourEyesClearances: 'on',
    })),
    R('GET', '/api/v1/transactions', 'all'),
    R('POST', '/api/v1/transactions', ['exp', 'exp2'], () => ({ reference: 'PO-X', check })),
    R('GET', '/api/v1/transactions/:tx', ['exp', 'expAdmin', 'auditor']),
    R('POST', '/api/v1/transactions/:tx/recheck', ['exp'], () => ({})),
    R('POST', '/api/v1/transactions/:tx/holds', ['exp'], () => ({ reason: 'check the end user' })),
    R('GET', '/api/v1/holds', 'all'),
    R('GET', '/api/v1/transactions/:tx/case-file', ['exp', 'expAdmin', 'auditor']),
    R('GET', '/api/v1/transactions/:tx/case-file?format=pdf', ['exp', 'expAdmin', 'auditor']),
    R('POST', '/api/v1/attachments', ['exp', 'expAdmin'], attachment),
    R('GET', '/api/v1/attachments?recordKind=transaction&recordId=:tx', ['exp', 'expAdmin', 'auditor']),
    R('GET', '/api/v1/attachments/:att', ['exp', 'expAdmin', 'auditor']),
    R('GET', '/api/v1/holds/:hold', ['exp', 'expAdmin', 'auditor']),
    S('POST', '/api/v1/holds/:hold/clearances', ['exp'], () => ({
      entryId: 'el-1',
      reason: 'not this party',
    })),
    R('POST', '/api/v1/holds/:hold/release', ['exp'], () => ({ reason: 'end user verified' })),
    R('POST', '/api/v1/transactions/:tx/attach', ['exp'], () => ({})),
    S('POST', '/api/v1/transactions/:tx/ship', ['exp'], () => ({})),
    S('POST', '/api/v1/transactions/:tx/reexport', ['exp'], () => ({ on: '2026-11-01', note: 'resold' })),
    R('POST', '/api/v1/transactions/:tx2/cancel', ['exp'], () => ({ reason: 'order withdrawn' })),
    R('GET', '/api/v1/directory/exporters', ['imp', 'endUser', 'mofcom', 'expAdmin', 'bisAdmin']),
    R('GET', '/api/v1/eus-requests', 'all'),
    R('GET', '/api/v1/eus-requests/:eus', ['exp', 'expAdmin', 'imp', 'mofcom', 'bis', 'auditor']),
    R('POST', '/api/v1/eus-requests', ['imp', 'endUser'], () => ({
      exporterOrgId: 'org-exporter',
      exporterName: 'Pacific Semiconductor Equipment Inc.',
      importerName: 'Importer',
      endUser: { name: 'End User' },
      endUse: 'civil',
      items: [{ description: 'seals', quantity: 1, valueUsd: 10 }],
    })),
    // the demo request is submitted: only a draft can be changed
    S('POST', '/api/v1/eus-requests/:eus/update', ['imp'], () => ({
      exporterOrgId: 'org-exporter',
      exporterName: 'Pacific Semiconductor Equipment Inc.',
      importerName: 'Importer',
      endUser: { name: 'End User' },
      endUse: 'civil',
      items: [{ description: 'seals', quantity: 1, valueUsd: 10 }],
      language: 'en',
      importerSignature: { signatory: 'Zhang Wei', signedOn: '2026-01-05' },
    })),
    R('GET', '/api/v1/eus-requests/:eus/review', ['exp', 'expAdmin', 'imp', 'mofcom', 'bis', 'auditor']),
    R('GET', '/api/v1/eus-requests/:eus/document', ['exp', 'expAdmin', 'imp', 'mofcom', 'bis', 'auditor']),
    R('GET', '/api/v1/eus-requests/:eus/document?format=html', [
      'exp',
      'expAdmin',
      'imp',
      'mofcom',
      'bis',
      'auditor',
    ]),
    R('POST', '/api/v1/eus-requests/:eus/request_info', ['mofcom'], () => ({
      text: 'please send the contract',
    })),
    R('POST', '/api/v1/eus-requests/:eus/provide_info', ['imp'], () => ({ text: 'contract attached' })),
    R('POST', '/api/v1/eus-requests/:eus/issue', ['mofcom'], () => ({
      statementNumber: 'EUS-ROUTES-1',
      sealReference: 'SEAL-R',
    })),
    S('POST', '/api/v1/eus-requests/:eus/refuse', ['mofcom'], () => ({ text: 'not a civil end use' })),
    R('POST', '/api/v1/eus-requests/:eus/cancel', ['mofcom'], () => ({
      text: 'the end user was found to be a military end user',
    })),
    S('POST', '/api/v1/eus-requests/:eus/submit', ['imp'], () => ({})),
    S('POST', '/api/v1/eus-requests/:eus/withdraw', ['imp'], () => ({})),
    R('GET', '/api/v1/license-applications', 'all'),
    // a reviewing agency reads an application only once it is referred to it (see the referral below)
    R('GET', '/api/v1/license-applications/:app', ['exp', 'expAdmin', 'bis', 'auditor']),
    R('GET', '/api/v1/license-applications/:app/clock', ['exp', 'expAdmin', 'bis', 'auditor']),
    R('GET', '/api/v1/license-applications/:app/record', ['exp', 'expAdmin', 'bis', 'auditor']),
    R('POST', '/api/v1/license-applications', ['exp', 'exp2'], () => ({
      destination: 'CN',
      parties: [{ role: 'end_user', name: 'Example Co.', country: 'CN' }],
      items: [{ eccn: '1A001.a', description: 'seals', quantity: 1, valueUsd: 10 }],
      endUse: 'civil maintenance',
    })),
    // the demonstration application is already registered (htt demo seed)
    S('POST', '/api/v1/license-applications/:app/register', ['bis'], () => ({})),
    R('POST', '/api/v1/license-applications/:app/request_info', ['bis'], () => ({ text: 'the contract?' })),
    R('POST', '/api/v1/license-applications/:app/provide_info', ['exp'], () => ({ text: 'attached' })),
    S('POST', '/api/v1/license-applications/:app/refer', ['bis'], () => ({ agencies: ['DoD'] })),
    S('POST', '/api/v1/license-applications/:app/recommend', ['dod'], () => ({ recommendation: 'approve' })),
    R('GET', '/api/v1/license-applications/:app', ['exp', 'expAdmin', 'bis', 'dod', 'auditor']),
    R('GET', '/api/v1/license-applications/:app/record', ['exp', 'expAdmin', 'bis', 'dod', 'auditor']),
    S('POST', '/api/v1/license-applications/:app/approve', ['bis'], () => ({ licenseNumber: 'D000777' })),
    S('POST', '/api/v1/license-applications/:app/escalate', ['bis'], () => ({ outcome: 'approve' })),
    S('POST', '/api/v1/license-applications/:app/escalation_decision', ['bis'], () => ({
      outcome: 'approve',
      text: 'the OC chair decides',
    })),
    S('POST', '/api/v1/license-applications/:app/escalation_appeal', ['dod'], () => ({
      text: '50 U.S.C. 4813; 15 CFR 750.4(f)(2)',
      signedBy: 'Under Secretary',
    })),
    S('POST', '/api/v1/license-applications/:app/intent_to_deny', ['bis'], () => ({ text: '15 CFR 744.21' })),
    S('POST', '/api/v1/license-applications/:app/respond', ['exp'], () => ({ text: 'we disagree' })),
    S('POST', '/api/v1/license-applications/:app/reconsider', ['bis'], () => ({ text: 'changed' })),
    S('POST', '/api/v1/license-applications/:app/deny', ['bis'], () => ({ text: 'no' })),
    S('POST', '/api/v1/license-applications/:app/appeal', ['exp'], () => ({ text: 'statement' })),
    S('POST', '/api/v1/license-applications/:app/uphold', ['bis'], () => ({ text: 'reasons' })),
    S('POST', '/api/v1/license-applications/:app/reverse', ['bis'], () => ({ text: 'reasons' })),
    S('POST', '/api/v1/license-applications/:app/return', ['bis'], () => ({ text: 'incomplete' })),
    S('POST', '/api/v1/license-applications/:app/submit', ['exp'], () => ({})),
    S('POST', '/api/v1/license-applications/:app/withdraw', ['exp'], () => ({})),
    R('GET', '/api/v1/licenses', 'all'),
    R('GET', '/api/v1/licenses/:license', ['exp', 'expAdmin', 'bis', 'auditor']),
    R('GET', '/api/v1/licenses/:license/document', ['exp', 'expAdmin', 'bis', 'auditor']),
    R('GET', '/api/v1/licenses/:license/document?format=pdf', ['exp', 'expAdmin', 'bis', 'auditor']),
    R('POST', '/api/v1/licenses/:license/request_extension', ['exp'], () => ({
      text: 'a multi-year project',
      validUntil: '2032-01-05',
    })),
    R('POST', '/api/v1/licenses/:license/extend', ['bis'], () => ({ validUntil: '2032-01-05' })),
    R('POST', '/api/v1/licenses/:license/record_change', ['exp'], () => ({
      change: 'c1vii',
      text: 'the consignee moved within Shanghai',
    })),
    S('POST', '/api/v1/licenses/:license/refuse_extension', ['bis'], () => ({ text: 'no' })),
    R('POST', '/api/v1/licenses/:license/revoke_in_part', ['bis'], () => ({
      lines: ['1A001.a'],
      text: 'the seals may not go',
    })),
    R('POST', '/api/v1/licenses/:license/suspend', ['bis'], () => ({ text: 'pre-license check' })),
    R('POST', '/api/v1/licenses/:license/appeal', ['exp'], () => ({ text: 'our statement' })),
    R('POST', '/api/v1/licenses/:license/uphold', ['bis'], () => ({ text: 'reasons' })),
    R('POST', '/api/v1/licenses/:license/reinstate', ['bis'], () => ({ text: 'check done' })),
    R('POST', '/api/v1/licenses/:license/revoke', ['bis'], () => ({ text: 'false statement' })),
    S('POST', '/api/v1/licenses/:license/reverse', ['bis'], () => ({ text: 'reasons' })),
    R('GET', '/api/v1/veu-applications', 'all'),
    R('GET', '/api/v1/veu-applications/:veu', ['exp', 'expAdmin', 'bis', 'erc', 'auditor']),
    R('POST', '/api/v1/veu-applications', ['exp', 'exp2'], () => ({
      candidate: { name: 'Example Co.', address: 'Shanghai' },
      facilities: [{ name: 'Facility A', address: 'Shanghai' }],
      items: ['3B001.e'],
      civilEndUses: 'civil IC production',
      complianceProgram: 'ICP',
      consentToOnSiteReviews: true,
    })),
    R('POST', '/api/v1/veu-applications/:veu/circulate', ['erc'], () => ({})),
    S('POST', '/api/v1/veu-applications/:veu/vote', ['erc'], () => ({ vote: 'approve' })),
    S('POST', '/api/v1/veu-applications/:veu/request_info', ['erc'], () => ({ text: 'facility list?' })),
    S('POST', '/api/v1/veu-applications/:veu/provide_info', ['exp'], () => ({ text: 'attached' })),
    S('POST', '/api/v1/veu-applications/:veu/approve', ['erc'], () => ({})),
    S('POST', '/api/v1/veu-applications/:veu/deny', ['erc'], () => ({ text: 'no' })),
    S('POST', '/api/v1/veu-applications/:veu/submit', ['exp'], () => ({})),
    S('POST', '/api/v1/veu-applications/:veu/withdraw', ['exp'], () => ({})),
    S('POST', '/api/v1/veu-applications/:veu/publish', ['bis'], () => ({
      citation: '91 FR 1234',
      effectiveOn: new Date().toISOString().slice(0, 10),
    })),
    R('GET', '/api/v1/veu-entries', 'all'),
    R('GET', '/api/v1/veu-entries/:veuEntry', ['exp', 'expAdmin', 'bis', 'erc', 'auditor']),
    R('POST', '/api/v1/veu-entries/:veuEntry/amendments', ['exp'], () => ({
      addItems: ['3B001.c'],
      reason: 'a second tool line',
    })),
    S('POST', '/api/v1/veu-entries/:veuEntry/revocation-votes', ['erc'], () => ({ vote: 'deny' })),
    S('POST', '/api/v1/veu-entries/:veuEntry/certifications', ['exp', 'exp2'], () => ({
      text: 'civil end uses only',
    })),
    R('GET', '/api/v1/veu-reports/2025', ['exp', 'exp2', 'bis', 'auditor']),
    R('GET', '/api/v1/outreach-events', 'all'),
    R('POST', '/api/v1/outreach-events', ['htwg', 'bis', 'mofcom'], () => ({
      title: 'Seminar',
      date: '2026-12-10',
    })),
    R('POST', '/api/v1/outreach-events/:event/materials', ['htwg', 'bis', 'mofcom'], () => ({
      title: 'Slides',
      reference: 'slides.pdf',
    })),
    R('POST', '/api/v1/outreach-events/:event/registrations', everyoneButTheAuditor, () => ({})),
    // events are open to everyone who may register for them (issue 15)
    R('GET', '/api/v1/outreach-events/:event', 'all'),
    R('POST', '/api/v1/outreach-events/:event/held', ['htwg', 'bis', 'mofcom'], () => ({})),
    R('GET', '/api/v1/outreach-questions', 'all'),
    R(
      'POST',
      '/api/v1/outreach-questions',
      ['exp', 'expAdmin', 'exp2', 'imp', 'endUser', 'bis', 'bisAdmin', 'mofcom', 'erc', 'dod', 'htwg'],
      () => ({ text: 'A question?' }),
    ),
    R('POST', '/api/v1/outreach-questions/:question/answer', ['htwg', 'bis', 'mofcom'], () => ({
      text: 'An answer.',
    })),
    // the purge runs before any legal hold on the exporter's organisation (a held record is kept)
    R('POST', '/api/v1/records/purge', ['expAdmin', 'bisAdmin'], () => ({ execute: true })),
    R('GET', '/api/v1/legal-holds', 'all'),
    R('GET', '/api/v1/legal-holds/:legalHold', ['exp', 'expAdmin', 'bis', 'bisAdmin', 'auditor']),
    // an organisation holds its own records; BIS any organisation's; a BIS administrator only BIS's
    R('POST', '/api/v1/legal-holds', ['exp', 'expAdmin', 'bis'], () => ({
      kind: 'license',
      recordId: ids.license,
      basis: 'agency_request',
      authority: 'U.S. Customs and Border Protection',
      reason: 'records requested',
    })),
    // BIS releases the hold BIS placed, and not the officer who placed it
    R('POST', '/api/v1/legal-holds/:legalHold/release', ['bis'], () => ({
      authorization: 'OEE letter 2026-117',
      reason: 'the request is closed',
    })),
    R('GET', '/api/v1/inbox', 'all'),
    R('GET', '/api/v1/license-applications?overdue=true&dueBefore=2030-01-01&limit=1', 'all'),
    R('GET', '/api/v1/metrics', ['bis', 'bisAdmin', 'expAdmin', 'mofcom', 'erc', 'htwg', 'auditor']),
    R('GET', '/api/v1/audit/verify', ['auditor', 'bisAdmin', 'expAdmin', 'bis']),
    R('GET', '/api/v1/audit/log', ['auditor']),
  ];
}

/** The operation of the table a route belongs to ("POST /api/v1/transactions/:tx/holds"). */
/** The operation of the table a route belongs to ("POST /api/v1/transactions/:tx/holds"). */
export function operationOf(method: string, path: string) {
  const bare = path.split('?')[0]!.replace(/^\/api\/v1/, '');
  return operations.find(
    (op) =>
      op.http.method === method.toLowerCase() &&
      new RegExp(`^${op.http.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare.replace(/:\w+/g, 'x')),
  );
}
