/** The exporter's desk: checks, screening, counterparties and holds, and the cases with their clocks. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { CaseList, DefList } from '../components/CaseList';
import { EusCases, IssuedLicensesSection, LicenseCases, VeuCases } from '../components/Cases';
import { HitList } from '../components/Hits';
import { ScreeningDecisions } from '../components/ScreeningDecisions';
import { LicenseApplicationForm, VeuApplicationForm } from '../components/TradeForms';
import { VeuEntries, VeuReportPanel } from '../components/VeuEntries';
import { ErrorBox, Field, Loading, StateBadge, useLoad, useSubmit } from '../components/ui';
import { dated } from '../lib/actions';
import type {
  IssuedLicense,
  Counterparty,
  EusRequest,
  Hold,
  LicenseApplication,
  Rec,
  Transaction,
  VeuApplication,
} from '../types';
import { CheckPanel } from './CheckPanel';
import { DeskFrame, type DeskProps } from './DeskFrame';
import { BatchScreen, PartySearch } from './ScreenPanel';

/** The hits of a counterparty not yet cleared by an analyst. */
const openHits = (c: Counterparty) =>
  (c.screening?.hits ?? []).filter((h) => !c.cleared.some((x) => x.id === h.id));

function Counterparties() {
  const { t } = useTranslation();
  const list = useLoad(() => get<Rec<Counterparty>[]>('/counterparties'));
  const [name, setName] = useState('');
  const [country, setCountry] = useState('CN');
  // a decision taken on a hit shows in the list of decisions (remounted to load it again)
  const [decided, setDecided] = useState(0);
  const [nameMissing, setNameMissing] = useState(false);
  const submit = useSubmit();
  const error = submit.error;
  const add = async (e: FormEvent) => {
    e.preventDefault();
    // an empty name says so, next to the field
    if (!name.trim()) return setNameMissing(true);
    const r = await submit.run((key) =>
      post(
        '/counterparties',
        { name: name.trim(), ...(country.trim() ? { country: country.trim().toUpperCase() } : {}) },
        { idempotencyKey: key },
      ),
    );
    if (r) {
      setName('');
      await list.reload();
    }
  };
  return (
    <section aria-labelledby="cp-h">
      <h2 id="cp-h">{t('cp.title')}</h2>
      <form className="row" onSubmit={(e) => void add(e)} aria-label={t('cp.add')} noValidate>
        <Field label={t('cp.name')} className="grow">
          {(id) => (
            <>
              <input
                id={id}
                value={name}
                aria-required
                aria-invalid={nameMissing || undefined}
                aria-describedby={nameMissing ? `${id}-err` : undefined}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameMissing(false);
                  submit.setError(null);
                }}
              />
              {nameMissing ? (
                <p id={`${id}-err`} className="error small">
                  {t('form.err.partyName')}
                </p>
              ) : null}
            </>
          )}
        </Field>
        <Field label={t('screen.country')}>
          {(id) => (
            <input
              id={id}
              className="cc"
              maxLength={2}
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={submit.busy}>
          {t('cp.add')}
        </button>
      </form>
      <ErrorBox error={error ?? list.error} />
      <Loading when={list.loading && !list.data} />
      {list.data ? (
        <CaseList
          caption={t('cp.caption')}
          records={list.data}
          collection="/counterparties"
          onChanged={() => {
            void list.reload();
            setDecided((n) => n + 1);
          }}
          columns={[
            { header: t('cp.name'), cell: (r) => r.data.name },
            { header: t('screen.country'), cell: (r) => r.data.country ?? '' },
            { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
            { header: t('batch.hits'), cell: (r) => r.data.screening?.hits.length ?? '' },
            { header: t('cp.screenedOn'), cell: (r) => r.data.screening?.screenedOn.slice(0, 10) ?? '' },
          ]}
          actions={(r) =>
            openHits(r.data).length
              ? [
                  {
                    action: 'clear',
                    noDate: true,
                    fields: [
                      {
                        name: 'entryId',
                        kind: 'choice',
                        required: true,
                        options: openHits(r.data).map((h) => h.id),
                        optionLabels: Object.fromEntries(
                          openHits(r.data).map((h) => [h.id, `${h.id} · ${h.matchedName}`]),
                        ),
                      },
                      { name: 'reason', kind: 'textarea', required: true },
                    ],
                  },
                  {
                    action: 'confirm',
                    noDate: true,
                    fields: [
                      {
                        name: 'entryId',
                        kind: 'choice',
                        required: true,
                        options: (r.data.screening?.hits ?? []).map((h) => h.id),
                      },
                      { name: 'reason', kind: 'textarea', required: true },
                    ],
                  },
                ]
              : []
          }
          details={(r) => (
            <>
              <DefList
                rows={[
                  [t('check.address'), r.data.address],
                  [t('cp.snapshot'), r.data.screening?.snapshot ?? t('cp.unscreened')],
                  [
                    t('cp.cleared'),
                    r.data.cleared.map((c) => `${c.id}: ${c.reason} (${c.on.slice(0, 10)})`).join('; '),
                  ],
                ]}
              />
              <HitList
                query={r.data.name}
                hits={r.data.screening?.hits ?? []}
                cleared={r.data.cleared.map((c) => c.id)}
              />
            </>
          )}
        />
      ) : null}
      <ScreeningDecisions key={decided} onChanged={() => void list.reload()} />
    </section>
  );
}

function Holds() {
  const { t } = useTranslation();
  const holds = useLoad(() => get<Rec<Hold>[]>('/holds'));
  return (
    <section aria-labelledby="holds-h">
      <h2 id="holds-h">{t('holds.title')}</h2>
      <ErrorBox error={holds.error} />
      <Loading when={holds.loading && !holds.data} />
      {holds.data ? (
        <CaseList
          caption={t('holds.caption')}
          records={holds.data}
          collection="/holds"
          onChanged={() => void holds.reload()}
          columns={[
            { header: t('holds.transaction'), cell: (r) => <code>{r.data.transactionId}</code> },
            { header: t('holds.source'), cell: (r) => t(`holdSource.${r.data.source}`) },
            { header: t('case.reason'), cell: (r) => r.data.reason },
            { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
            { header: t('holds.openedOn'), cell: (r) => r.data.openedOn },
          ]}
          actions={(r) =>
            r.state !== 'open'
              ? []
              : r.data.source === 'screening'
                ? [
                    {
                      // the first pair of eyes: a listed entry documented as not this party
                      action: 'clearances',
                      noDate: true,
                      fields: [
                        { name: 'entryId', kind: 'choice', required: true, options: r.data.entryIds ?? [] },
                        { name: 'reason', kind: 'textarea', required: true },
                      ],
                    },
                    {
                      action: 'release',
                      noDate: true,
                      fields: [
                        {
                          name: 'basis',
                          kind: 'choice',
                          required: true,
                          options: ['redetermined', 'false_positive'],
                          optionKey: 'releaseBasis',
                        },
                        { name: 'reason', kind: 'textarea', required: true },
                      ],
                    },
                  ]
                : [
                    {
                      action: 'release',
                      noDate: true,
                      fields: [{ name: 'reason', kind: 'textarea', required: true }],
                    },
                  ]
          }
          details={(r) => (
            <DefList
              rows={[
                [t('field.entryId'), r.data.entryIds?.join(', ')],
                [
                  t('action.clearances'),
                  r.data.clearances
                    ?.map((c) => `${c.entryId}: ${c.reason} (${c.by}, ${c.on.slice(0, 10)})`)
                    .join('; '),
                ],
                [t('holds.releasedOn'), r.data.releasedOn],
                [
                  t('field.basis'),
                  r.data.releaseBasis ? t(`releaseBasis.${r.data.releaseBasis}`) : undefined,
                ],
                [t('holds.releaseReason'), r.data.releaseReason],
              ]}
            />
          )}
        />
      ) : null}
    </section>
  );
}

/**
 * The transactions: attach the license and the End-User Statement (or VEU entry) that authorise them, and
 * record the shipment through the release gate (its refusals shown one by one with their citations).
 */
function Transactions() {
  const { t } = useTranslation();
  const txs = useLoad(() => get<Rec<Transaction>[]>('/transactions'));
  const licenses = useLoad(() => get<Rec<IssuedLicense>[]>('/licenses'));
  const statements = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  const validLicenses = (licenses.data ?? []).filter((l) => l.state === 'valid');
  const issued = (statements.data ?? []).filter((s) => s.state === 'issued');
  const licenseNumberOf = (id?: string) =>
    id ? ((licenses.data ?? []).find((l) => l.id === id)?.data.licenseNumber ?? id) : undefined;
  const statementNumberOf = (id?: string) =>
    id ? ((statements.data ?? []).find((s) => s.id === id)?.data.statementNumber ?? id) : undefined;
  return (
    <section aria-labelledby="tx-h">
      <h2 id="tx-h">{t('tx.title')}</h2>
      <ErrorBox error={txs.error} />
      <Loading when={txs.loading && !txs.data} />
      {txs.data ? (
        <CaseList
          caption={t('tx.caption')}
          records={txs.data}
          collection="/transactions"
          onChanged={() => {
            void txs.reload();
            void licenses.reload();
          }}
          columns={[
            { header: t('tx.reference'), cell: (r) => r.data.reference },
            {
              header: t('tx.authorization'),
              cell: (r) => t(`auth.${r.data.determination.result.authorization}`),
            },
            { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
            { header: t('tx.checkedAt'), cell: (r) => r.data.determination.checkedAt.slice(0, 10) },
          ]}
          actions={(r) =>
            r.state === 'open'
              ? [
                  ...(validLicenses.length || issued.length
                    ? [
                        {
                          action: 'attach',
                          noDate: true,
                          fields: [
                            {
                              name: 'licenseId',
                              kind: 'choice' as const,
                              options: validLicenses.map((l) => l.id),
                              optionLabels: Object.fromEntries(
                                validLicenses.map((l) => [
                                  l.id,
                                  `${l.data.licenseNumber} · ${l.data.items.map((i) => i.eccn).join(', ')}`,
                                ]),
                              ),
                            },
                            {
                              name: 'eusRequestId',
                              kind: 'choice' as const,
                              options: issued.map((s) => s.id),
                              optionLabels: Object.fromEntries(
                                issued.map((s) => [
                                  s.id,
                                  `${s.data.statementNumber ?? s.id} · ${s.data.endUser.name}`,
                                ]),
                              ),
                            },
                          ],
                        },
                      ]
                    : []),
                  // the ship date: not in the future, not before the determination was frozen
                  ...dated([{ action: 'ship', fields: [] }], { checkedOn: r.data.determination.checkedAt }),
                  {
                    action: 'holds',
                    noDate: true,
                    fields: [{ name: 'reason', kind: 'textarea', required: true }],
                  },
                  // run the check again today, and freeze the new answer
                  { action: 'recheck', noDate: true, fields: [] },
                  {
                    action: 'cancel',
                    noDate: true,
                    fields: [{ name: 'reason', kind: 'textarea', required: true }],
                  },
                ]
              : r.state === 'shipped'
                ? // a known reexport or transfer: a reported fact, dated when it happened (not before the shipment)
                  dated(
                    [
                      {
                        action: 'reexport',
                        reportedDate: true,
                        fields: [{ name: 'note', kind: 'textarea', required: true }],
                      },
                    ],
                    { shippedOn: r.data.shippedOn },
                  )
                : []
          }
          details={(r) => (
            <DefList
              rows={[
                [t('tx.license'), licenseNumberOf(r.data.licenseId)],
                [t('tx.statement'), statementNumberOf(r.data.eusRequestId)],
                [t('tx.shippedOn'), r.data.shippedOn],
                [t('tx.ruleSet'), r.data.determination.result.ruleSet],
                [t('tx.lists'), r.data.determination.result.lists],
                [
                  t('verdict.reasons', { count: r.data.determination.result.reasons.length }),
                  r.data.determination.result.reasons.map((x) => x.code).join(', '),
                ],
                [
                  t('verdict.documents', { count: r.data.determination.result.documents.length }),
                  r.data.determination.result.documents
                    .map((d) => t(`doc.${d.type}`, { defaultValue: d.type }))
                    .join(', '),
                ],
              ]}
            />
          )}
        />
      ) : null}
    </section>
  );
}

function Cases({ role }: { role: string }) {
  const { t } = useTranslation();
  const txs = useLoad(() => get<Rec<Transaction>[]>('/transactions'));
  const eus = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  const lic = useLoad(() => get<Rec<LicenseApplication>[]>('/license-applications'));
  const veu = useLoad(() => get<Rec<VeuApplication>[]>('/veu-applications'));
  return (
    <>
      <section aria-labelledby="eus-h">
        <h2 id="eus-h">{t('eus.title')}</h2>
        <ErrorBox error={eus.error} />
        {eus.data ? (
          <EusCases
            caption={t('eus.caption')}
            records={eus.data}
            role={role}
            onChanged={() => void eus.reload()}
          />
        ) : (
          <Loading when={eus.loading} />
        )}
      </section>
      <section aria-labelledby="lic-h">
        <h2 id="lic-h">{t('license.title')}</h2>
        <LicenseApplicationForm transactions={txs.data ?? []} onCreated={() => void lic.reload()} />
        <ErrorBox error={lic.error} />
        {lic.data ? (
          <LicenseCases
            caption={t('license.caption')}
            records={lic.data}
            role={role}
            onChanged={() => void lic.reload()}
          />
        ) : (
          <Loading when={lic.loading} />
        )}
      </section>
      <IssuedLicensesSection role={role} />
      <section aria-labelledby="veu-h">
        <h2 id="veu-h">{t('veu.title')}</h2>
        <VeuApplicationForm onCreated={() => void veu.reload()} />
        <ErrorBox error={veu.error} />
        {veu.data ? (
          <VeuCases
            caption={t('veu.caption')}
            records={veu.data}
            role={role}
            onChanged={() => void veu.reload()}
          />
        ) : (
          <Loading when={veu.loading} />
        )}
        <VeuEntries role={role} onAmended={() => void veu.reload()} />
        <VeuReportPanel />
      </section>
    </>
  );
}

export default function ExporterDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  return (
    <DeskFrame
      title={t('desk.exporter')}
      intro={t('desk.exporterIntro')}
      screens={[
        { id: 'check', label: t('tab.check'), render: () => <CheckPanel /> },
        {
          id: 'screening',
          label: t('tab.screening'),
          render: () => (
            <>
              <PartySearch />
              <BatchScreen />
            </>
          ),
        },
        {
          id: 'parties',
          label: t('tab.parties'),
          render: () => (
            <>
              <Counterparties />
              <Holds />
              <Transactions />
            </>
          ),
        },
        { id: 'cases', label: t('tab.cases'), render: () => <Cases role={user.role} /> },
      ]}
    />
  );
}
