/** The inbox: what awaits the signed-in user's role and organisation, with the operation that acts on it. */
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import { message } from '../../contracts/check.js';
import { withText } from '../../core/messages/records.js';
import { lang } from './common.js';
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
  what: z.string().describe("in English; `message` is the same in the reader's language"),
  message,
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
    input: z
      .object({
        limit: z.coerce.number().int().min(1).max(1000).optional().describe('items per page (default 200)'),
        cursor: z
          .string()
          .min(1)
          .max(500)
          .optional()
          .describe('the next page: the `next` of the previous page'),
        lang,
      })
      .strict(),
    output: z.object({
      asOf: z.string(),
      items: z.array(inboxItem),
      next: z.string().nullable().describe('the cursor of the next page; null on the last'),
    }),
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/inbox' },
    cli: { command: 'inbox' },
    run: async (s, actor, q) => {
      const { asOf, items } = await (await work()).inbox(s, actor);
      // the inbox is computed in its order (earliest due first); a page starts after the item the cursor
      // names (kind and id), so a page is not shifted by items done meanwhile before it
      const limit = q.limit ?? 200;
      const after = q.cursor ? items.findIndex((i) => `${i.kind}:${i.id}` === q.cursor) : -1;
      if (q.cursor && after < 0)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `no inbox item ${q.cursor} to continue after (it may be done); start again without a cursor`,
          field: 'cursor',
        });
      const page = items.slice(after + 1, after + 1 + limit);
      const last = page[page.length - 1];
      return {
        asOf,
        items: page.map(({ operations, message: m, ...rest }) => ({
          ...rest,
          message: withText(m, q.lang ?? 'en'),
          actions: operations.map((o) => howTo(o, rest.id)),
        })),
        next: after + 1 + limit < items.length && last ? `${last.kind}:${last.id}` : null,
      };
    },
  }),
];
