/** The End-User Review Committee: VEU applications on the 30-day clock, votes of the member agencies, decisions. */
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { VeuCases } from '../components/Cases';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import { VeuEntries } from '../components/VeuEntries';
import type { Rec, VeuApplication } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';

export default function ErcDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  const veu = useLoad(() => get<Rec<VeuApplication>[]>('/veu-applications'));
  return (
    <DeskFrame
      title={t('desk.erc')}
      intro={t('desk.ercIntro')}
      screens={[
        {
          id: 'queue',
          label: t('tab.queue'),
          render: () => (
            <section aria-labelledby="q-h">
              <h2 id="q-h">{t('queue.veu')}</h2>
              <ErrorBox error={veu.error} />
              {veu.data ? (
                <VeuCases
                  queue
                  caption={t('queue.veuCaption')}
                  records={veu.data}
                  role={user.role}
                  onChanged={() => void veu.reload()}
                />
              ) : (
                <Loading when={veu.loading} />
              )}
            </section>
          ),
        },
        {
          // entries in force: the members vote on revocation (a majority revokes)
          id: 'entries',
          label: t('tab.veuEntries'),
          render: () => <VeuEntries role={user.role} />,
        },
      ]}
    />
  );
}
