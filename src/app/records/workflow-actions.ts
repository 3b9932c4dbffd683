/** What the workflow use cases share: an action's date and audit note, and a stored pure transition. */
import type { RecordKind, RecordWriter, StoredRecord } from '../ports/record-store.js';
import { audit, eventDate, getVisible, type Actor, type CaseServices } from './context.js';

/** An action's date and the audit note that goes with it (eventDate: today, or back-dated with a reason). */
export type Dated = { on?: string; backdateReason?: string; text?: string };
export function dated<P extends Dated>(s: CaseServices, params: P) {
  const { backdateReason, ...rest } = params;
  const date = eventDate(s, params.on, backdateReason);
  const backdate = date.backdated
    ? `dated ${date.on}, recorded ${date.backdated.recordedOn}: ${date.backdated.reason}`
    : undefined;
  const note = [params.text, backdate].filter(Boolean).join(' — ') || undefined;
  return { params: { ...rest, on: date.on }, note };
}

/** Load a record the actor can see, apply a pure transition, and store it with its audit entry. */
export async function transition<T>(
  s: CaseServices,
  actor: Actor,
  kind: RecordKind,
  id: string,
  action: string,
  step: (
    record: StoredRecord<T>,
    tx: RecordWriter,
  ) =>
    | Promise<{ state: string; data: T; retainUntil?: string | null }>
    | { state: string; data: T; retainUntil?: string | null },
  reason?: string,
) {
  return s.store.transaction(async (tx) => {
    const record = await getVisible<T>(tx, actor, kind, id);
    const next = await step(record, tx);
    return tx.update(
      {
        ...record,
        state: next.state,
        data: next.data,
        retainUntil: next.retainUntil === undefined ? record.retainUntil : next.retainUntil,
      },
      record.version,
      audit(actor, `${kind}.${action}`, s.now(), reason),
    );
  });
}
