/**
 * Appeals from an administrative action (15 CFR part 756), one shape for every action appealed (a final
 * denial of a license application, a suspension or revocation of a license): filed within the period after
 * the written notice with a full written statement (§756.2(c)), decided by the Under Secretary in writing with
 * reasons (§756.2(d)); the action stands meanwhile (§756.2(e)).
 */
import { HttError } from '../errors.js';
import { deadlineError, need } from './machine.js';

export interface Appeal {
  filedOn: string;
  statement: string;
  hearingRequested?: boolean;
  decision?: { on: string; outcome: 'upheld' | 'reversed'; reasons: string };
}

/** File an appeal of the action noticed on `noticeOn`, no later than `appealBy` (§756.2(c)(1)). */
export function fileAppeal(
  pending: Appeal | undefined,
  p: { on: string; text?: string; hearingRequested?: boolean },
  window: { noticeOn: string; appealBy: string },
): Appeal {
  if (pending && !pending.decision)
    throw new HttError({ code: 'CASE.CONFLICT', message: `an appeal was filed on ${pending.filedOn}` });
  if (p.on > window.appealBy)
    throw deadlineError(
      `an appeal had to be received by ${window.appealBy}, after the notice of ${window.noticeOn} (§756.2(c)(1))`,
    );
  return {
    filedOn: p.on,
    statement: need(p.text, 'text (the full written statement, §756.2(c)(2))', 'appeal'),
    ...(p.hearingRequested ? { hearingRequested: true } : {}),
  };
}

/** The Under Secretary's written decision on a pending appeal (§756.2(d)). */
export function decideAppeal(
  pending: Appeal | undefined,
  action: 'uphold' | 'reverse',
  p: { on: string; text?: string },
): Appeal {
  if (!pending || pending.decision)
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: 'there is no pending appeal to decide' });
  return {
    ...pending,
    decision: {
      on: p.on,
      outcome: action === 'uphold' ? 'upheld' : 'reversed',
      reasons: need(p.text, 'text (the reasons, §756.2(d)(1))', action),
    },
  };
}
