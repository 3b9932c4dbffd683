/**
 * A list of case records as a table (issue 15, item 6): search, a state filter with counts, an overdue filter,
 * sortable columns, the due date and overdue mark from the inbox (the server's clock), live refresh (polling
 * with backoff), and rows that open their details — and, where the desk may act, a decision form — at a URL of
 * their own (/desk/tab/record), so Back closes them and a bookmark opens them.
 */
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dueByRecord, refreshInbox, useInbox } from '../lib/inbox';
import { usePoll } from '../lib/poll';
import {
  filterRecords,
  queueViewParams,
  readQueueView,
  sortRecords,
  stateCounts,
  textOf,
  type QueueView,
} from '../lib/queue';
import { navigate, setQueryParams, useLocation, useRoute } from '../lib/route';
import type { Rec } from '../types';
import { DecisionForm, type ActionSpec } from './DecisionForm';
import { Attachments } from './Attachments';
import { Documents } from './Documents';
import { Empty } from './ui';

export interface Column<T> {
  header: string;
  cell: (r: Rec<T>) => ReactNode;
  /** what the column sorts by; columns without one are not sortable */
  sort?: (r: Rec<T>) => string | number;
}

let listSeq = 0;

export function CaseList<T>({
  caption,
  records,
  columns,
  details,
  actions,
  collection,
  onChanged,
  testId,
  extraDue,
  listKey,
}: {
  caption: string;
  records: readonly Rec<T>[];
  columns: readonly Column<T>[];
  details: (r: Rec<T>) => ReactNode;
  actions?: (r: Rec<T>) => ActionSpec[];
  collection: string;
  onChanged: () => void | Promise<unknown>;
  testId?: string;
  /** due dates the inbox does not carry (e.g. MOFCOM's deadline on the importer's requests), from the server */
  extraDue?: ReadonlyMap<string, { dueOn: string | null; overdue: boolean }>;
  /** the name of the list's view in the URL (default: the collection's) */
  listKey?: string;
}) {
  const { t } = useTranslation();
  const route = useRoute();
  const [uid] = useState(() => `list-${++listSeq}`);
  const [last, setLast] = useState<{
    id: string;
    action: string;
    result?: { id?: string; state?: string };
  } | null>(null);
  // the search, filters and sort live in the URL (replacing the entry: typing is not a step), so Back from a
  // record and a bookmark bring the same view back
  const key = listKey ?? collection.replace(/^\//, '');
  const { search } = useLocation();
  const view = useMemo(() => readQueueView(search, key), [search, key]);
  const { query, state, overdueOnly, dueBefore, sort } = view;
  const setView = (change: Partial<QueueView>) =>
    setQueryParams(queueViewParams(key, { ...view, ...change }));
  const setQuery = (v: string) => setView({ query: v });
  const setState = (v: string) => setView({ state: v });
  const setOverdueOnly = (v: boolean) => setView({ overdueOnly: v });
  const setSort = (v: QueueView['sort']) => setView({ sort: v });
  const inbox = useInbox();
  const due = useMemo(() => {
    const m = dueByRecord(inbox.data?.items ?? []);
    for (const [id, d] of extraDue ?? []) if (!m.has(id)) m.set(id, d);
    return m;
  }, [inbox.data, extraDue]);
  usePoll(
    () => Promise.all([onChanged(), refreshInbox()]),
    records.map((r) => `${r.id}:${r.version}`).join(','),
  );
  const counts = useMemo(() => stateCounts(records), [records]);
  const shown = useMemo(() => {
    const filtered = filterRecords(records, { query, state, overdueOnly, dueBefore, due });
    if (!sort) return filtered;
    const col = columns[sort.column];
    const key =
      sort.column === -1
        ? (r: Rec<T>) => due.get(r.id)?.dueOn ?? '9999-12-31'
        : (col?.sort ?? (col ? (r: Rec<T>) => textOf(col.cell(r)) : undefined));
    return key ? sortRecords(filtered, key, sort.dir) : filtered;
  }, [records, query, state, overdueOnly, dueBefore, due, sort, columns]);
  const anyDue = records.some((r) => due.has(r.id));
  const open = (id: string | null) => {
    if (route.desk && route.tab)
      navigate({ desk: route.desk, tab: route.tab, ...(id ? { record: id } : {}) });
  };
  const status = (
    <p role="status" className="ok-text" data-testid="last-action">
      {last ? t('decision.recorded', { action: t(`action.${last.action}`), id: last.id }) : ''}
      {last?.result?.state
        ? ` ${
            last.result.id && last.result.id !== last.id
              ? t('decision.outcomeNew', {
                  id: last.result.id,
                  state: t(`state.${last.result.state}`, { defaultValue: last.result.state }),
                })
              : t('decision.outcome', {
                  state: t(`state.${last.result.state}`, { defaultValue: last.result.state }),
                })
          }`
        : ''}
    </p>
  );
  if (!records.length)
    return (
      <>
        {status}
        <Empty>{t('common.none', { what: caption })}</Empty>
      </>
    );
  const sortButton = (column: number, label: string) => {
    const active = sort?.column === column;
    return (
      <button
        type="button"
        className="sort"
        onClick={() =>
          setSort(
            active && sort.dir === 'asc' ? { column, dir: 'desc' } : active ? null : { column, dir: 'asc' },
          )
        }
      >
        {label}
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    );
  };
  const ariaSort = (column: number) =>
    sort?.column === column ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const overdueCount = records.filter((r) => due.get(r.id)?.overdue).length;
  return (
    <>
      {status}
      <div className="list-tools" role="search" aria-label={t('records.tools', { what: caption })}>
        <label htmlFor={`${uid}-q`}>{t('records.search')}</label>
        <input
          id={`${uid}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="list-search"
        />
        <label htmlFor={`${uid}-state`}>{t('records.state')}</label>
        <select
          id={`${uid}-state`}
          value={state}
          onChange={(e) => setState(e.target.value)}
          data-testid="list-state"
        >
          <option value="">{t('records.allStates', { count: records.length })}</option>
          {counts.map(([st, n]) => (
            <option key={st} value={st}>
              {t(`state.${st}`, { defaultValue: st })} ({n})
            </option>
          ))}
        </select>
        {anyDue ? (
          <label className="check">
            <input
              type="checkbox"
              checked={overdueOnly}
              onChange={(e) => setOverdueOnly(e.target.checked)}
              data-testid="list-overdue"
            />{' '}
            {t('records.overdueOnly', { count: overdueCount })}
          </label>
        ) : null}
        {anyDue || dueBefore ? (
          <>
            <label htmlFor={`${uid}-due`}>{t('records.dueBefore')}</label>
            <input
              id={`${uid}-due`}
              type="date"
              value={dueBefore}
              onChange={(e) => setView({ dueBefore: e.target.value })}
              data-testid="list-due-before"
            />
          </>
        ) : null}
        <button type="button" onClick={() => void Promise.all([onChanged(), refreshInbox()])}>
          {t('records.refresh')}
        </button>
        <span className="muted small" data-testid="list-count">
          {t('records.shown', { shown: shown.length, total: records.length })}
        </span>
      </div>
      {!shown.length ? (
        <Empty>{t('records.noMatch')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="cases" data-testid={testId}>
            <caption>{caption}</caption>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={c.header} scope="col" aria-sort={ariaSort(i)}>
                    {sortButton(i, c.header)}
                  </th>
                ))}
                {anyDue ? (
                  <th scope="col" aria-sort={ariaSort(-1)}>
                    {sortButton(-1, t('records.due'))}
                  </th>
                ) : null}
                <th scope="col">
                  <span className="sr-only">{t('common.details')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const isOpen = route.record === r.id;
                const acts = actions?.(r) ?? [];
                const d = due.get(r.id);
                return (
                  <Fragment key={r.id}>
                    <tr
                      className={[isOpen ? 'open' : '', d?.overdue ? 'overdue' : ''].join(' ').trim()}
                      data-id={r.id}
                    >
                      {columns.map((c) => (
                        <td key={c.header}>{c.cell(r)}</td>
                      ))}
                      {anyDue ? (
                        <td>
                          {d?.dueOn ? <time dateTime={d.dueOn}>{d.dueOn}</time> : null}
                          {d?.overdue ? (
                            <strong className="overdue-label"> {t('inbox.overdue')}</strong>
                          ) : null}
                        </td>
                      ) : null}
                      <td>
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? `details-${r.id}` : undefined}
                          onClick={() => open(isOpen ? null : r.id)}
                        >
                          {acts.length ? t('common.openAct') : t('common.open')}
                          <span className="sr-only"> {r.id}</span>
                        </button>
                      </td>
                    </tr>
                    {isOpen ? (
                      <tr className="details-row">
                        <td colSpan={columns.length + (anyDue ? 2 : 1)} id={`details-${r.id}`}>
                          <div className="details-grid">
                            <div>
                              {details(r)}
                              <Documents collection={collection} record={r} />
                              <Attachments collection={collection} recordId={r.id} />
                            </div>
                            {acts.length ? (
                              <div>
                                <h3>{t('decision.title')}</h3>
                                <DecisionForm
                                  key={`${r.id}-${r.version}`}
                                  collection={collection}
                                  id={r.id}
                                  actions={acts}
                                  onDone={(action, result) => {
                                    setLast({ id: r.id, action, ...(result ? { result } : {}) });
                                    void onChanged();
                                    void refreshInbox();
                                  }}
                                />
                              </div>
                            ) : null}
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function Messages({ messages }: { messages: readonly { on: string; from: string; text: string }[] }) {
  const { t } = useTranslation();
  if (!messages.length) return null;
  return (
    <>
      <h3 className="sub">{t('case.messages')}</h3>
      <ul className="messages">
        {messages.map((m, i) => (
          <li key={i}>
            <span className="muted">
              {m.on} · {t(`role.${m.from}`, { defaultValue: m.from })}:
            </span>{' '}
            {m.text}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ClockEvents({ clock }: { clock: readonly { type: string; on: string; why?: string }[] }) {
  const { t } = useTranslation();
  if (!clock.length) return null;
  return (
    <>
      <h3 className="sub">{t('case.clockEvents')}</h3>
      <ol className="small">
        {clock.map((e, i) => (
          <li key={i}>
            {e.on}: {t(`clock.event.${e.type}`)}
            {e.why ? ` — ${e.why}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

export function DefList({ rows }: { rows: readonly [string, ReactNode][] }) {
  return (
    <dl className="deflist">
      {rows
        .filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
    </dl>
  );
}
