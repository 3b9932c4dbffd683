/** MOFCOM's desk: End-User Statement requests ordered by their review clock, with the decision form. */
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { EusCases } from '../components/Cases';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import type { EusRequest, Rec } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';

export default function MofcomDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  const eus = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  return (
    <DeskFrame
      title={t('desk.mofcom')}
      intro={t('desk.mofcomIntro')}
      screens={[
        {
          id: 'queue',
          label: t('tab.queue'),
          render: () => (
            <section aria-labelledby="q-h">
              <h2 id="q-h">{t('queue.eus')}</h2>
              <ErrorBox error={eus.error} />
              {eus.data ? (
                <EusCases
                  queue
                  caption={t('queue.eusCaption')}
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
