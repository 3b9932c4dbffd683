/** End-User Statement requests, license applications and VEU applications, as lists or as work queues. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import {
  dated,
  eusActions,
  ERC_TARGET_DAYS,
  issuedLicenseActions,
  LICENSE_TARGET_DAYS,
  licenseActions,
  veuActions,
} from '../lib/actions';
import { orderQueue, today } from '../lib/clock';
import type {
  ApplicationRecord,
  EusRequest,
  IssuedLicense,
  LicenseApplication,
  LicenseClock,
  Rec,
  VeuApplication,
} from '../types';
import { messageOf, render, type Message as EngineMessage } from '../../../src/core/messages/messages.js';
import { CaseList, ClockEvents, DefList, Messages } from './CaseList';
import { HitList } from './Hits';
import { say, sayLang } from '../lib/say';
import { EusRequestForm } from './TradeForms';
import { ClockCell, ErrorBox, Loading, money, StateBadge, useLoad } from './ui';

const DONE = new Set(['issued', 'refused', 'withdrawn', 'approved', 'published', 'denied', 'returned']);

interface Props<T> {
  records: readonly Rec<T>[];
  role: string;
  onChanged: () => void;
  caption: string;
  /** order as a work queue (least time left first) */
  queue?: boolean;
  readOnly?: boolean;
  myAgency?: string;
  /** The reviewing agencies BIS may refer to (the names of the agency organisations). */
  reviewingAgencies?: readonly string[];
}

function ordered<T extends { clock: Rec<EusRequest>['data']['clock'] }>(
  records: readonly Rec<T>[],
  queue: boolean | undefined,
  target: (r: Rec<T>) => number,
  doneFor: (r: Rec<T>) => boolean,
): Rec<T>[] {
  if (!queue) return [...records];
  return orderQueue(
    records,
    (r) => ({ clock: r.data.clock, target: target(r), waitingSince: r.updatedAt, done: doneFor(r) }),
    today(),
  );
}

/**
 * MOFCOM's due date of each pending request as the server derives it (`GET /eus-requests/{id}/review`), for
 * the desks whose inbox does not carry MOFCOM's deadline (the importer's): never a target set in the browser.
 */
function useEusDue(records: readonly Rec<EusRequest>[], wanted: boolean) {
  const pending = wanted
    ? records.filter((r) => r.state === 'submitted' || r.state === 'info_requested')
    : [];
  const key = pending.map((r) => `${r.id}:${r.version}`).join(',');
  const reviews = useLoad(
    () =>
      Promise.all(
        pending.map((r) =>
          get<{ id: string; dueOn: string | null; overdue: boolean }>(
            `/eus-requests/${encodeURIComponent(r.id)}/review`,
          ),
        ),
      ),
    [key],
  );
  return useMemo(
    () => new Map((reviews.data ?? []).map((x) => [x.id, { dueOn: x.dueOn ?? null, overdue: !!x.overdue }])),
    [reviews.data],
  );
}

export function EusCases({ records, role, onChanged, caption, queue, readOnly }: Props<EusRequest>) {
  const { t, i18n } = useTranslation();
  const asOf = today();
  const extraDue = useEusDue(records, role === 'importer_officer');
  const rows = ordered(
    records,
    queue,
    (r) => r.data.targetDays,
    (r) => DONE.has(r.state) || r.state === 'info_requested',
  );
  return (
    <CaseList
      caption={caption}
      testId="eus-list"
      records={rows}
      extraDue={extraDue}
      collection="/eus-requests"
      onChanged={onChanged}
      actions={readOnly ? undefined : (r) => dated(eusActions(r.state, role), r.data)}
      columns={[
        { header: t('case.id'), cell: (r) => <code>{r.id}</code> },
        { header: t('eus.endUser'), cell: (r) => r.data.endUser.name },
        { header: t('eus.importer'), cell: (r) => r.data.importerName },
        { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
        {
          header: t('case.clock'),
          cell: (r) => <ClockCell clock={r.data.clock} target={r.data.targetDays} asOf={asOf} />,
        },
      ]}
      details={(r) => (
        <>
          <DefList
            rows={[
              [t('eus.exporter'), r.data.exporterName],
              [t('eus.importer'), r.data.importerName],
              [t('eus.endUser'), [r.data.endUser.name, r.data.endUser.address].filter(Boolean).join(', ')],
              [t('eus.endUse'), r.data.endUse],
              [
                t('eus.contract'),
                [r.data.contract?.title, r.data.contract?.number].filter(Boolean).join(' · '),
              ],
              [t('eus.target'), t('clock.days', { count: r.data.targetDays })],
              [
                t('eus.language'),
                r.data.language
                  ? t(`eus.lang.${r.data.language}`, { defaultValue: r.data.language })
                  : undefined,
              ],
              [
                t('eus.signatory'),
                r.data.importerSignature
                  ? `${r.data.importerSignature.signatory}${r.data.importerSignature.title ? `, ${r.data.importerSignature.title}` : ''} · ${r.data.importerSignature.signedOn}`
                  : t('eus.notSigned'),
              ],
              [
                t('eus.translation'),
                r.data.englishTranslation ? (
                  <>
                    <span lang="en">{r.data.englishTranslation.text}</span> (
                    {r.data.englishTranslation.madeBy === 'translating_service'
                      ? t('eus.madeByService')
                      : t('eus.madeByApplicant')}
                    : <span lang="en">{r.data.englishTranslation.translator}</span>)
                  </>
                ) : undefined,
              ],
              [t('eus.statementNumber'), r.data.statementNumber],
              [t('eus.sealReference'), r.data.sealReference],
              [t('case.reason'), r.data.reason],
            ]}
          />
          <h3 className="sub">{t('case.items')}</h3>
          <ul>
            {r.data.items.map((it, i) => (
              <li key={i}>
                {it.eccn ? <code>{it.eccn}</code> : null} {it.description} × {it.quantity} (
                {money(it.valueUsd, i18n.language)})
              </li>
            ))}
          </ul>
          <Messages messages={r.data.messages} />
          <ClockEvents clock={r.data.clock} />
          {!readOnly &&
          role === 'importer_officer' &&
          (r.state === 'draft' || r.state === 'info_requested') ? (
            <EusRequestForm key={r.id} edit={{ id: r.id, data: r.data }} onCreated={() => onChanged()} />
          ) : null}
        </>
      )}
    />
  );
}

/**
 * What the reviewer decides on: the applicant, the determination frozen on the linked transaction with its
 * reasons (in the reader's language from their message keys), documents and each party's screening, and the
 * End-User Statements the application names.
 */
function ApplicationRecordView({ id, version }: { id: string; version: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language?.startsWith('zh') ? 'zh' : 'en';
  const say = (m: EngineMessage | undefined, english: string) => render(m ?? messageOf(english), lang);
  const rec = useLoad(() => get<ApplicationRecord>(`/license-applications/${id}/record`), [id, version]);
  if (rec.error) return <ErrorBox error={rec.error} />;
  if (!rec.data) return <Loading when={rec.loading} />;
  const { applicant, determination: d, statements } = rec.data;
  return (
    <div className="record" data-testid="application-record">
      <DefList
        rows={[
          [t('review.applicant'), <span lang="en">{applicant.name}</span>],
          [
            t('review.statements'),
            statements.length
              ? statements
                  .map((s) =>
                    s.statements.length
                      ? s.statements
                          .map(
                            (x) =>
                              `${s.number} · ${t(`state.${x.state}`, { defaultValue: x.state })}${x.issuedOn ? ` · ${x.issuedOn}` : ''} · ${x.endUser}`,
                          )
                          .join('; ')
                      : `${s.number} · ${t('review.statementUnknown')}`,
                  )
                  .join('; ')
              : t('review.noStatement'),
          ],
        ]}
      />
      {d ? (
        <>
          <h3 className="sub">{t('review.determination')}</h3>
          <p>
            <strong>{t(`auth.${d.result.authorization}`, { defaultValue: d.result.authorization })}</strong>{' '}
            <span className="small muted">
              {t('verdict.stamp', { asOf: d.result.asOf, ruleSet: d.result.ruleSet, lists: d.result.lists })}{' '}
              · {d.transactionReference}
            </span>
          </p>
          {d.result.reviewPolicy ? (
            <p className="small">
              {t('verdict.reviewPolicy')}: <span lang="en">{d.result.reviewPolicy}</span>
            </p>
          ) : null}
          <ul className="small">
            {d.result.reasons.map((r, i) => (
              <li key={i}>
                <code>{r.code}</code> {say(r.message, r.explanation)}{' '}
                <span className="citation" lang="en">
                  ({r.citation})
                </span>
              </li>
            ))}
          </ul>
          <h3 className="sub">{t('review.parties')}</h3>
          {d.input.parties.map((p, i) => {
            const sc = d.result.screening.find((x) => x.party === i);
            return (
              <div key={i} className="screening-party">
                <p>
                  {t(`partyRole.${p.role}`, { defaultValue: p.role })}: <span lang="en">{p.name}</span>
                  {p.country ? ` (${p.country})` : ''}
                </p>
                <HitList query={p.name} hits={sc?.hits ?? []} />
              </div>
            );
          })}
          {d.result.documents.length ? (
            <p className="small">
              {t('verdict.documents', { count: d.result.documents.length })}:{' '}
              {d.result.documents.map((x) => t(`doc.${x.type}`, { defaultValue: x.type })).join(', ')}
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted small">{t('review.noDetermination')}</p>
      )}
    </div>
  );
}

function LicenseClockView({ id, version }: { id: string; version: number }) {
  const { t, i18n } = useTranslation();
  const c = useLoad(() => get<LicenseClock>(`/license-applications/${id}/clock`), [id, version]);
  if (c.error) return <ErrorBox error={c.error} />;
  if (!c.data) return <Loading when={c.loading} />;
  return (
    <>
      <h3 className="sub">{t('license.deadlines')}</h3>
      <p className="small">
        {t('license.elapsed', { elapsed: c.data.elapsed, stopped: c.data.stoppedDays })}
      </p>
      {c.data.deadlines.length ? (
        <table className="small" data-testid="deadlines">
          <caption className="sr-only">{t('license.deadlines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('license.deadline')}</th>
              <th scope="col">{t('license.due')}</th>
              <th scope="col">{t('license.elapsedCol')}</th>
              <th scope="col">{t('license.met')}</th>
            </tr>
          </thead>
          <tbody>
            {c.data.deadlines.map((d) => (
              <tr key={d.what} className={d.overdue ? 'overdue' : ''}>
                <td data-testid="deadline-what">
                  {/* from the deadline's message key, in the reader's language; the citation stays English */}
                  <span lang={sayLang(d.message, i18n.language)}>
                    {say(d.message, i18n.language, d.what)}
                  </span>{' '}
                  <span className="citation" lang="en">
                    ({d.citation})
                  </span>
                </td>
                <td>
                  {/* the server's due date: a date, moving on while the clock is stopped */}
                  {d.dueOn ? <time dateTime={d.dueOn}>{d.dueOn}</time> : null}
                  {d.dueAfterDays !== undefined ? (
                    <span className="muted"> ({t('clock.days', { count: d.dueAfterDays })})</span>
                  ) : null}
                </td>
                <td>{d.elapsed !== undefined ? t('clock.days', { count: d.elapsed }) : ''}</td>
                <td>
                  {d.met === null
                    ? d.overdue
                      ? t('clock.overdue')
                      : t('license.open')
                    : d.met
                      ? t('common.yes')
                      : t('common.no')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="small muted">{t('clock.notStarted')}</p>
      )}
    </>
  );
}

export function LicenseCases({
  records,
  role,
  onChanged,
  caption,
  queue,
  readOnly,
  myAgency,
  reviewingAgencies,
}: Props<LicenseApplication>) {
  const { t, i18n } = useTranslation();
  const asOf = today();
  const rows = ordered(
    records,
    queue,
    (r) => (r.state === 'submitted' ? 9 : LICENSE_TARGET_DAYS),
    (r) => DONE.has(r.state) || r.state.endsWith('info_requested'),
  );
  return (
    <CaseList
      caption={caption}
      testId="license-list"
      records={rows}
      collection="/license-applications"
      onChanged={onChanged}
      actions={
        readOnly
          ? undefined
          : (r) => dated(licenseActions(r.state, role, r.data, myAgency, reviewingAgencies), r.data)
      }
      columns={[
        { header: t('case.id'), cell: (r) => <code>{r.id}</code> },
        { header: t('license.items'), cell: (r) => r.data.items.map((i) => i.eccn).join(', ') },
        {
          header: t('license.endUser'),
          cell: (r) => r.data.parties.find((p) => p.role === 'end_user')?.name ?? r.data.parties[0]?.name,
        },
        { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
        {
          header: t('case.clock'),
          cell: (r) =>
            r.state === 'submitted' ? (
              <span className="muted">
                {t('license.awaitingRegistration', { since: r.updatedAt.slice(0, 10) })}
              </span>
            ) : (
              <ClockCell clock={r.data.clock} target={LICENSE_TARGET_DAYS} asOf={asOf} />
            ),
        },
      ]}
      details={(r) => (
        <>
          <DefList
            rows={[
              [
                t('license.destination'),
                t(`country.${r.data.destination}`, { defaultValue: r.data.destination }),
              ],
              [t('eus.endUse'), r.data.endUse],
              [t('license.registeredOn'), r.data.registeredOn],
              [t('license.referredOn'), r.data.referredOn],
              [t('license.agencies'), r.data.agencies.join(', ')],
              [
                t('license.recommendations'),
                r.data.agencies.length
                  ? r.data.agencies
                      .map((a) => {
                        const rec = r.data.recommendations.find((x) => x.agency === a);
                        return `${a}: ${rec ? t(`vote.${rec.recommendation}`) : t('review.awaiting')}`;
                      })
                      .join('; ')
                  : undefined,
              ],
              [t('license.decidedOn'), r.data.decidedOn],
              [t('license.licenseNumber'), r.data.licenseNumber],
              [t('license.conditions'), r.data.conditions.join('; ')],
              [t('case.reason'), r.data.reason],
            ]}
          />
          <h3 className="sub">{t('case.items')}</h3>
          <ul>
            {r.data.items.map((it, i) => (
              <li key={i}>
                <code>{it.eccn}</code> {it.description} × {it.quantity} ({money(it.valueUsd, i18n.language)})
              </li>
            ))}
          </ul>
          {r.data.recommendations.length ? (
            <>
              <h3 className="sub">{t('license.recommendations')}</h3>
              <ul>
                {r.data.recommendations.map((rec) => (
                  <li key={rec.agency}>
                    <span lang="en">{rec.agency}</span>: {t(`vote.${rec.recommendation}`)} ({rec.on})
                    {rec.reasons ? ` — ${rec.reasons}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Messages messages={r.data.messages} />
          <ApplicationRecordView id={r.id} version={r.version} />
          <LicenseClockView id={r.id} version={r.version} />
        </>
      )}
    />
  );
}

/** The issued licenses the user can see, loaded when shown (a license issued a moment ago is there). */
export function IssuedLicensesSection({ role }: { role: string }) {
  const { t } = useTranslation();
  const issued = useLoad(() => get<Rec<IssuedLicense>[]>('/licenses'));
  return (
    <section aria-labelledby="issued-h">
      <h2 id="issued-h">{t('issued.title')}</h2>
      <ErrorBox error={issued.error} />
      {issued.data ? (
        <IssuedLicenses
          caption={t('issued.caption')}
          records={issued.data}
          role={role}
          onChanged={() => void issued.reload()}
        />
      ) : (
        <Loading when={issued.loading} />
      )}
    </section>
  );
}

/** Issued licenses (§§750.7, 750.8): validity, lines (revoked ones marked), history, and what the role may do. */
export function IssuedLicenses({
  records,
  role,
  onChanged,
  caption,
  readOnly,
}: Omit<Props<IssuedLicense>, 'queue' | 'myAgency' | 'reviewingAgencies'>) {
  const { t, i18n } = useTranslation();
  return (
    <CaseList
      caption={caption}
      testId="issued-license-list"
      records={records}
      collection="/licenses"
      onChanged={onChanged}
      actions={readOnly ? undefined : (r) => dated(issuedLicenseActions(r.state, role, r.data), r.data)}
      columns={[
        { header: t('license.licenseNumber'), cell: (r) => <code>{r.data.licenseNumber}</code> },
        { header: t('license.items'), cell: (r) => r.data.items.map((i) => i.eccn).join(', ') },
        { header: t('issued.validity'), cell: (r) => `${r.data.validFrom} – ${r.data.validUntil}` },
        { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
      ]}
      details={(r) => (
        <>
          <DefList
            rows={[
              [t('issued.application'), r.data.applicationId],
              [t('license.conditions'), r.data.conditions.join('; ')],
              [t('issued.replaces'), r.data.replaces],
              [t('issued.replacedBy'), r.data.replacedBy],
              [
                t('issued.extensionRequest'),
                r.data.extensionRequest
                  ? `${r.data.extensionRequest.on}: ${r.data.extensionRequest.justification}`
                  : undefined,
              ],
              [
                t('issued.appeal'),
                r.data.appeal
                  ? `${r.data.appeal.filedOn}: ${r.data.appeal.statement}${r.data.appeal.decision ? ` — ${r.data.appeal.decision.outcome} ${r.data.appeal.decision.on}` : ''}`
                  : undefined,
              ],
            ]}
          />
          {r.data.validity?.unconfirmed.length ? (
            <p className="muted" lang="en">
              {r.data.validity.citation}: {r.data.validity.unconfirmed.join('; ')}
            </p>
          ) : null}
          <h3 className="sub">{t('case.items')}</h3>
          <ul>
            {r.data.items.map((it, i) => {
              const revoked = r.data.revokedItems?.find((x) => x.item === i);
              return (
                <li key={i}>
                  <code>{it.eccn}</code> {it.description} × {it.quantity} ({money(it.valueUsd, i18n.language)}
                  )
                  {revoked ? (
                    <strong>
                      {' '}
                      {t('issued.revokedLine', { on: revoked.on })}: {revoked.reason}
                    </strong>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {r.data.history?.length ? (
            <>
              <h3 className="sub">{t('issued.history')}</h3>
              <ul>
                {r.data.history.map((h, i) => (
                  <li key={i}>
                    {h.on} · {t(`action.${h.action}`)}: {h.text}
                    {h.validUntil ? ` (${h.validUntil})` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    />
  );
}

export function VeuCases({ records, role, onChanged, caption, queue, readOnly }: Props<VeuApplication>) {
  const { t } = useTranslation();
  const asOf = today();
  const rows = ordered(
    records,
    queue,
    () => ERC_TARGET_DAYS,
    (r) => DONE.has(r.state) || r.state === 'info_requested',
  );
  return (
    <CaseList
      caption={caption}
      testId="veu-list"
      records={rows}
      collection="/veu-applications"
      onChanged={onChanged}
      actions={readOnly ? undefined : (r) => dated(veuActions(r.state, role, r.data), r.data)}
      columns={[
        { header: t('case.id'), cell: (r) => <code>{r.id}</code> },
        { header: t('veu.candidate'), cell: (r) => r.data.candidate.name },
        { header: t('veu.items'), cell: (r) => r.data.items.join(', ') },
        { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
        {
          header: t('veu.votes'),
          cell: (r) => t('veu.voteCount', { votes: r.data.votes.length, members: r.data.members.length }),
        },
        {
          header: t('case.clock'),
          cell: (r) => <ClockCell clock={r.data.clock} target={ERC_TARGET_DAYS} asOf={asOf} />,
        },
      ]}
      details={(r) => (
        <>
          <DefList
            rows={[
              [
                t('veu.candidate'),
                [r.data.candidate.name, r.data.candidate.address].filter(Boolean).join(', '),
              ],
              [t('veu.facilities'), r.data.facilities.map((f) => `${f.name}: ${f.address}`).join('; ')],
              [t('veu.civilEndUses'), r.data.civilEndUses],
              [t('veu.members'), r.data.members.join(', ')],
              [t('veu.circulatedOn'), r.data.circulatedOn],
              [t('license.decidedOn'), r.data.decidedOn],
              [t('veu.entry'), r.data.entryId],
            ]}
          />
          {r.data.votes.length ? (
            <>
              <h3 className="sub">{t('veu.votes')}</h3>
              <ul>
                {r.data.votes.map((v) => (
                  <li key={v.agency}>
                    {v.agency}: {t(`vote.${v.vote}`)} ({v.on}){v.reason ? ` — ${v.reason}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Messages messages={r.data.messages} />
          <ClockEvents clock={r.data.clock} />
        </>
      )}
    />
  );
}
