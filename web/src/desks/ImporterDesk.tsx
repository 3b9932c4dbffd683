/** The Chinese importer's desk: End-User Statement requests to MOFCOM, and answers to its questions. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { EusCases } from '../components/Cases';
import { ErrorBox, Field, Loading, useLoad } from '../components/ui';
import type { EusRequest, Rec } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';

function NewRequest({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const orgs = useLoad(() => get<Rec<{ name: string; type: string }>[]>('/organisations'));
  const exporters = (orgs.data ?? []).filter((o) => o.data.type === 'exporter');
  const [f, setF] = useState({
    exporterOrgId: '',
    importerName: '',
    endUser: '',
    address: '',
    endUse: '',
    eccn: '',
    description: '',
    quantity: '1',
    valueUsd: '',
  });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((o) => ({ ...o, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const exporter = exporters.find((x) => x.id === f.exporterOrgId);
    try {
      setError(null);
      const r = await post<{ id: string }>('/eus-requests', {
        exporterOrgId: f.exporterOrgId,
        exporterName: exporter?.data.name ?? '',
        importerName: f.importerName,
        endUser: { name: f.endUser, ...(f.address ? { address: f.address } : {}) },
        endUse: f.endUse,
        items: [
          {
            description: f.description,
            ...(f.eccn ? { eccn: f.eccn } : {}),
            quantity: Number(f.quantity),
            valueUsd: Number(f.valueUsd || 0),
          },
        ],
      });
      setDone(r.id);
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="new-request">
      <summary>{t('eus.new')}</summary>
      <form onSubmit={(e) => void submit(e)} aria-label={t('eus.new')}>
        <Field label={t('eus.exporter')}>
          {(id) => (
            <select id={id} required value={f.exporterOrgId} onChange={set('exporterOrgId')}>
              <option value="">{t('common.choose')}</option>
              {exporters.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.data.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('eus.importer')}>
          {(id) => <input id={id} required value={f.importerName} onChange={set('importerName')} />}
        </Field>
        <Field label={t('eus.endUser')}>
          {(id) => <input id={id} required value={f.endUser} onChange={set('endUser')} />}
        </Field>
        <Field label={t('check.address')}>
          {(id) => <input id={id} value={f.address} onChange={set('address')} />}
        </Field>
        <Field label={t('eus.endUse')}>
          {(id) => <input id={id} required value={f.endUse} onChange={set('endUse')} />}
        </Field>
        <div className="row">
          <Field label={t('check.eccn')}>
            {(id) => <input id={id} value={f.eccn} onChange={set('eccn')} />}
          </Field>
          <Field label={t('check.description')} className="grow">
            {(id) => <input id={id} required value={f.description} onChange={set('description')} />}
          </Field>
          <Field label={t('check.quantity')}>
            {(id) => <input id={id} className="num" required value={f.quantity} onChange={set('quantity')} />}
          </Field>
          <Field label={t('check.value')}>
            {(id) => <input id={id} className="num" value={f.valueUsd} onChange={set('valueUsd')} />}
          </Field>
        </div>
        <button type="submit" className="primary">
          {t('eus.create')}
        </button>
        <ErrorBox error={error} />
        <p role="status" className="ok-text">
          {done ? t('eus.created', { id: done }) : ''}
        </p>
      </form>
    </details>
  );
}

export default function ImporterDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  const eus = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  return (
    <DeskFrame
      title={t('desk.importer')}
      intro={t('desk.importerIntro')}
      screens={[
        {
          id: 'eus',
          label: t('eus.title'),
          render: () => (
            <section aria-labelledby="eus-h">
              <h2 id="eus-h">{t('eus.title')}</h2>
              <NewRequest onCreated={() => void eus.reload()} />
              <ErrorBox error={eus.error} />
              {eus.data ? (
                <EusCases
                  caption={t('eus.caption')}
                  records={eus.data}
                  role={user.role}
                  onChanged={() => void eus.reload()}
                />
              ) : (
                <Loading when={eus.loading} />
              )}
            </section>
          ),
        },
      ]}
    />
  );
}
