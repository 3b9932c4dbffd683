/** One operation per action of a workflow's state machine, its roles taken from the machine's transitions. */
import { z } from 'zod';
import type { Machine } from '../../core/workflows/machine.js';
import type { RecordKind } from '../ports/record-store.js';
import type { Actor, CaseServices } from '../records/context.js';
import { recordOp, type Operation } from '../operation.js';
import { backdateReason, describeAction, id, kebab, on, rolesOf, storedRecord } from './common.js';

export const actionText = z.string().max(5000).optional();
/** One operation per action of a workflow: POST /{concept}/{id}/{action} and `htt {cli} {action} ID`. */
export function actionOps<S extends string, A extends string, P extends z.ZodRawShape>(
  machine: Machine<S, A>,
  kind: RecordKind,
  concept: string,
  cli: string,
  params: P,
  flags: Record<string, string>,
  act: (
    s: CaseServices,
    actor: Actor,
    id: string,
    action: A,
    params: Record<string, unknown>,
  ) => Promise<unknown>,
): Operation[] {
  return machine.actions.map((action) =>
    recordOp({
      id: `${kind}.${action}`,
      concept,
      summary: `${machine.name}: ${describeAction(machine, action)}`,
      input: z.object({ id, text: actionText, on, backdateReason, ...params }).strict(),
      output: storedRecord,
      roles: rolesOf(machine, action),
      audit: `${kind}.${action}`,
      http: { method: 'post', path: `/${concept}/{id}/${action}` },
      cli: { command: `${cli} ${kebab(action)}`, args: ['id'], flags },
      run: (s, actor, { id: recordId, ...rest }) => act(s, actor, String(recordId), action, rest),
    }),
  );
}

export const vote = z.enum(['approve', 'deny']);
