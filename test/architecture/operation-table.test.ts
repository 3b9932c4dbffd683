/**
 * The operation table (src/app/operations) is the one list of use cases: every operation is mounted by the
 * HTTP adapter (its route in the OpenAPI document under its id) and by the CLI (a verb, generated or
 * hand-rendered), ids, routes and verbs are unique, and every route of the API comes from the table but for
 * the session's own (sign-in, sign-out) and the service routes (health, the OpenAPI document, the reference).
 */
import type { Command } from 'commander';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { operations } from '../../src/app/operations/index.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { buildProgram } from '../../src/main/cli.js';
import { manifestOf } from '../../src/adapters/cli/cli-manifest.js';
import { existsSync, readFileSync } from 'node:fs';

const rules = loadRules();
const services = { rules: () => rules, screener: () => undefined, today: () => '2026-11-28' };
let cases: CaseServices;
let doc: { paths: Record<string, Record<string, { operationId?: string }>> };

beforeAll(async () => {
  cases = {
    store: await openRecordStore({ sqlitePath: ':memory:' }),
    checks: services,
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  const app = createApp({ cases, logger: pino({ level: 'silent' }) });
  doc = (await (await app.request('/api/v1/openapi.json')).json()) as typeof doc;
});
afterAll(() => cases?.store.close());

const commandAt = (program: Command, words: string[]): Command | undefined =>
  words.reduce<Command | undefined>((at, w) => at?.commands.find((c) => c.name() === w), program);

describe('the operation table', () => {
  it('has unique ids, routes and CLI verbs', () => {
    const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dupes(operations.map((o) => o.id))).toEqual([]);
    expect(dupes(operations.map((o) => `${o.http.method} ${o.http.path}`))).toEqual([]);
    expect(dupes(operations.filter((o) => !o.cli.custom).map((o) => o.cli.command))).toEqual([]);
  });

  it('declares roles, an audit action for every write and none for reads, path fields in the input', () => {
    for (const op of operations) {
      expect([op.id, op.roles === 'signed-in' || op.roles.length > 0]).toEqual([op.id, true]);
      const isRead = op.http.method === 'get';
      expect([op.id, isRead ? op.audit === null : true]).toEqual([op.id, true]);
      if (op.scope === 'records' && !isRead && !op.id.startsWith('screen'))
        expect([op.id, typeof op.audit]).toEqual([op.id, 'string']);
      for (const [, field] of op.http.path.matchAll(/\{(\w+)\}/g))
        expect([op.id, field! in op.input.shape]).toEqual([op.id, true]);
      for (const arg of op.cli.args ?? []) expect([op.id, arg in op.input.shape]).toEqual([op.id, true]);
    }
  });

  it('is mounted by the HTTP adapter: each operation at its route under its id, and nothing else', () => {
    const mounted = new Map<string, string>();
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, route] of Object.entries(methods))
        mounted.set(`${method} ${path}`, route.operationId ?? '(none)');
    for (const op of operations)
      expect([op.id, mounted.get(`${op.http.method} /api/v1${op.http.path}`)]).toEqual([op.id, op.id]);
    const session = [
      'post /api/v1/auth/sign-in',
      'post /api/v1/auth/accept-invitation',
      'post /api/v1/auth/sign-out',
    ];
    const fromTable = new Set(operations.map((o) => `${o.http.method} /api/v1${o.http.path}`));
    expect([...mounted.keys()].filter((k) => !fromTable.has(k) && !session.includes(k))).toEqual([]);
  });

  it('is mounted by the CLI: each operation has its verb, with its positional arguments', () => {
    const program = buildProgram({ out: () => {}, err: () => {} }, services, manifestOf(operations));
    for (const op of operations) {
      const cmd = commandAt(program, op.cli.command.split(' '));
      expect([op.id, op.cli.command, cmd ? 'mounted' : 'missing']).toEqual([
        op.id,
        op.cli.command,
        'mounted',
      ]);
      if (!op.cli.custom)
        expect([op.id, cmd!.registeredArguments.map((a) => a.name())]).toEqual([
          op.id,
          [...(op.cli.args ?? [])],
        ]);
    }
  });

  it('is what the compiled CLI reads: dist/cli-manifest.json is the table as the build left it', () => {
    const built = new URL('../../dist/cli-manifest.json', import.meta.url);
    // npm test builds before it runs the tests; a bare vitest run on an unbuilt tree has nothing to compare
    if (!existsSync(built)) return;
    expect(JSON.parse(readFileSync(built, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(manifestOf(operations))),
    );
  });

  it('gives a record operation --as and an engine operation none (who acts comes from the session)', () => {
    const program = buildProgram({ out: () => {}, err: () => {} }, services, manifestOf(operations));
    for (const op of operations.filter((o) => !o.cli.custom)) {
      const flags = commandAt(program, op.cli.command.split(' '))!.options.map((o) => o.long);
      expect([op.id, flags.includes('--as')]).toEqual([op.id, op.scope === 'records']);
      // no input field may name the acting user or organisation
      for (const field of Object.keys(op.input.shape))
        expect([op.id, /^(actor|actorId|actingUser|actingOrg|sessionId)$/.test(field)]).toEqual([
          op.id,
          false,
        ]);
    }
  });
});
