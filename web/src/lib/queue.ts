/** Searching, filtering, sorting and counting a list of case records (pure; the queue table uses them). */
import type { Rec } from '../types';

export interface SortKey {
  /** a column's index, or -1 for the due date */
  column: number;
  dir: 'asc' | 'desc';
}

/** Lower case, accents dropped, so "munchen" finds "München" and case does not matter. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every text of a record, for search: its id, state and every string or number in its data. */
export function searchText(r: Rec<unknown>): string {
  const out: string[] = [r.id, r.state];
  const walk = (v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(r.data);
  return fold(out.join(' \u0000 '));
}

export function filterRecords<R extends Rec<unknown>>(
  records: readonly R[],
  f: {
    query: string;
    state: string;
    overdueOnly: boolean;
    /** only records due on or before this date (the server's due dates; records without one are left out) */
    dueBefore?: string;
    due: ReadonlyMap<string, { overdue: boolean; dueOn?: string | null }>;
  },
): R[] {
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  return records.filter((r) => {
    if (f.state && r.state !== f.state) return false;
    if (f.overdueOnly && !f.due.get(r.id)?.overdue) return false;
    if (f.dueBefore) {
      const dueOn = f.due.get(r.id)?.dueOn;
      if (!dueOn || dueOn > f.dueBefore) return false;
    }
    if (!words.length) return true;
    const text = searchText(r);
    return words.every((w) => text.includes(w));
  });
}

/** A stable sort by one key (numbers as numbers, text in the reader's collation). */
export function sortRecords<R>(rows: readonly R[], key: (r: R) => string | number, dir: 'asc' | 'desc'): R[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, k: key(row) }))
    .sort((a, b) => {
      const c =
        typeof a.k === 'number' && typeof b.k === 'number'
          ? a.k - b.k
          : collator.compare(String(a.k), String(b.k));
      return c * sign || a.i - b.i;
    })
    .map((x) => x.row);
}

/** How many records are in each state, most first. */
export function stateCounts(records: readonly Rec<unknown>[]): [string, number][] {
  const m = new Map<string, number>();
  for (const r of records) m.set(r.state, (m.get(r.state) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The text a table cell shows, for sorting by a column that declares no key of its own. */
export function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (typeof node === 'object' && 'props' in node) {
    const props = (node as { props: Record<string, unknown> }).props;
    if (props.children !== undefined) return textOf(props.children);
    return Object.values(props)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .join(' ');
  }
  return '';
}

/** A queue's search, filters and sort as they are kept in the URL, so Back and bookmarks restore them. */
export interface QueueView {
  query: string;
  state: string;
  overdueOnly: boolean;
  dueBefore: string;
  sort: SortKey | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The view of the queue named `list` from a URL's query: `{list}.q`, `{list}.state`, `{list}.overdue=1`,
 * `{list}.due` (a date), `{list}.sort` (`2` or `2-desc`; `due` for the due date). Several queues on one
 * screen each keep their own; anything malformed is ignored.
 */
export function readQueueView(search: string, list: string): QueueView {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(`${list}.${k}`) ?? '';
  const sortText = /^(due|\d{1,2})(-desc)?$/.exec(get('sort'));
  const due = get('due');
  return {
    query: get('q'),
    state: /^[a-z_]{1,50}$/.test(get('state')) ? get('state') : '',
    overdueOnly: get('overdue') === '1',
    dueBefore: ISO_DATE.test(due) ? due : '',
    sort: sortText
      ? { column: sortText[1] === 'due' ? -1 : Number(sortText[1]), dir: sortText[2] ? 'desc' : 'asc' }
      : null,
  };
}

/** The query parameters of a queue's view (empty values remove theirs), for `setQueryParams`. */
export function queueViewParams(list: string, v: QueueView): Record<string, string | undefined> {
  const sort = v.sort
    ? `${v.sort.column === -1 ? 'due' : v.sort.column}${v.sort.dir === 'desc' ? '-desc' : ''}`
    : '';
  return {
    [`${list}.q`]: v.query || undefined,
    [`${list}.state`]: v.state || undefined,
    [`${list}.overdue`]: v.overdueOnly ? '1' : undefined,
    [`${list}.due`]: v.dueBefore || undefined,
    [`${list}.sort`]: sort || undefined,
  };
}
