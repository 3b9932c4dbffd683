/**
 * The signed-in user's account (issue 15): change the password (`POST /auth/password`; the server's strength
 * refusal is shown as a sentence), and the page an invitation link opens (`POST /auth/accept-invitation`): the
 * invitee sets a password and is signed in.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post, setSession } from '../api';
import { navigate } from '../lib/route';
import type { Session } from '../types';
import { ErrorBox, Field, FieldError, useSubmit } from './ui';

/** The invitation's token, carried in the link's fragment (never sent to the server with the page). */
export function invitationToken(hash: string): string {
  const m = /(?:^#|&)token=([^&]+)/.exec(hash);
  try {
    return m?.[1] ? decodeURIComponent(m[1]) : '';
  } catch {
    return '';
  }
}

/** The link an administrator gives an invitee. */
export const invitationLink = (origin: string, token: string) =>
  `${origin}/accept-invitation#token=${encodeURIComponent(token)}`;

export const isInvitationPath = (pathname: string) => pathname.replace(/\/+$/, '') === '/accept-invitation';

/** A new password typed twice: the problem at the field, or null. */
export function passwordProblem(next: string, again: string): { field: string; key: string } | null {
  if (!next) return { field: 'next', key: 'account.err.required' };
  if (next !== again) return { field: 'again', key: 'account.err.mismatch' };
  return null;
}

function PasswordFields({
  next,
  again,
  setNext,
  setAgain,
  problem,
}: {
  next: string;
  again: string;
  setNext: (v: string) => void;
  setAgain: (v: string) => void;
  problem: { field: string; key: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('account.next')} hint={t('account.nextHint')}>
        {(id, hint) => (
          <>
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-required="true"
              aria-invalid={problem?.field === 'next' || undefined}
              aria-describedby={[hint, problem?.field === 'next' ? `${id}-err` : '']
                .filter(Boolean)
                .join(' ')}
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
            <FieldError id={`${id}-err`} problem={problem?.field === 'next' ? problem : null} />
          </>
        )}
      </Field>
      <Field label={t('account.again')}>
        {(id) => (
          <>
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-required="true"
              aria-invalid={problem?.field === 'again' || undefined}
              aria-describedby={problem?.field === 'again' ? `${id}-err` : undefined}
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
            <FieldError id={`${id}-err`} problem={problem?.field === 'again' ? problem : null} />
          </>
        )}
      </Field>
    </>
  );
}

export function AccountPanel() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ field: string; key: string } | null>(null);
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const p = passwordProblem(next, again);
    setProblem(p);
    if (p) return;
    const r = await submit.run(() => post<{ changed: boolean }>('/auth/password', { current, next }));
    if (r) {
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    }
  };
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setProblem(null);
    submit.setError(null);
  };
  return (
    <section aria-labelledby="account-h" data-testid="account">
      <h2 id="account-h">{t('account.title')}</h2>
      <form onSubmit={(e) => void send(e)} aria-label={t('account.change')} noValidate>
        <Field label={t('account.current')}>
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              aria-required="true"
              value={current}
              onChange={(e) => edit(setCurrent)(e.target.value)}
            />
          )}
        </Field>
        <PasswordFields
          next={next}
          again={again}
          setNext={edit(setNext)}
          setAgain={edit(setAgain)}
          problem={problem}
        />
        <button type="submit" className="primary" disabled={submit.busy}>
          {t('account.change')}
        </button>
        <ErrorBox error={submit.error} />
        <p role="status" className="ok-text">
          {done ? t('account.changed') : ''}
        </p>
      </form>
      <SignOutEverywhere />
    </section>
  );
}

/** End every session of the user, this one included (`POST /auth/sign-out-everywhere`): then the sign-in page. */
function SignOutEverywhere() {
  const { t } = useTranslation();
  const submit = useSubmit();
  const go = async () => {
    const r = await submit.run(() => post<{ revoked: number }>('/auth/sign-out-everywhere'));
    if (r) {
      setSession(null);
      navigate({}, { replace: true });
    }
  };
  return (
    <section aria-labelledby="everywhere-h">
      <h3 id="everywhere-h">{t('account.everywhere')}</h3>
      <p className="small muted">{t('account.everywhereHint')}</p>
      <button type="button" disabled={submit.busy} onClick={() => void go()}>
        {t('account.everywhereButton')}
      </button>
      <ErrorBox error={submit.error} />
    </section>
  );
}

/** The page of an invitation link: set a password, and be signed in. */
export function AcceptInvitation() {
  const { t } = useTranslation();
  const [token] = useState(() => invitationToken(location.hash));
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ field: string; key: string } | null>(null);
  const submit = useSubmit();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const p = passwordProblem(next, again);
    setProblem(p);
    if (p) return;
    const s = await submit.run(() =>
      api<Session>('POST', '/auth/accept-invitation', { token, password: next }),
    );
    if (s) {
      setSession(s);
      navigate({}, { replace: true }); // to the user's desk; the token leaves the address bar
    }
  };
  return (
    <main id="main" className="signin">
      <h1>{t('invite.title')}</h1>
      {token ? (
        <>
          <p>{t('invite.intro')}</p>
          <form onSubmit={(e) => void send(e)} aria-label={t('invite.title')} noValidate>
            <PasswordFields
              next={next}
              again={again}
              setNext={(v) => {
                setNext(v);
                setProblem(null);
              }}
              setAgain={(v) => {
                setAgain(v);
                setProblem(null);
              }}
              problem={problem}
            />
            <button type="submit" className="primary" disabled={submit.busy}>
              {t('invite.submit')}
            </button>
            <ErrorBox error={submit.error} />
          </form>
        </>
      ) : (
        <p role="alert" className="error">
          {t('invite.noToken')}
        </p>
      )}
      <p>
        <a href="/">{t('invite.toSignIn')}</a>
      </p>
    </main>
  );
}
