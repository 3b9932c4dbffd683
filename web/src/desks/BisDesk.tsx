/** BIS licensing: license applications on the §750.4 clock, and the VEU applications and End-User Statements. */
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { EusCases, IssuedLicensesSection, LicenseCases, VeuCases } from '../components/Cases';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import { VeuEntries, VeuReportPanel } from '../components/VeuEntries';
import type { EusRequest, LicenseApplication, Rec, VeuApplication } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';

export default function BisDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  const lic = useLoad(() => get<Rec<LicenseApplication>[]>('/license-applications'));
  const veu = useLoad(() => get<Rec<VeuApplication>[]>('/veu-applications'));
  const eus = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  // BIS refers to the reviewing agencies registered as organisations, by their names
  const orgs = useLoad(() => get<Rec<{ name: string; type: string }>[]>('/organisations'));
  const reviewingAgencies = (orgs.data ?? []).filter((o) => o.data.type === 'agency').map((o) => o.data.name);
  return (
    <DeskFrame
      title={t('desk.bis')}
      intro={t('desk.bisIntro')}
      screens={[
        {
          id: 'licenses',
          label: t('tab.queue'),
          render: () => (
            <section aria-labelledby="q-h">
              <h2 id="q-h">{t('queue.licenses')}</h2>
              <ErrorBox error={lic.error} />
              {lic.data ? (
                <LicenseCases
                  queue
                  caption={t('queue.licensesCaption')}
                  records={lic.data}
                  role={user.role}
                  reviewingAgencies={reviewingAgencies}
                  onChanged={() => void lic.reload()}
                />
              ) : (
                <Loading when={lic.loading} />
              )}
            </section>
          ),
        },
        {
          id: 'issued',
          label: t('tab.issued'),
          render: () => <IssuedLicensesSection role={user.role} />,
        },
        {
          id: 'other',
          label: t('tab.related'),
          render: () => (
            <>
              <section aria-labelledby="veu-h">
                <h2 id="veu-h">{t('veu.title')}</h2>
                <ErrorBox error={veu.error} />
                {veu.data ? (
                  <VeuCases
                    caption={t('veu.caption')}
                    records={veu.data}
                    role={user.role}
                    onChanged={() => void veu.reload()}
                  />
                ) : null}
                <VeuEntries role={user.role} readOnly />
                <VeuReportPanel />
              </section>
              <section aria-labelledby="eus-h">
                <h2 id="eus-h">{t('eus.title')}</h2>
                <ErrorBox error={eus.error} />
                {eus.data ? (
                  <EusCases
                    readOnly
                    caption={t('eus.caption')}
                    records={eus.data}
                    role={user.role}
                    onChanged={() => void eus.reload()}
                  />
                ) : null}
              </section>
            </>
          ),
        },
      ]}
    />
  );
}
