/** The inbox: what awaits the signed-in user's role and organisation, with the operation that acts on it. */
import { z } from 'zod';
import { recordOp, type Operation } from '../operation.js';
import { eusOperations } from './eus.js';
import { licenseOperations } from './licenses.js';
import { retentionOperations } from './retention.js';
import { transactionOperations } from './transactions.js';
import { veuOperations } from './veu.js';

const work = () => import('../records/finding-work.js');
const acting = [
  ...licenseOperations,
  ...eusOperations,
  ...veuOperations,
  ...transactionOperations,
  ...retentionOperations,
];

/** The route and the CLI verb of an operation on a record (its id or, for a report, its year). */
function howTo(operation: string, id: string) {
  const op = acting.find((o) => o.id === operation);
  if (!op) return { operation };
  const path = op.http.path.replace(/\{\w+\}/, id);
  return {
    operation,
    route: `${op.http.method.toUpperCase()} /api/v1${path}`,
    cli: `htt ${op.cli.command} ${id}`,
  };
}

const inboxItem = z.object({
  kind: z.string(),
  id: z.string(),
  what: z.string(),
  citation: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  actions: z.array(
    z.object({ operation: z.string(), route: z.string().optional(), cli: z.string().optional() }),
  ),
});

export const workOperations: Operation[] = [
  recordOp({
    id: 'inbox.list',
    concept: 'inbox',
    summary: 'What awaits you: deadlines and actions of your role and organisation, earliest due first',
    input: z.object({}).strict(),
    output: z.object({ asOf: z.string(), items: z.array(inboxItem) }),
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/inbox' },
    cli: { command: 'inbox' },
    run: async (s, actor) => {
      const { asOf, items } = await (await work()).inbox(s, actor);
      return {
        asOf,
        items: items.map(({ operations, ...rest }) => ({
          ...rest,
          actions: operations.map((o) => howTo(o, rest.id)),
        })),
      };
    },
  }),
];
