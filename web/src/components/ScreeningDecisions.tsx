/**
 * The organisation's screening decisions (docs/SCREENING.md, "Decisions the organisation remembers"): who
 * confirmed or cleared which name against which listed entry, and why; a pending clearance (four eyes) is
 * approved here by another officer, and any decision can be revoked with a reason.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import type { Rec, ScreeningDecision } from '../types';
import { Empty, ErrorBox, Loading, StateBadge, useLoad } from './ui';

function DecisionRow({ r, onChanged }: { r: Rec<ScreeningDecision>; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const act = async (path: string, body: unknown) => {
    try {
      setError(null);
      await post(path, body);
      setReason('');
      await onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const d = r.data;
  return (
    <tr>
      <td>{t(`decisions.kind.${d.kind}`)}</td>
      <td>{d.name}</td>
      <td>
        {d.entry.name} <span className="muted small">[{d.entry.id}]</span>
      </td>
      <td>
        {d.reason}
        <div className="muted small">
          {t('decisions.by', { name: d.decidedBy.name, on: d.decidedOn.slice(0, 10) })}
          {d.approvedBy
            ? ` · ${t('decisions.approvedBy', { name: d.approvedBy.name, on: d.approvedBy.on.slice(0, 10) })}`
            : ''}
          {d.revoked
            ? ` · ${t('decisions.revokedBy', { name: d.revoked.name, reason: d.revoked.reason })}`
            : ''}
        </div>
      </td>
      <td>
        <StateBadge state={r.state} />
      </td>
      <td>
        {r.state === 'pending' ? (
          <button
            type="button"
            onClick={() => void act(`/screening-decisions/${encodeURIComponent(r.id)}/approve`, {})}
          >
            {t('decisions.approve')}
          </button>
        ) : null}
        {r.state !== 'revoked' ? (
          <span className="row">
            <input
              aria-label={t('decisions.revokeReason', { name: d.name })}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              type="button"
              disabled={!reason.trim()}
              onClick={() => void act(`/screening-decisions/${encodeURIComponent(r.id)}/revoke`, { reason })}
            >
              {t('decisions.revoke')}
            </button>
          </span>
        ) : null}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}

export function ScreeningDecisions({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const list = useLoad(() => get<Rec<ScreeningDecision>[]>('/screening-decisions'));
  const changed = async () => {
    await list.reload();
    onChanged?.();
  };
  return (
    <section aria-labelledby="decisions-h">
      <h2 id="decisions-h">{t('decisions.title')}</h2>
      <p className="muted small">{t('decisions.intro')}</p>
      <ErrorBox error={list.error} />
      <Loading when={list.loading && !list.data} />
      {list.data && !list.data.length ? (
        <Empty>{t('common.none', { what: t('decisions.title') })}</Empty>
      ) : null}
      {list.data?.length ? (
        <table className="cases" data-testid="screening-decisions">
          <caption>{t('decisions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decisions.kindHeader')}</th>
              <th scope="col">{t('decisions.name')}</th>
              <th scope="col">{t('decisions.entry')}</th>
              <th scope="col">{t('decisions.reason')}</th>
              <th scope="col">{t('case.state')}</th>
              <th scope="col">
                <span className="sr-only">{t('common.details')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <DecisionRow key={r.id} r={r} onChanged={changed} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
