/** Reading records: one list and one get operation per kind of record, with the kind's visibility rules. */
import type { RecordKind } from '../ports/record-store.js';
import { getVisible } from '../records/context.js';
import { recordOp, type Operation } from '../operation.js';
import { z } from 'zod';
import { id, listQuery, recordList, storedRecord } from './common.js';

// use cases load when an operation runs (a fast `htt --help`)
const work = () => import('../records/finding-work.js');

/** `GET /{path}` and `htt {cli} list`; with `one`, also `GET /{path}/{id}` and `htt {cli} show ID`. */
export function readOps(
  kind: RecordKind,
  concept: string,
  cli: string,
  what: string,
  one?: string,
): Operation[] {
  const ops: Operation[] = [
    recordOp({
      id: `${kind}.list`,
      concept,
      summary: what,
      input: listQuery,
      output: recordList,
      roles: 'signed-in',
      audit: null,
      http: { method: 'get', path: `/${concept}` },
      cli: { command: `${cli} list` },
      run: async (s, actor, q) => (await work()).listWork(s, actor, kind, q),
    }),
  ];
  if (one)
    ops.push(
      recordOp({
        id: `${kind}.get`,
        concept,
        summary: one,
        input: z.object({ id }).strict(),
        output: storedRecord,
        roles: 'signed-in',
        audit: null,
        http: { method: 'get', path: `/${concept}/{id}` },
        cli: { command: `${cli} show`, args: ['id'] },
        run: (s, actor, i) => getVisible(s, actor, kind, i.id),
      }),
    );
  return ops;
}
