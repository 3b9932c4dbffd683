/** The shell: sign-in, the header with the language switch, and the desk of the signed-in user's role. */
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, loadSession, onSession, post, setSession } from './api';
import { AcceptInvitation } from './components/Account';
import { ErrorBox, Field } from './components/ui';
import { LANGUAGES } from './i18n';
import { deskFor, type DeskId } from './lib/desks';
import { navigate, useRoute } from './lib/route';
import type { Session } from './types';

const desks: Record<DeskId, ReturnType<typeof lazy>> = {
  exporter: lazy(() => import('./desks/ExporterDesk')),
  importer: lazy(() => import('./desks/ImporterDesk')),
  mofcom: lazy(() => import('./desks/MofcomDesk')),
  bis: lazy(() => import('./desks/BisDesk')),
  agency: lazy(() => import('./desks/AgencyDesk')),
  erc: lazy(() => import('./desks/ErcDesk')),
  htwg: lazy(() => import('./desks/HtwgDesk')),
  auditor: lazy(() => import('./desks/AuditorDesk')),
};

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang">
      <label htmlFor="lang-select">{t('app.language')}</label>{' '}
      <select
        id="lang-select"
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.htmlLang}>
            {l.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function SignIn() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await api<Session>('POST', '/auth/sign-in', { email, password }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>{t('signin.title')}</h1>
      <p>{t('signin.intro')}</p>
      <form onSubmit={(e) => void submit(e)} aria-label={t('signin.title')}>
        <Field label={t('signin.email')}>
          {(id) => (
            <input
              id={id}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('signin.password')}>
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('signin.submit')}
        </button>
        <ErrorBox error={error} />
      </form>
      <p className="small muted">{t('signin.demo')}</p>
    </main>
  );
}

export function App() {
  const { t } = useTranslation();
  const [session, setLocal] = useState<Session | null>(loadSession());
  useEffect(() => onSession(setLocal), []);
  const desk = session ? deskFor(session.user) : null;
  const Desk = desk ? desks[desk] : null;
  // the URL starts with the user's desk; a link to another desk (or none) becomes this desk's first screen
  const route = useRoute();
  // an invitation link (/accept-invitation#token=…) opens its own page, signed in or not
  const inviting = route.desk === 'accept-invitation';
  useEffect(() => {
    if (desk && !inviting && route.desk !== desk) navigate({ desk }, { replace: true });
  }, [desk, inviting, route.desk]);
  const signOut = async () => {
    try {
      await post('/auth/sign-out');
    } catch {
      /* the session may have expired already */
    }
    setSession(null);
    navigate({}, { replace: true });
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            htt
          </span>{' '}
          <span>{t('app.title')}</span>
        </div>
        <div className="top-right">
          <LanguageSwitch />
          {session ? (
            <>
              <span className="who" data-testid="who">
                {session.user.name} · {t(`role.${session.user.role}`)}
              </span>
              <button type="button" onClick={() => void signOut()}>
                {t('app.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      {inviting ? (
        <AcceptInvitation />
      ) : session && Desk ? (
        <main id="main" tabIndex={-1}>
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <Desk user={session.user} />
          </Suspense>
        </main>
      ) : (
        <SignIn />
      )}
      <footer className="foot small muted">{t('app.footer')}</footer>
    </>
  );
}
