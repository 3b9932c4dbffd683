/** A desk: its title, and tabs when it has more than one screen. */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSession } from '../api';
import { AccountPanel } from '../components/Account';
import { AdminPanel } from '../components/Admin';
import { Inbox } from '../components/Inbox';
import { LegalHolds } from '../components/LegalHolds';
import { OutreachScreen } from '../components/Outreach';
import { sharedScreens } from '../lib/desks';
import { CrashMessage, ErrorBoundary, TabPanel, Tabs } from '../components/ui';
import { navigate, useRoute } from '../lib/route';
import type { User } from '../types';

export interface DeskProps {
  user: User;
}

export function DeskFrame({
  title,
  intro,
  screens: own,
}: {
  title: string;
  intro?: string;
  screens: { id: string; label: string; render: () => ReactNode }[];
}) {
  const { t } = useTranslation();
  // the screens every desk has for its user's role: outreach, legal holds, administration, the account
  const user = loadSession()?.user;
  const shared: Record<string, () => ReactNode> = user
    ? {
        outreach: () => <OutreachScreen role={user.role} />,
        'legal-holds': () => <LegalHolds me={user} />,
        admin: () => <AdminPanel me={user} />,
        account: () => <AccountPanel />,
      }
    : {};
  const screens = [
    ...own,
    ...(user
      ? sharedScreens(
          user.role,
          own.map((s) => s.id),
        )
      : []
    ).map((id) => ({
      id,
      label: t(`tab.${id === 'legal-holds' ? 'legalHolds' : id}`),
      render: shared[id]!,
    })),
  ];
  // the tab is in the URL (/desk/tab/record): Back follows tabs and a bookmark opens the same screen
  const route = useRoute();
  const legacy = location.hash.replace(/^#/, ''); // the old #tab links
  const wanted = route.tab ?? legacy;
  const current = screens.some((s) => s.id === wanted) ? wanted : (screens[0]?.id ?? '');
  useEffect(() => {
    if (route.desk && route.tab !== current) navigate({ desk: route.desk, tab: current }, { replace: true });
  }, [route.desk, route.tab, current]);
  const change = (id: string) => {
    if (route.desk) navigate({ desk: route.desk, tab: id });
  };
  const screen = screens.find((s) => s.id === current) ?? screens[0];
  return (
    <>
      <h1>{title}</h1>
      {intro ? <p className="intro">{intro}</p> : null}
      <Inbox />
      {screens.length > 1 ? (
        <Tabs tabs={screens} current={screen?.id ?? ''} onChange={change} label={t('app.screens')} />
      ) : null}
      {screen ? (
        // one error boundary per desk screen: a crash shows a message, the header and tabs stay usable
        <ErrorBoundary
          key={screen.id}
          fallback={(error, reset) => <CrashMessage error={error} reset={reset} />}
        >
          {screens.length > 1 ? <TabPanel id={screen.id}>{screen.render()}</TabPanel> : screen.render()}
        </ErrorBoundary>
      ) : null}
    </>
  );
}
