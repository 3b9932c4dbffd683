/**
 * Every allowed and every forbidden transition of every state machine: each (state, action, role) either
 * is in the table and leads to its state, or is refused with CASE.INVALID_TRANSITION (not from this state)
 * or CASE.FORBIDDEN (this role may not).
 */
import { describe, expect, it } from 'vitest';
import { HttError } from '../errors.js';
import { eusMachine } from './end-user-statement.js';
import { licenseMachine } from './license-application.js';
import { issuedLicenseMachine } from './license.js';
import { nextState, type Machine } from './machine.js';
import { roles } from './roles.js';
import { transactionMachine } from './transaction.js';
import { veuAppMachine } from './veu.js';

const machines = [
  eusMachine,
  licenseMachine,
  issuedLicenseMachine,
  veuAppMachine,
  transactionMachine,
] as unknown as Machine<string, string>[];

describe.each(machines.map((m) => [m.name, m] as const))('%s state machine', (_name, machine) => {
  it('names only its own states in its table', () => {
    for (const t of machine.transitions) {
      expect(machine.states).toContain(t.to);
      for (const s of t.from) expect(machine.states).toContain(s);
      expect(machine.actions).toContain(t.action);
    }
  });
  it('every state is reachable from the first state', () => {
    const reached = new Set([machine.states[0]]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of machine.transitions) {
        if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...machine.states].sort());
  });
  const cases: [string, string, string, string | 'INVALID' | 'FORBIDDEN'][] = [];
  for (const state of machine.states) {
    for (const action of machine.actions) {
      for (const role of roles) {
        const fromHere = machine.transitions.filter((t) => t.action === action && t.from.includes(state));
        const allowed = fromHere.find((t) => t.roles.includes(role));
        cases.push([state, action, role, allowed ? allowed.to : fromHere.length ? 'FORBIDDEN' : 'INVALID']);
      }
    }
  }
  it(`decides all ${cases.length} (state, action, role) combinations`, () => {
    for (const [state, action, role, expected] of cases) {
      if (expected === 'INVALID' || expected === 'FORBIDDEN') {
        let code = '';
        try {
          nextState(machine, state, action, role as (typeof roles)[number]);
        } catch (e) {
          code = (e as HttError).code;
        }
        expect([state, action, role, code]).toEqual([
          state,
          action,
          role,
          expected === 'INVALID' ? 'CASE.INVALID_TRANSITION' : 'CASE.FORBIDDEN',
        ]);
      } else {
        expect(nextState(machine, state, action, role as (typeof roles)[number])).toBe(expected);
      }
    }
  });
  it('lets no auditor change anything', () => {
    expect(machine.transitions.some((t) => t.roles.includes('auditor'))).toBe(false);
  });
});
