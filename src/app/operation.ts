/**
 * The operation table's shape (docs/ARCHITECTURE.md, "One operation table"). Each use case is declared once:
 * its input and output schemas, the roles that may call it, the audit action it writes, where the HTTP
 * adapter mounts it and which CLI verb the CLI adapter generates for it. Both adapters mount every
 * operation from the table; adding an action is one entry here plus its use case.
 *
 * Who acts always comes from the session (the HTTP bearer token, the CLI's --as), never from the input.
 */
import type { z } from 'zod';
import { HttError } from '../core/errors.js';
import type { Role } from '../core/workflows/roles.js';
import { checkText, validate } from './validate.js';
import { SYSTEM, type Actor, type CaseServices } from './records/context.js';
import type { Services } from './services.js';

/** Any signed-in user, or only these roles. */
export type Access = 'signed-in' | readonly Role[];

export interface HttpMount {
  method: 'get' | 'post';
  /** Under /api/v1, with {field} for input fields taken from the path, e.g. "/transactions/{id}/ship". */
  path: string;
  status?: 200 | 201;
}

export interface CliMount {
  /** The verb, e.g. "tx ship" or "metrics". */
  command: string;
  /** Input fields given as positional arguments, in order. */
  args?: readonly string[];
  /** Flag names that differ from the field name in kebab case, e.g. { reference: 'ref' }. */
  flags?: Readonly<Record<string, string>>;
  /** Fields read from a JSON file whose path the flag (or argument) gives; "." reads the whole input. */
  files?: readonly string[];
  /** The CLI adapter mounts this operation with a command of its own (text rendering, batch files). */
  custom?: true;
  /** Without --as the local operator acts as the system (bootstrap of organisations and users). */
  bootstrap?: true;
}

interface Declared<I extends z.AnyZodObject> {
  /** Stable id, e.g. "transaction.ship"; also the operationId in the OpenAPI document. */
  id: string;
  /** The concept the operation belongs to: one HTTP router (and OpenAPI tag) per concept. */
  concept: string;
  summary: string;
  input: I;
  output: z.ZodTypeAny;
  roles: Access;
  /** The audit action the operation writes; null for reads. */
  audit: string | null;
  http: HttpMount;
  cli: CliMount;
  /**
   * The operation screens names: run by a signed-in user of an organisation, it screens with that
   * organisation's screening decisions (docs/SCREENING.md, "Decisions the organisation remembers").
   */
  screensForOrg?: true;
  /**
   * Other renderings of the output: a printable HTML page (HTTP ?format=html, CLI --html FILE) and a PDF
   * (HTTP ?format=pdf as a download, CLI --pdf FILE).
   */
  formats?: {
    html?: (output: never) => string;
    pdf?: (output: never) => Promise<{ body: Uint8Array; fileName: string }>;
  };
}

/** Works on the rules and the lists only: no store, no records. */
export interface EngineOperation<I extends z.AnyZodObject = z.AnyZodObject> extends Declared<I> {
  scope: 'engine';
  run(services: Services, input: z.infer<I>): unknown;
}

/** Works on the case records as the acting user. */
export interface RecordOperation<I extends z.AnyZodObject = z.AnyZodObject> extends Declared<I> {
  scope: 'records';
  run(s: CaseServices, actor: Actor, input: z.infer<I>): Promise<unknown>;
}

export type Operation = EngineOperation | RecordOperation;

/** Declare an operation (the generic keeps `run`'s input typed by the schema). */
export const engineOp = <I extends z.AnyZodObject>(op: Omit<EngineOperation<I>, 'scope'>): Operation =>
  ({ ...op, scope: 'engine' }) as unknown as Operation;
export const recordOp = <I extends z.AnyZodObject>(op: Omit<RecordOperation<I>, 'scope'>): Operation =>
  ({ ...op, scope: 'records' }) as unknown as Operation;

/** The table's role gate; the use cases and state machines keep their finer checks (state, organisation). */
export function authorize(op: Operation, actor: Actor): void {
  if (op.roles === 'signed-in' || op.roles.includes(actor.role) || actor === SYSTEM) return;
  throw new HttError({
    code: 'CASE.FORBIDDEN',
    message: `a ${actor.role} may not ${op.summary.charAt(0).toLowerCase()}${op.summary.slice(1)} (allowed: ${op.roles.join(', ')})`,
  });
}

export interface Caller {
  services: Services;
  /** The records and the clock; absent where only engine operations run (the CLI without a database). */
  cases?: CaseServices;
  actor?: Actor;
}

/**
 * Run an operation as the caller: validate the input (unless an edge already did with the same schema),
 * apply the role gate, run the use case.
 */
export async function invoke(
  op: Operation,
  caller: Caller,
  raw: unknown,
  options: { validated?: boolean } = {},
): Promise<unknown> {
  const input = options.validated ? (raw as Record<string, unknown>) : validate(op.input, raw, op.id);
  if (options.validated) checkText(input, op.id);
  if (caller.actor) authorize(op, caller.actor);
  if (op.scope === 'engine') {
    if (op.screensForOrg && caller.cases && caller.actor && caller.actor !== SYSTEM) {
      const { servicesForOrg } = await import('./records/screening-decisions.js');
      return op.run(await servicesForOrg(caller.cases, caller.actor), input);
    }
    return op.run(caller.services, input);
  }
  if (!caller.cases || !caller.actor)
    throw new HttError({ code: 'AUTH.REQUIRED', message: `${op.id} needs a signed-in user` });
  return op.run(caller.cases, caller.actor, input);
}
