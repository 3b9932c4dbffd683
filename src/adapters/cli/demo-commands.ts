/**
 * `htt demo`: the shipped demonstration check (`htt demo check`, the default) and the demonstration
 * workspace (`htt demo seed`): an exporter, a Chinese importer and end user, BIS, MOFCOM, the End-User Review
 * Committee with a member per agency, three reviewing agencies, the HTWG and an auditor, with records in
 * progress. Seeding happens only when asked (this verb, or `htt serve --demo` on SQLite), and only into a
 * database with no organisation yet; the sign-ins go to a file only its owner can read, never to stdout
 * (src/adapters/db/demo-workspace.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CheckResult } from '../../contracts/check.js';
import { caseServicesFor } from '../../app/records/context.js';
import type { Services } from '../../app/services.js';
import { readJsonFile, type CliIo } from './io.js';
import { renderCheck } from './render-check.js';

export function registerDemoCommands(program: Command, io: CliIo, services: Services): void {
  const demo = program
    .command('demo')
    .description('the demonstration: a shipped check (default) and a workspace to try every role');
  demo
    .command('check', { isDefault: true })
    .description('run the shipped demonstration check (examples/demo-check.json)')
    .action(async () => {
      const file = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/demo-check.json');
      const [{ invoke }, { operationById }] = await Promise.all([
        import('../../app/operation.js'),
        import('../../app/operations/index.js'),
      ]);
      const result = (await invoke(
        operationById('check.run')!,
        { services },
        readJsonFile(file),
      )) as CheckResult;
      io.out(`htt demo: ${file}\n`);
      io.out(renderCheck(result, 'CN'));
    });
  demo
    .command('seed')
    .description(
      'create the demonstration workspace (organisations, users, records in progress) in an empty database',
    )
    .option(
      '--password <password>',
      'one password for every demonstration user (default: HTT_DEMO_PASSWORD, else random)',
    )
    .action(async (o: { password?: string }) => {
      const [{ openRecordStore, storeLocation }, { seedDemoWorkspace }] = await Promise.all([
        import('../db/open-record-store.js'),
        import('../db/demo-workspace.js'),
      ]);
      const store = await openRecordStore();
      try {
        const cases = caseServicesFor(store, services);
        const outcome = await seedDemoWorkspace(cases, o.password ?? process.env.HTT_DEMO_PASSWORD);
        const where = storeLocation();
        io.out(
          outcome.seeded
            ? `demonstration workspace seeded in ${where.dialect} ${where.where}`
            : `the database (${where.dialect} ${where.where}) already has organisations: nothing seeded`,
        );
        if (outcome.notes) io.out(outcome.notes);
      } finally {
        await store.close();
      }
    });
}
