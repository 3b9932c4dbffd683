/**
 * The inbox (GET /inbox), loaded once for the whole desk: the Inbox panel lists it and the queues take their
 * due dates and overdue marks from it — the server's clock, not a second one in the browser.
 */
import { useSyncExternalStore } from 'react';
import { get, onSession } from '../api';
import type { ServerMessage } from './say';

export interface InboxItem {
  kind: string;
  id: string;
  /** in English; `message` is the same from the record catalogue, rendered in the reader's language */
  what: string;
  message?: ServerMessage;
  citation: string | null;
  dueOn: string | null;
  overdue: boolean;
}

export interface InboxState {
  data: { asOf: string; items: InboxItem[] } | null;
  error: unknown;
}

let state: InboxState = { data: null, error: null };
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

// another user's inbox is not this one's
onSession(() => {
  state = { data: null, error: null };
  emit();
});

export function refreshInbox(): Promise<void> {
  inflight ??= get<{ asOf: string; items: InboxItem[] }>('/inbox')
    .then(
      (data) => {
        state = { data, error: null };
      },
      (error: unknown) => {
        state = { ...state, error };
      },
    )
    .finally(() => {
      inflight = null;
      emit();
    });
  return inflight;
}

export function useInbox(): InboxState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      if (!state.data && !inflight) void refreshInbox();
      return () => listeners.delete(l);
    },
    () => state,
    () => state,
  );
}

/** The earliest due date and the overdue mark of each record the inbox names. */
export function dueByRecord(
  items: readonly InboxItem[],
): Map<string, { dueOn: string | null; overdue: boolean }> {
  const m = new Map<string, { dueOn: string | null; overdue: boolean }>();
  for (const i of items) {
    const had = m.get(i.id);
    if (!had) m.set(i.id, { dueOn: i.dueOn, overdue: i.overdue });
    else
      m.set(i.id, {
        dueOn: had.dueOn && i.dueOn ? (had.dueOn < i.dueOn ? had.dueOn : i.dueOn) : (had.dueOn ?? i.dueOn),
        overdue: had.overdue || i.overdue,
      });
  }
  return m;
}
