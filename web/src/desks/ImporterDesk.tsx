/** The Chinese importer's desk: End-User Statement requests to MOFCOM, and answers to its questions. */
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { EusCases } from '../components/Cases';
import { EusRequestForm } from '../components/TradeForms';
import { ErrorBox, Loading, useLoad } from '../components/ui';
import type { EusRequest, Rec } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';

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
              <EusRequestForm onCreated={() => void eus.reload()} />
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
