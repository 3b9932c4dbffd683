/**
 * Seeding the demonstration workspace into a store (for `htt demo seed` and `htt serve --demo`). The
 * sign-ins (passwords included) go to a file readable by its owner only (mode 0600), never to stdout:
 * `demo-sign-ins.txt` beside an embedded SQLite database, else HTT_DEMO_SIGN_INS or
 * `.htt/demo-sign-ins.txt` under the working directory. A server seeds only when asked (`--demo`), and
 * never into PostgreSQL: a shared database gets the demonstration only from an explicit `htt demo seed`.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CaseServices } from '../../app/records/context.js';
import { seedDemo, type DemoSignIn } from '../../app/records/demo.js';
import { storeLocation } from './open-record-store.js';

export interface SeedOutcome {
  /** True when this call seeded; false when the database already had organisations. */
  seeded: boolean;
  /** The file with the sign-ins (written when seeded; from an earlier seed otherwise, if it is there). */
  signInsFile: string | null;
  /** What to tell the operator: where the sign-ins are, never a password. */
  notes: string;
}

function signInsText(signIns: DemoSignIn[]): string {
  return [
    'Demonstration sign-ins (e-mail / password / role):',
    ...signIns.map((s) => `  ${s.email.padEnd(26)} ${s.password.padEnd(14)} ${s.role} — ${s.organisation}`),
    '',
  ].join('\n');
}

/** Where the sign-ins of the demonstration workspace are kept. */
export function demoSignInsFile(): string {
  const location = storeLocation();
  if (location.dialect === 'sqlite' && location.where !== ':memory:')
    return join(dirname(resolve(location.where)), 'demo-sign-ins.txt');
  return resolve(process.env.HTT_DEMO_SIGN_INS ?? '.htt/demo-sign-ins.txt');
}

/** Write `text` to `file`, readable and writable by its owner only (also when the file existed). */
export function writeOwnerOnly(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above applies only to a new file
}

/** Seed the demonstration workspace into the store `cases` uses, if it is empty. */
export async function seedDemoWorkspace(cases: CaseServices, password?: string): Promise<SeedOutcome> {
  const file = demoSignInsFile();
  const signIns = await seedDemo(cases, password);
  if (signIns) {
    writeOwnerOnly(file, signInsText(signIns));
    return {
      seeded: true,
      signInsFile: file,
      notes: `  demonstration sign-ins (${signIns.length} users) in ${file}, readable by you only`,
    };
  }
  const kept = existsSync(file);
  return {
    seeded: false,
    signInsFile: kept ? file : null,
    notes: kept ? `  demonstration sign-ins in ${file}` : '',
  };
}
