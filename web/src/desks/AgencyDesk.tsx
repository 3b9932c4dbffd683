/** A reviewing agency (DoD, State, Energy): license applications referred to it, with its recommendation. */
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { LicenseCases } from '../components/Cases';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import type { LicenseApplication, Rec } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';

export default function AgencyDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  const lic = useLoad(() => get<Rec<LicenseApplication>[]>('/license-applications'));
  const org = useLoad(() => get<Rec<{ name: string }>[]>('/organisations'));
  const myAgency = org.data?.find((o) => o.id === user.orgId)?.data.name;
  return (
    <DeskFrame
      title={t('desk.agency', { agency: myAgency ?? '' })}
      intro={t('desk.agencyIntro')}
      screens={[
        {
          id: 'referrals',
          label: t('tab.queue'),
          render: () => (
            <section aria-labelledby="q-h">
              <h2 id="q-h">{t('queue.referrals')}</h2>
              <ErrorBox error={lic.error} />
              {lic.data ? (
                <LicenseCases
                  queue
                  caption={t('queue.referralsCaption')}
                  records={lic.data}
                  role={user.role}
                  myAgency={myAgency}
                  onChanged={() => void lic.reload()}
                />
              ) : (
                <Loading when={lic.loading} />
              )}
            </section>
          ),
        },
      ]}
    />
  );
}
