/**
 * Sanity limits of a list update (issue 14): what a new snapshot may lose against the current one, per source
 * list, before it is refused (unless forced with a reason). The limits are data (data/lists/update-limits.yaml,
 * read by the lists adapter); this is the pure comparison.
 */
import type { ListCode } from './types.js';

export interface ListLimit {
  /** The largest share (0-1) of a list's entries a new snapshot may drop. */
  maxDropShare: number;
  /** Drops of fewer entries than this always pass (small lists may lose one or two). */
  minDrop: number;
}

export interface UpdateLimits {
  /** Refuse a snapshot in which a source list that has entries now has none. */
  refuseDroppedList: boolean;
  default: ListLimit;
  /** By source name or list code; a missing field falls back to `default`'s. */
  lists: Record<string, Partial<ListLimit>>;
}

/** Entries per source list of a snapshot: source name -> list code and count. */
export type ListCounts = Record<string, { list: ListCode; count: number }>;

export function countLists(entities: readonly { list: ListCode; source: string }[]): ListCounts {
  const counts: ListCounts = {};
  for (const e of entities) (counts[e.source] ??= { list: e.list, count: 0 }).count++;
  return counts;
}

export function limitFor(limits: UpdateLimits, source: string, list: ListCode): ListLimit {
  return { ...limits.default, ...limits.lists[list], ...limits.lists[source] };
}

/** What a new snapshot loses beyond the limits, one sentence per source list (empty: it may replace it). */
export function updateProblems(current: ListCounts, next: ListCounts, limits: UpdateLimits): string[] {
  const problems: string[] = [];
  for (const [source, { list, count }] of Object.entries(current)) {
    if (count === 0) continue;
    const now = next[source]?.count ?? 0;
    if (now === 0) {
      if (limits.refuseDroppedList)
        problems.push(`${source} is missing from the new files (it has ${count} entries now)`);
      continue;
    }
    const dropped = count - now;
    const limit = limitFor(limits, source, list);
    if (dropped >= limit.minDrop && dropped / count > limit.maxDropShare)
      problems.push(
        `${source} would lose ${dropped} of its ${count} entries (${Math.round((dropped / count) * 100)}%; at most ${Math.round(limit.maxDropShare * 100)}% allowed)`,
      );
  }
  return problems;
}
