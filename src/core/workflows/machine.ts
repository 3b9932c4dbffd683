/**
 * Table-driven state machines: each workflow lists its transitions (from states, action, to state, roles
 * allowed). Tests walk the whole table: every allowed transition succeeds, every other (state, action, role)
 * is refused with a stable code.
 */
import { HttError } from '../errors.js';
import type { Role } from './roles.js';

export interface Transition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
  roles: readonly Role[];
  /** What the action means, for the audit log and the docs. */
  describe: string;
}

export interface Machine<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  actions: readonly A[];
  transitions: readonly Transition<S, A>[];
}

/** The state an action leads to, or a CASE.INVALID_TRANSITION / CASE.FORBIDDEN error. */
export function nextState<S extends string, A extends string>(
  machine: Machine<S, A>,
  from: S,
  action: A,
  role: Role,
): S {
  const candidates = machine.transitions.filter((t) => t.action === action && t.from.includes(from));
  if (!candidates.length) {
    const allowedFrom = machine.transitions.filter((t) => t.action === action).flatMap((t) => t.from);
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `${machine.name}: "${action}" is not allowed in state "${from}"${allowedFrom.length ? ` (only in ${[...new Set(allowedFrom)].join(', ')})` : ''}`,
    });
  }
  const permitted = candidates.find((t) => t.roles.includes(role));
  if (!permitted) {
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: `${machine.name}: a ${role} may not "${action}" (allowed: ${[...new Set(candidates.flatMap((t) => t.roles))].join(', ')})`,
    });
  }
  return permitted.to;
}

export function assertState<S extends string>(
  name: string,
  state: S,
  allowed: readonly S[],
  action: string,
): void {
  if (!allowed.includes(state)) {
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `${name}: "${action}" is not allowed in state "${state}"`,
    });
  }
}

/** A text an action needs (a reason, a number): trimmed, or INPUT.INVALID naming the field. */
export function need(value: string | undefined, field: string, action: string): string {
  if (!value?.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: `${action} needs ${field}`, field });
  return value.trim();
}

/** CASE.DEADLINE: a time limit of the regulation does not allow the action on this date. */
export const deadlineError = (message: string): HttError => new HttError({ code: 'CASE.DEADLINE', message });
