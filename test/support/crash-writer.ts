/**
 * The writer process of the crash-consistency test (test/contract/crash-consistency.test.ts). Writes, in a
 * tight loop until killed, transactions of four writes each: three records that name each other and an
 * update of one shared counter record. Prints "ready" once the store is open, then each transaction id on
 * its own line after its commit returned.
 *
 *   tsx test/support/crash-writer.ts --sqlite FILE --run R [--max N]
 *   tsx test/support/crash-writer.ts --url postgres://... --run R [--max N]
 */
import { parseArgs } from 'node:util';
import type { StoredRecord } from '../../src/app/ports/record-store.js';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { COUNTER_ID, type CounterData, type PartData } from './crash-shared.js';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    url: { type: 'string' },
    run: { type: 'string', default: '0' },
    max: { type: 'string' },
  },
});

const store = await openRecordStore(
  values.url ? { databaseUrl: values.url } : { sqlitePath: values.sqlite ?? ':memory:' },
);
const now = () => new Date().toISOString();
const system = (action: string) => ({ actor: 'system:crash-writer', action, at: now() });

await store.transaction(async (tx) => {
  if (!(await tx.get('list_snapshot', COUNTER_ID))) {
    await tx.insert<CounterData>(
      {
        kind: 'list_snapshot',
        id: COUNTER_ID,
        orgIds: ['org-crash'],
        state: '',
        data: { count: 0, lastTx: null },
        retainUntil: null,
      },
      system('counter.create'),
    );
  }
});
process.stdout.write('ready\n');

const max = values.max === undefined ? Infinity : Number(values.max);
for (let i = 1; i <= max; i++) {
  const txId = `r${values.run}-t${i}`;
  const ids = (['a', 'b', 'c'] as const).map((p) => `${txId}-${p}`);
  await store.transaction(async (tx) => {
    for (const [k, part] of (['a', 'b', 'c'] as const).entries()) {
      await tx.insert<PartData>(
        {
          kind: 'transaction',
          id: ids[k]!,
          orgIds: ['org-crash'],
          state: 'draft',
          data: { txId, part, peers: ids.filter((_, j) => j !== k) },
          retainUntil: null,
        },
        system('part.create'),
      );
    }
    const counter = (await tx.get<CounterData>('list_snapshot', COUNTER_ID)) as StoredRecord<CounterData>;
    await tx.update<CounterData>(
      { ...counter, data: { count: counter.data.count + 1, lastTx: txId } },
      counter.version,
      system('counter.increment'),
    );
  });
  process.stdout.write(`${txId}\n`);
}
await store.close();
