/**
 * VEU entries after approval (15 CFR 748.15): the list every desk that may read them shows, with what each
 * role may do to an active entry (lib/veu-entry.ts) — the exporter's amendment and §748.15(e) certification,
 * the ERC members' revocation vote — and the annual VEU report (§748.15(f)(1)) for the roles that may read it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { revocationTally, veuEntryActions } from '../lib/veu-entry';
import type { Rec, VeuEntry } from '../types';
import { CaseList, DefList } from './CaseList';
import { ErrorBox, Loading, StateBadge, money, useLoad } from './ui';

export function VeuEntries({
  role,
  readOnly,
  onAmended,
}: {
  role: string;
  readOnly?: boolean;
  /** an amendment is filed as a new VEU application: the list of applications reloads */
  onAmended?: () => void;
}) {
  const { t } = useTranslation();
  const entries = useLoad(() => get<Rec<VeuEntry>[]>('/veu-entries'));
  return (
    <section aria-labelledby="veu-entries-h">
      <h3 id="veu-entries-h">{t('veu.entries')}</h3>
      <ErrorBox error={entries.error} />
      {entries.data ? (
        <CaseList
          caption={t('veu.entriesCaption')}
          testId="veu-entry-list"
          records={entries.data}
          collection="/veu-entries"
          onChanged={async () => {
            await entries.reload();
            onAmended?.();
          }}
          columns={[
            { header: t('case.id'), cell: (r) => <code>{r.id}</code> },
            {
              header: t('veu.candidate'),
              cell: (r) => <span lang="en">{r.data.entry.validatedEndUser}</span>,
            },
            { header: t('veu.items'), cell: (r) => r.data.entry.eligibleItems.join(', ') },
            { header: t('veu.effective'), cell: (r) => r.data.entry.effective.from },
            { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
            {
              header: t('veu.certified'),
              cell: (r) => (r.data.certifications.length ? t('common.yes') : t('common.no')),
            },
            {
              header: t('veuEntry.revocationVotes'),
              cell: (r) => {
                const n = revocationTally(r.data.revocationVotes ?? []);
                return t('veuEntry.tally', { revoke: n.revoke, keep: n.keep, needed: n.needed });
              },
            },
          ]}
          actions={readOnly ? undefined : (r) => veuEntryActions(r.state, role, r.data)}
          details={(r) => (
            <>
              <DefList
                rows={[
                  [
                    t('veu.facilities'),
                    <ul key="f" lang="en">
                      {r.data.entry.eligibleDestinations.map((d) => (
                        <li key={d}>{d}</li>
                      ))}
                    </ul>,
                  ],
                  [t('veuEntry.effectiveTo'), r.data.entry.effective.to ?? undefined],
                  [
                    t('veuEntry.citation'),
                    r.data.entry.citation ? <span lang="en">{r.data.entry.citation}</span> : undefined,
                  ],
                  [
                    t('veu.certifications'),
                    r.data.certifications.length ? (
                      <ul key="c">
                        {r.data.certifications.map((c, i) => (
                          <li key={i}>
                            <time dateTime={c.on}>{c.on}</time>: {c.text}
                          </li>
                        ))}
                      </ul>
                    ) : undefined,
                  ],
                  [
                    t('veuEntry.revocationVotes'),
                    r.data.revocationVotes?.length ? (
                      <ul key="v">
                        {r.data.revocationVotes.map((v) => (
                          <li key={v.agency}>
                            <span lang="en">{v.agency}</span>: {t(`revocationVote.${v.vote}`)} ·{' '}
                            <time dateTime={v.on}>{v.on}</time>
                            {v.reason ? ` — ${v.reason}` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : undefined,
                  ],
                ]}
              />
              {r.state === 'active' && role === 'erc_member' ? (
                <p className="small muted">{t('veuEntry.revocationHint')}</p>
              ) : null}
            </>
          )}
        />
      ) : (
        <Loading when={entries.loading} />
      )}
    </section>
  );
}

interface VeuReport {
  year: number;
  dueOn: string;
  citation: string;
  shipments: number;
  rows: { validatedEndUser: string; facility: string; eccn: string; quantity: number; valueUsd: number }[];
}

/** The annual VEU report of a year (`GET /veu-reports/{year}`), due February 15 of the next. */
export function VeuReportPanel() {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear - 1));
  const [problem, setProblem] = useState(false);
  const [report, setReport] = useState<VeuReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const show = async (e: FormEvent) => {
    e.preventDefault();
    const y = Number(year);
    if (!/^\d{4}$/.test(year) || y < 2007 || y > thisYear) return setProblem(true);
    setBusy(true);
    setError(null);
    try {
      setReport(await get<VeuReport>(`/veu-reports/${y}`));
    } catch (err) {
      setError(err);
      setReport(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={`${uid}-h`} data-testid="veu-report">
      <h3 id={`${uid}-h`}>{t('veuReport.title')}</h3>
      <form onSubmit={(e) => void show(e)} className="row" noValidate aria-label={t('veuReport.title')}>
        <div className="field">
          <label htmlFor={`${uid}-year`}>{t('veuReport.year')}</label>
          <input
            id={`${uid}-year`}
            inputMode="numeric"
            value={year}
            aria-invalid={problem || undefined}
            aria-describedby={problem ? `${uid}-year-err` : undefined}
            onChange={(e) => {
              setYear(e.target.value.trim());
              setProblem(false);
            }}
          />
          {problem ? (
            <p id={`${uid}-year-err`} className="error small">
              {t('veuReport.err.year', { from: 2007, to: thisYear })}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={busy}>
          {t('veuReport.show')}
        </button>
      </form>
      <ErrorBox error={error} />
      {report ? (
        <div role="status">
          <p>
            {t('veuReport.summary', { year: report.year, shipments: report.shipments })} {t('veuReport.due')}{' '}
            <time dateTime={report.dueOn}>{report.dueOn}</time> (<span lang="en">{report.citation}</span>)
          </p>
          {report.rows.length ? (
            <div className="table-scroll">
              <table className="cases">
                <caption>{t('veuReport.caption', { year: report.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('veu.candidate')}</th>
                    <th scope="col">{t('veu.facilityName')}</th>
                    <th scope="col">{t('check.eccn')}</th>
                    <th scope="col">{t('check.quantity')}</th>
                    <th scope="col">{t('check.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr key={`${row.validatedEndUser}|${row.facility}|${row.eccn}`}>
                      <td lang="en">{row.validatedEndUser}</td>
                      <td lang="en">{row.facility}</td>
                      <td>
                        <code>{row.eccn}</code>
                      </td>
                      <td>{row.quantity}</td>
                      <td>{money(row.valueUsd, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('veuReport.none')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
