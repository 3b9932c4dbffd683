/** A list of case records as a table; each row opens its details and, where the desk may act, a decision form. */
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rec } from '../types';
import { DecisionForm, type ActionSpec } from './DecisionForm';
import { Empty } from './ui';

export interface Column<T> {
  header: string;
  cell: (r: Rec<T>) => ReactNode;
}

export function CaseList<T>({
  caption,
  records,
  columns,
  details,
  actions,
  collection,
  onChanged,
  testId,
}: {
  caption: string;
  records: readonly Rec<T>[];
  columns: readonly Column<T>[];
  details: (r: Rec<T>) => ReactNode;
  actions?: (r: Rec<T>) => ActionSpec[];
  collection: string;
  onChanged: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [last, setLast] = useState<{ id: string; action: string } | null>(null);
  const status = (
    <p role="status" className="ok-text" data-testid="last-action">
      {last ? t('decision.recorded', { action: t(`action.${last.action}`), id: last.id }) : ''}
    </p>
  );
  if (!records.length)
    return (
      <>
        {status}
        <Empty>{t('common.none', { what: caption })}</Empty>
      </>
    );
  return (
    <>
      {status}
      <table className="cases" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">{t('common.details')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const isOpen = open === r.id;
            const acts = actions?.(r) ?? [];
            return (
              <Fragment key={r.id}>
                <tr className={isOpen ? 'open' : ''} data-id={r.id}>
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(r)}</td>
                  ))}
                  <td>
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      aria-controls={`details-${r.id}`}
                      onClick={() => setOpen(isOpen ? null : r.id)}
                    >
                      {acts.length ? t('common.openAct') : t('common.open')}
                      <span className="sr-only"> {r.id}</span>
                    </button>
                  </td>
                </tr>
                {isOpen ? (
                  <tr className="details-row">
                    <td colSpan={columns.length + 1} id={`details-${r.id}`}>
                      <div className="details-grid">
                        <div>{details(r)}</div>
                        {acts.length ? (
                          <div>
                            <h3>{t('decision.title')}</h3>
                            <DecisionForm
                              key={`${r.id}-${r.version}`}
                              collection={collection}
                              id={r.id}
                              actions={acts}
                              onDone={(action) => {
                                setLast({ id: r.id, action });
                                onChanged();
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
