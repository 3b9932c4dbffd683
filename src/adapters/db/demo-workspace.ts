/**
 * Seeding the demonstration workspace into a store (for `htt demo seed` and `htt serve --demo`), with its
 * sign-ins kept beside an embedded SQLite database (`demo-sign-ins.txt`, mode 0600) so that later starts can
 * print them again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CaseServices } from '../../app/records/context.js';
import { seedDemo, type DemoSignIn } from '../../app/records/demo.js';
import { storeLocation } from './open-record-store.js';

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
