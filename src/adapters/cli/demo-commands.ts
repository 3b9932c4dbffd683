/**
 * `htt demo`: the shipped demonstration check (`htt demo check`, the default) and the demonstration
 * workspace (`htt demo seed`): an exporter, a Chinese importer and end user, BIS, MOFCOM, the End-User Review
 * Committee, a reviewing agency, the HTWG and an auditor, with records in progress. Seeding happens only when
 * asked (this verb, or `htt serve --demo`), and only into a database with no organisation yet.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CheckResult } from '../../contracts/check.js';
import { defaultCaseConfig, type CaseServices } from '../../app/records/context.js';
import type { DemoSignIn } from '../../app/records/demo.js';
import type { Services } from '../../app/services.js';
import { readJsonFile, type CliIo } from './io.js';
import { renderCheck } from './render-check.js';

export interface SeedOutcome {
  /** True when this call seeded; false when the database already had organisations. */
  seeded: boolean;
  /** The sign-ins to print (kept beside an embedded database so that later starts can print them again). */
  notes: string;
}

function demoNotes(signIns: DemoSignIn[]): string {
  return [
    'Demonstration sign-ins (e-mail / password / role):',
    ...signIns.map((s) => `  ${s.email.padEnd(26)} ${s.password.padEnd(14)} ${s.role} — ${s.organisation}`),
  ].join('\n');
}

/** Seed the demonstration workspace into the store `cases` uses, if it is empty. */
export async function seedDemoWorkspace(cases: CaseServices, password?: string): Promise<SeedOutcome> {
  const [{ storeLocation }, { seedDemo }] = await Promise.all([
    import('../db/open-record-store.js'),
    import('../../app/records/demo.js'),
  ]);
  const location = storeLocation();
  const credentials =
    location.dialect === 'sqlite' && location.where !== ':memory:'
      ? join(dirname(resolve(location.where)), 'demo-sign-ins.txt')
      : null;
  const signIns = await seedDemo(cases, password);
  if (signIns) {
    const notes = demoNotes(signIns);
    if (credentials) {
      mkdirSync(dirname(credentials), { recursive: true });
      writeFileSync(credentials, `${notes}\n`, { mode: 0o600 });
    }
    return { seeded: true, notes };
  }
  const notes = credentials && existsSync(credentials) ? readFileSync(credentials, 'utf8').trimEnd() : '';
  return { seeded: false, notes };
}

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
      const { openRecordStore, storeLocation } = await import('../db/open-record-store.js');
      const store = await openRecordStore();
      try {
        const cases: CaseServices = {
          store,
          checks: services,
          now: () => process.env.HTT_NOW ?? new Date().toISOString(),
          config: defaultCaseConfig,
        };
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
