/**
 * The world a case test runs in: case services on a fresh store (SQLite, or PostgreSQL when the suite runs
 * with it), a clock the test moves with `at(date)`, and one signed-in actor per person, each in its
 * organisation (created once, with the End-User Review Committee agency it votes for, if any).
 */
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import type { Screener } from '../../src/core/screening/types.js';
import type { OrgType, Role } from '../../src/core/workflows/roles.js';
import type { StoreFactory } from './stores.js';

export interface Person {
  key: string;
  orgId: string;
  orgType: OrgType;
  role: Role;
  /** The organisation's name (its id when absent). */
  orgName?: string;
  ercAgency?: string;
}

export interface CaseWorld {
  s: CaseServices;
  actors: Record<string, Actor>;
  /** Move the clock to 09:00 UTC on `date`. */
  at(date: string): void;
}

const rules = loadRules();

export async function openCaseWorld(
  factory: StoreFactory,
  start: string,
  people: Person[],
  screener?: Screener,
): Promise<CaseWorld> {
  let clock = `${start}T09:00:00.000Z`;
  const s: CaseServices = {
    store: await factory.open(),
    checks: { rules: () => rules, screener: () => screener, today: () => clock.slice(0, 10) },
    now: () => clock,
    config: { eusTargetDays: 20 },
  };
  const actors: Record<string, Actor> = {};
  for (const p of people) {
    if (!(await s.store.get('organisation', p.orgId)))
      await createOrganisation(
        s,
        SYSTEM,
        { name: p.orgName ?? p.orgId, type: p.orgType, ...(p.ercAgency ? { ercAgency: p.ercAgency } : {}) },
        p.orgId,
      );
    const email = `${p.key.replace(/[^a-z0-9]+/gi, '-')}@${p.orgId}.example`;
    const u = await addUser(s, SYSTEM, { name: p.key, email, orgId: p.orgId, role: p.role });
    actors[p.key] = await actorFor(s, u.id);
  }
  return { s, actors, at: (date) => (clock = `${date}T09:00:00.000Z`) };
}
