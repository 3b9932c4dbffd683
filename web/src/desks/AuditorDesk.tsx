/** The auditor's desk, read-only: the audit log's hash chain verified, the log itself, and case files. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { EusCases, LicenseCases, VeuCases } from '../components/Cases';
import { Empty, ErrorBox, Loading, StateBadge, useLoad } from '../components/ui';
import type {
  AuditEntry,
  AuditVerify,
  EusRequest,
  LicenseApplication,
  Rec,
  Transaction,
  VeuApplication,
} from '../types';
import { VeuEntries, VeuReportPanel } from '../components/VeuEntries';
import { DeskFrame, type DeskProps } from './DeskFrame';

function AuditPanel() {
  const { t } = useTranslation();
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState(1);
  const log = useLoad(() => get<AuditEntry[]>(`/audit/log?from=${from}&limit=50`), [from]);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await get<AuditVerify>('/audit/verify'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <section aria-labelledby="verify-h">
        <h2 id="verify-h">{t('audit.verifyTitle')}</h2>
        <p className="small">{t('audit.verifyIntro')}</p>
        <button type="button" className="primary" onClick={() => void verify()} disabled={busy}>
          {t('audit.verify')}
        </button>
        <ErrorBox error={error} />
        <div role="status" data-testid="verify-result">
          {result ? (
            result.ok ? (
              <p className="callout ok">
                <strong>{t('audit.ok')}</strong>{' '}
                {t('audit.okDetail', { count: result.count, head: result.head?.slice(0, 16) ?? '' })}
              </p>
            ) : (
              <p className="callout bad">
                <strong>{t('audit.broken')}</strong>{' '}
                {t('audit.brokenDetail', { seq: result.seq, problem: result.problem })}
              </p>
            )
          ) : null}
        </div>
      </section>
      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('audit.logTitle')}</h2>
        <ErrorBox error={log.error} />
        <Loading when={log.loading && !log.data} />
        {log.data ? (
          <>
            <table className="small">
              <caption>{t('audit.logCaption', { from, to: from + log.data.length - 1 })}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.record')}</th>
                  <th scope="col">{t('audit.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                    <td>{e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                      {e.reason ? <div className="muted">{e.reason}</div> : null}
                    </td>
                    <td>
                      <code>{e.recordId}</code>
                    </td>
                    <td>
                      <code>{e.hash.slice(0, 12)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="buttons">
              <button type="button" disabled={from <= 1} onClick={() => setFrom(Math.max(1, from - 50))}>
                {t('audit.previous')}
              </button>
              <button type="button" disabled={log.data.length < 50} onClick={() => setFrom(from + 50)}>
                {t('audit.next')}
              </button>
            </div>
          </>
        ) : null}
      </section>
    </>
  );
}

function CaseFiles() {
  const { t } = useTranslation();
  const txs = useLoad(() => get<Rec<Transaction>[]>('/transactions'));
  const [open, setOpen] = useState<{ id: string; html: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const show = async (id: string) => {
    try {
      setError(null);
      setOpen({ id, html: await get<string>(`/transactions/${id}/case-file?format=html`) });
    } catch (err) {
      setError(err);
    }
  };
  const download = async (id: string) => {
    try {
      const json = await get<unknown>(`/transactions/${id}/case-file?format=json`);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `case-file-${id}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="cf-h">
      <h2 id="cf-h">{t('audit.caseFiles')}</h2>
      <ErrorBox error={txs.error ?? error} />
      <Loading when={txs.loading && !txs.data} />
      {txs.data && !txs.data.length ? <Empty>{t('common.none', { what: t('tx.title') })}</Empty> : null}
      {txs.data?.length ? (
        <table>
          <caption>{t('audit.caseFilesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tx.reference')}</th>
              <th scope="col">{t('case.id')}</th>
              <th scope="col">{t('tx.authorization')}</th>
              <th scope="col">{t('case.state')}</th>
              <th scope="col">{t('audit.caseFile')}</th>
            </tr>
          </thead>
          <tbody>
            {txs.data.map((r) => (
              <tr key={r.id}>
                <td>{r.data.reference}</td>
                <td>
                  <code>{r.id}</code>
                </td>
                <td>{t(`auth.${r.data.determination.result.authorization}`)}</td>
                <td>
                  <StateBadge state={r.state} />
                </td>
                <td className="buttons">
                  <button type="button" onClick={() => void show(r.id)}>
                    {t('audit.openCaseFile', { ref: r.data.reference })}
                  </button>
                  <button type="button" onClick={() => void download(r.id)}>
                    {t('audit.downloadJson')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? (
        <div className="casefile">
          <h3>{t('audit.caseFileOf', { id: open.id })}</h3>
          <iframe
            title={t('audit.caseFileOf', { id: open.id })}
            sandbox=""
            srcDoc={open.html}
            data-testid="case-file"
          />
        </div>
      ) : null}
    </section>
  );
}

function Records() {
  const { t } = useTranslation();
  const eus = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  const lic = useLoad(() => get<Rec<LicenseApplication>[]>('/license-applications'));
  const veu = useLoad(() => get<Rec<VeuApplication>[]>('/veu-applications'));
  const noop = () => undefined;
  return (
    <>
      <section aria-labelledby="eus-h">
        <h2 id="eus-h">{t('eus.title')}</h2>
        <ErrorBox error={eus.error} />
        {eus.data ? (
          <EusCases readOnly caption={t('eus.caption')} records={eus.data} role="auditor" onChanged={noop} />
        ) : null}
      </section>
      <section aria-labelledby="lic-h">
        <h2 id="lic-h">{t('license.title')}</h2>
        <ErrorBox error={lic.error} />
        {lic.data ? (
          <LicenseCases
            readOnly
            caption={t('license.caption')}
            records={lic.data}
            role="auditor"
            onChanged={noop}
          />
        ) : null}
      </section>
      <section aria-labelledby="veu-h">
        <h2 id="veu-h">{t('veu.title')}</h2>
        <ErrorBox error={veu.error} />
        {veu.data ? (
          <VeuCases readOnly caption={t('veu.caption')} records={veu.data} role="auditor" onChanged={noop} />
        ) : null}
        <VeuEntries role="auditor" readOnly />
        <VeuReportPanel />
      </section>
    </>
  );
}

export default function AuditorDesk(_: DeskProps) {
  const { t } = useTranslation();
  return (
    <DeskFrame
      title={t('desk.auditor')}
      intro={t('desk.auditorIntro')}
      screens={[
        { id: 'audit', label: t('tab.audit'), render: () => <AuditPanel /> },
        { id: 'casefiles', label: t('tab.caseFiles'), render: () => <CaseFiles /> },
        { id: 'records', label: t('tab.records'), render: () => <Records /> },
      ]}
    />
  );
}
