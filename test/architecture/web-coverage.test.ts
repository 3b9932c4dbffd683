/**
 * Every operation a desk's role may take is reachable in the web desk (issue 15, item 1). For each operation
 * of the table whose roles include a role with a desk (every role has one; "signed-in" includes them all):
 * - a workflow action (one operation per action of a state machine, src/app/operations/workflow-actions.ts)
 *   must be offered by web/src/lib/actions.ts to each desk role the machine lets take it, in some state;
 * - any other operation must be called by the web client: its HTTP path, `{param}` segments matching a
 *   `${…}` or a literal, found among the path literals of web/src (the query left out), or posted by a
 *   decision form (`collection="/x"` with `action: 'y'` in the same file: `/x/{id}/y`).
 * Operations deliberately left to the CLI are listed below, each with its reason. Adding an operation without
 * a screen makes this test fail, and so does an exception that is no longer needed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/app/operation.js';
import { operations } from '../../src/app/operations/index.js';
import { eusMachine } from '../../src/core/workflows/end-user-statement.js';
import { licenseMachine } from '../../src/core/workflows/license-application.js';
import { issuedLicenseMachine } from '../../src/core/workflows/license.js';
import type { Machine } from '../../src/core/workflows/machine.js';
import { roles as allRoles } from '../../src/core/workflows/roles.js';
import { veuAppMachine } from '../../src/core/workflows/veu.js';

// the web's own modules are loaded at run time (the web has its own tsconfig, with JSX and bundler resolution)
type Offer = { action: string }[];
const web = (await import(resolve(import.meta.dirname, '../../web/src/lib/actions.ts'))) as {
  eusActions: (state: string, role: string) => Offer;
  licenseActions: (
    state: string,
    role: string,
    data: unknown,
    myAgency?: string,
    reviewingAgencies?: readonly string[],
  ) => Offer;
  veuActions: (state: string, role: string, data: unknown) => Offer;
  issuedLicenseActions: (state: string, role: string, data: unknown) => Offer;
};
const { deskFor } = (await import(resolve(import.meta.dirname, '../../web/src/lib/desks.ts'))) as {
  deskFor: (user: { role: string; orgType: string }) => string;
};

const WEB = resolve(import.meta.dirname, '../../web/src');

/** Deliberately CLI-only (or served by another screen), with the reason. */
const CLI_ONLY: Record<string, string> = {
  'rules.in_force': 'the rule set in force is an operator/integration read; the verdict shows its version',
  'lists.describe': 'list snapshots are an operator read; the verdict and screening show the snapshot used',
  'lists.import_names': 'importing a name list is an operator task from a file (htt lists names import)',
  'lists.names': 'the imported name lists are an operator read, beside the import',
  'lists.remove_names': 'removing an imported name list is an operator task beside the import',
  'eccn.describe': 'the check form reads the whole ECCN list (GET /eccns) for its autocomplete instead',
  'screen.batch': 'the desk screens a customer file as a job (POST /jobs/screen-batch) with progress',
  'account.me': 'the desk has the user from the sign-in answer (the session)',
  'user.add':
    'adding a user with a password set by someone else is the bootstrap path; the desk invites (POST /invitations)',
  'counterparty.rescreen_all':
    'the desk starts the re-screen as a job (POST /jobs/rescreen); the synchronous call is for the CLI',
  'job.rescreen': 'a whole re-screen is an operator task, scheduled by the workers (docs/PERSISTENCE.md)',
  'job.case_file': 'the desk fetches the case file document directly (GET /transactions/{id}/case-file)',
  'job.audit_verify': 'the desk verifies the audit chain directly (GET /audit/verify)',
  'job.list': 'the desk follows the one job it started (GET /jobs/{id})',
  'screening_decision.record':
    "the desk records a decision on a counterparty's hit (POST /counterparties/{id}/clear or /confirm), which records the same decision; one on a bare name is for the CLI",
};

/** Reading one record: the desks show records from their lists (GET /{concept}) and open them in place. */
const readsOneFromItsList = (op: Operation, table: readonly Operation[]) =>
  op.id.endsWith('.get') &&
  op.http.method === 'get' &&
  table.some((o) => o.id === op.id.replace(/\.get$/, '.list'));

function sourcesOf(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourcesOf(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [{ file: p, text: readFileSync(p, 'utf8') }] : [];
  });
}

const PARAM = '{}';
/** "/a/${id}/b?x=${y}" -> ["a", "{}", "b"]; a path must start with a literal segment. */
function segments(path: string): string[] | null {
  const bare = path
    .replace(/\$\{[^}]*\}/g, PARAM)
    .replace(/\{\w+\}/g, PARAM)
    .split('?')[0]!;
  const parts = bare.split('/').filter(Boolean);
  return parts.length && parts[0] !== PARAM && /^[a-z]/.test(parts[0]!) ? parts : null;
}

interface WebCall {
  /** get or post when the call says so (`get(…)`, `post(…)`, `api('POST', …)`, a decision form), else any */
  method?: 'get' | 'post';
  path: string[];
}

/** The method of the call a path literal is the argument of, from the text just before it. */
function methodBefore(before: string): WebCall['method'] {
  const m = /\b(get|post|apiBlob)\s*(?:<.*>)?\(\s*$|\bapi\s*(?:<.*>)?\(\s*'(GET|POST)',\s*$/.exec(before);
  if (!m) return undefined;
  if (m[2]) return m[2] === 'GET' ? 'get' : 'post';
  return m[1] === 'post' ? 'post' : 'get';
}

/** The action names a source declares (`action: 'name'`), with those of the web/src/lib modules it imports. */
function actionsOf(
  source: { file?: string; text: string },
  sources: readonly { file?: string; text: string }[],
) {
  const names = (text: string) => [...text.matchAll(/action: '([\w-]+)'/g)].map((m) => m[1]!);
  const libs = [...source.text.matchAll(/from '\.\.\/lib\/([\w-]+)'/g)].map((m) => `/lib/${m[1]}.ts`);
  const imported = sources.filter((s) => s.file && libs.some((l) => s.file!.endsWith(l)));
  return [...names(source.text), ...imported.flatMap((s) => names(s.text))];
}

/**
 * The API calls of the web client: its path literals, and its decision forms' collection + action (the
 * actions declared beside the form or in the lib module the form's component imports them from).
 */
export function webCalls(sources: readonly { file?: string; text: string }[]): WebCall[] {
  const out: WebCall[] = [];
  for (const source of sources) {
    const { text } = source;
    for (const m of text.matchAll(/'(\/[^'\n]*)'|"(\/[^"\n]*)"|`(\/[^`]*)`/g)) {
      const path = segments(m[1] ?? m[2] ?? m[3]!);
      const line = text
        .slice(Math.max(0, m.index - 120), m.index)
        .split('\n')
        .pop()!;
      const method = methodBefore(line);
      if (path) out.push({ path, ...(method ? { method } : {}) });
    }
    const collections = [...text.matchAll(/collection=\{?["'`](\/[\w/-]+)["'`]/g)].map((m) => m[1]!);
    const actions = actionsOf(source, sources);
    for (const c of collections)
      for (const a of actions) out.push({ method: 'post', path: [...segments(c)!, PARAM, a] });
  }
  return out;
}

const matches = (op: Operation, want: string[], call: WebCall) =>
  (!call.method || call.method === op.http.method) &&
  want.length === call.path.length &&
  want.every((seg, i) => seg === call.path[i] || seg === PARAM);

/** Which desk roles a workflow action's machine allows, and whether actions.ts offers it to each. */
const machines: {
  kind: string;
  machine: Machine<string, string>;
  offered: (state: string, role: string) => Offer;
}[] = [
  { kind: 'eus_request', machine: eusMachine, offered: (s, r) => web.eusActions(s, r) },
  {
    kind: 'license_application',
    machine: licenseMachine,
    offered: (s, r) =>
      [undefined, {}].flatMap((appeal) =>
        web.licenseActions(
          s,
          r,
          { agencies: ['Defense'], recommendations: [], ...(appeal ? { appeal } : {}) },
          'Defense',
          ['Defense'],
        ),
      ),
  },
  {
    kind: 'license',
    machine: issuedLicenseMachine,
    offered: (s, r) =>
      [undefined, {}].flatMap((extensionRequest) =>
        [undefined, {}].flatMap((appeal) =>
          web.issuedLicenseActions(s, r, {
            items: [{ eccn: '3B001' }],
            ...(extensionRequest ? { extensionRequest } : {}),
            ...(appeal ? { appeal } : {}),
          }),
        ),
      ),
  },
  {
    kind: 'veu_application',
    machine: veuAppMachine,
    offered: (s, r) =>
      [[], [{ agency: 'Commerce', vote: 'approve' }], [{ agency: 'Commerce', vote: 'deny' }]].flatMap(
        (votes) => web.veuActions(s, r, { members: ['Commerce'], votes }),
      ),
  },
];

/** Every desk role (all roles have a desk; an administrator's is their organisation's). */
const deskRoles = allRoles.filter((r) => deskFor({ role: r, orgType: 'exporter' }));

export function uncovered(
  table: readonly Operation[],
  sources: readonly { file?: string; text: string }[],
): string[] {
  const calls = webCalls(sources);
  const missing: string[] = [];
  for (const op of table) {
    const opRoles = op.roles === 'signed-in' ? deskRoles : op.roles.filter((r) => deskRoles.includes(r));
    if (!opRoles.length || readsOneFromItsList(op, table)) continue;
    const workflow = machines.find(
      (m) => op.id.startsWith(`${m.kind}.`) && m.machine.actions.includes(op.id.slice(m.kind.length + 1)),
    );
    if (workflow) {
      const action = op.id.slice(workflow.kind.length + 1);
      for (const role of opRoles) {
        const offered = workflow.machine.states.some((state) =>
          workflow.offered(state, role).some((a) => a.action === action),
        );
        if (!offered) missing.push(`${op.id} (not offered to ${role} by web/src/lib/actions.ts)`);
      }
      continue;
    }
    const want = segments(op.http.path)!;
    if (!calls.some((c) => matches(op, want, c)))
      missing.push(`${op.id} (${op.http.method.toUpperCase()} ${op.http.path})`);
  }
  return missing;
}

const excepted = new Set(Object.keys(CLI_ONLY));
const sources = sourcesOf(WEB);

describe('the web desk covers the operation table', () => {
  it('reaches every operation a desk role may take, but for the listed exceptions', () => {
    const missing = uncovered(operations, sources).filter((m) => !excepted.has(m.split(' ')[0]!));
    expect(missing).toEqual([]);
  });

  it('lists only exceptions that exist and are still needed', () => {
    const ids = new Set(operations.map((o) => o.id));
    expect([...excepted].filter((id) => !ids.has(id))).toEqual([]);
    const stillMissing = new Set(uncovered(operations, sources).map((m) => m.split(' ')[0]!));
    expect([...excepted].filter((id) => !stillMissing.has(id))).toEqual([]);
    for (const [id, why] of Object.entries(CLI_ONLY)) expect([id, why.length > 20]).toEqual([id, true]);
  });

  it('fails for an operation added without a screen, and passes once the web client calls it', () => {
    const added = {
      ...operations.find((o) => o.id === 'legal_hold.release')!,
      id: 'widget.frobnicate',
      roles: ['compliance_officer'],
      http: { method: 'post', path: '/widgets/{id}/frobnicate' },
    } as Operation;
    expect(uncovered([added], sources)).toEqual(['widget.frobnicate (POST /widgets/{id}/frobnicate)']);
    const screen = { text: 'await post(`/widgets/${encodeURIComponent(id)}/frobnicate`, body);' };
    expect(uncovered([added], [...sources, screen])).toEqual([]);
    // a decision form posting to the collection covers it too
    const form = {
      text: `<CaseList collection="/widgets" actions={() => [{ action: 'frobnicate', fields: [] }]} />`,
    };
    expect(uncovered([added], [form])).toEqual([]);
  });

  it('fails for a workflow action the desk does not offer to a role that may take it', () => {
    const issue = operations.find((o) => o.id === 'eus_request.issue')!;
    expect(uncovered([issue], sources)).toEqual([]);
    const widened = { ...issue, roles: ['mofcom_officer', 'auditor'] } as Operation;
    // were an auditor allowed to issue, the auditor's desk would have to offer it
    expect(uncovered([widened], sources)).toEqual([
      'eus_request.issue (not offered to auditor by web/src/lib/actions.ts)',
    ]);
    const unknownAction = { ...issue, id: 'eus_request.stamp' } as Operation;
    // not an action of the machine: judged by its path, which no screen calls
    expect(uncovered([unknownAction], [])).toEqual(['eus_request.stamp (POST /eus-requests/{id}/issue)']);
  });
});
