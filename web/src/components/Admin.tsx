/**
 * Administration (issue 15), for an organisation's `admin`: its users (`GET /users`, scoped by the server to
 * the administrator's organisation), inviting a user (`POST /invitations`, the link shown once), ending a
 * user's sessions, deactivating a user, the organisation's screening settings (four eyes), creating an
 * organisation (the operator, a BIS administrator) and purging records past their Part 762 date.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { orgTypes, roles } from '../../../src/core/workflows/roles.js';
import { get, post } from '../api';
import type { Rec, User } from '../types';
import { invitationLink } from './Account';
import { Empty, ErrorBox, Field, Loading, StateBadge, useLoad, useSubmit } from './ui';

interface UserData {
  name: string;
  email: string;
  role: string;
}
interface OrgData {
  name: string;
  type: string;
  screening?: { fourEyesClearances?: boolean };
}
interface PurgeReport {
  asOf: string;
  dryRun: boolean;
  deleted: { kind: string; id: string; retainUntil: string }[];
  held: { kind: string; id: string; retainUntil: string; legalHolds: string[] }[];
}

function Status({ text }: { text: string }) {
  return (
    <p role="status" className="ok-text">
      {text}
    </p>
  );
}

function UserRow({ r, me, onChanged }: { r: Rec<UserData>; me: User; onChanged: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const act = useSubmit();
  const revoke = async () => {
    const out = await act.run(() => post(`/users/${encodeURIComponent(r.id)}/revoke-sessions`));
    if (out !== undefined) setDone(t('admin.sessionsEnded', { name: r.data.name }));
  };
  const deactivate = async () => {
    if (!reason.trim()) return act.setError(new Error(t('admin.err.reason')));
    const out = await act.run(() =>
      post(`/users/${encodeURIComponent(r.id)}/deactivate`, { reason: reason.trim() }),
    );
    if (out !== undefined) {
      setDone(t('admin.deactivated', { name: r.data.name }));
      onChanged();
    }
  };
  const self = r.id === me.userId;
  return (
    <tr>
      <td>{r.data.name}</td>
      <td>{r.data.email}</td>
      <td>{t(`role.${r.data.role}`, { defaultValue: r.data.role })}</td>
      <td>
        <StateBadge state={r.state} />
      </td>
      <td>
        {self || r.state === 'deactivated' ? null : (
          <div className="row">
            <button type="button" disabled={act.busy} onClick={() => void revoke()}>
              {t('admin.endSessions')}
            </button>
            <label htmlFor={`deact-${r.id}`} className="sr-only">
              {t('admin.deactivateReason', { name: r.data.name })}
            </label>
            <input
              id={`deact-${r.id}`}
              placeholder={t('admin.reasonPlaceholder')}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                act.setError(null);
              }}
            />
            <button type="button" disabled={act.busy} onClick={() => void deactivate()}>
              {t('admin.deactivate')}
            </button>
          </div>
        )}
        <ErrorBox error={act.error} />
        <Status text={done} />
      </td>
    </tr>
  );
}

function InviteForm({ me, onInvited }: { me: User; onInvited: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string; email: string } | null>(null);
  const submit = useSubmit();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const missing = !name.trim()
      ? 'name'
      : !/^\S+@\S+\.\S+$/.test(email.trim())
        ? 'email'
        : !role
          ? 'role'
          : null;
    setProblem(missing);
    if (missing) return;
    const r = await submit.run((key) =>
      post<{ token: string; expiresAt: string; email: string }>(
        '/invitations',
        { name: name.trim(), email: email.trim(), role, orgId: me.orgId },
        { idempotencyKey: key },
      ),
    );
    if (r) {
      setLink({ url: invitationLink(location.origin, r.token), expiresAt: r.expiresAt, email: r.email });
      setName('');
      setEmail('');
      setRole('');
      onInvited();
    }
  };
  const err = (field: string, id: string) =>
    problem === field ? (
      <p id={`${id}-err`} className="error small">
        {t(`admin.err.${field}`)}
      </p>
    ) : null;
  const aria = (field: string, id: string) => ({
    'aria-required': true as const,
    'aria-invalid': problem === field || undefined,
    'aria-describedby': problem === field ? `${id}-err` : undefined,
  });
  return (
    <form onSubmit={(e) => void send(e)} aria-label={t('admin.invite')} noValidate data-testid="invite">
      <h3>{t('admin.invite')}</h3>
      <div className="row">
        <Field label={t('admin.name')} className="grow">
          {(id) => (
            <>
              <input
                id={id}
                {...aria('name', id)}
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  setProblem(null);
                }}
              />
              {err('name', id)}
            </>
          )}
        </Field>
        <Field label={t('admin.email')} className="grow">
          {(id) => (
            <>
              <input
                id={id}
                type="email"
                {...aria('email', id)}
                value={email}
                onChange={(e) => {
                  setEmail(e.target.value);
                  setProblem(null);
                }}
              />
              {err('email', id)}
            </>
          )}
        </Field>
        <Field label={t('admin.role')}>
          {(id) => (
            <>
              <select
                id={id}
                {...aria('role', id)}
                value={role}
                onChange={(e) => {
                  setRole(e.target.value);
                  setProblem(null);
                }}
              >
                <option value="">{t('common.choose')}</option>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
              {err('role', id)}
            </>
          )}
        </Field>
      </div>
      <button type="submit" className="primary" disabled={submit.busy}>
        {t('admin.sendInvite')}
      </button>
      <ErrorBox error={submit.error} />
      {link ? (
        <div role="status" className="ok-text" data-testid="invitation-link">
          <p>
            {t('admin.invited', {
              email: link.email,
              expiresAt: link.expiresAt.slice(0, 16).replace('T', ' '),
            })}
          </p>
          <Field label={t('admin.link')}>
            {(id) => <input id={id} readOnly value={link.url} onFocus={(e) => e.target.select()} />}
          </Field>
        </div>
      ) : null}
    </form>
  );
}

function ScreeningSettings({ me }: { me: User }) {
  const { t } = useTranslation();
  const orgs = useLoad(() => get<Rec<OrgData>[]>('/organisations'));
  const mine = orgs.data?.find((o) => o.id === me.orgId);
  const [value, setValue] = useState<'on' | 'off' | ''>('');
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const current = value || (mine?.data.screening?.fourEyesClearances ? 'on' : 'off');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const r = await submit.run(() =>
      post('/organisations/screening-settings', { fourEyesClearances: current }),
    );
    if (r !== undefined) {
      setDone(true);
      void orgs.reload();
    }
  };
  return (
    <form onSubmit={(e) => void send(e)} aria-label={t('admin.screening')} data-testid="screening-settings">
      <h3>{t('admin.screening')}</h3>
      <fieldset>
        <legend>{t('admin.fourEyes')}</legend>
        {(['on', 'off'] as const).map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name="four-eyes"
              value={v}
              checked={current === v}
              onChange={() => {
                setValue(v);
                setDone(false);
              }}
            />{' '}
            {t(`admin.fourEyes_${v}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={submit.busy}>
        {t('admin.save')}
      </button>
      <ErrorBox error={submit.error ?? orgs.error} />
      <Status text={done ? t('admin.saved') : ''} />
    </form>
  );
}

function NewOrganisation() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [country, setCountry] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState('');
  const submit = useSubmit();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const c = country.trim().toUpperCase();
    const p = !name.trim() ? 'orgName' : !type ? 'orgType' : c && !/^[A-Z]{2}$/.test(c) ? 'country' : null;
    setProblem(p);
    if (p) return;
    const r = await submit.run((key) =>
      post<{ id: string }>(
        '/organisations',
        { name: name.trim(), type, ...(c ? { country: c } : {}) },
        { idempotencyKey: key },
      ),
    );
    if (r) {
      setCreated(r.id);
      setName('');
      setType('');
      setCountry('');
    }
  };
  const err = (f: string, id: string) =>
    problem === f ? (
      <p id={`${id}-err`} className="error small">
        {t(`admin.err.${f}`)}
      </p>
    ) : null;
  const aria = (f: string, id: string) => ({
    'aria-invalid': problem === f || undefined,
    'aria-describedby': problem === f ? `${id}-err` : undefined,
  });
  return (
    <details className="new-request">
      <summary>{t('admin.newOrg')}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={t('admin.newOrg')} noValidate>
        <div className="row">
          <Field label={t('admin.orgName')} className="grow">
            {(id) => (
              <>
                <input
                  id={id}
                  aria-required="true"
                  {...aria('orgName', id)}
                  value={name}
                  onChange={(e) => {
                    setName(e.target.value);
                    setProblem(null);
                  }}
                />
                {err('orgName', id)}
              </>
            )}
          </Field>
          <Field label={t('admin.orgType')}>
            {(id) => (
              <>
                <select
                  id={id}
                  aria-required="true"
                  {...aria('orgType', id)}
                  value={type}
                  onChange={(e) => {
                    setType(e.target.value);
                    setProblem(null);
                  }}
                >
                  <option value="">{t('common.choose')}</option>
                  {orgTypes.map((o) => (
                    <option key={o} value={o}>
                      {t(`admin.orgTypes.${o}`)}
                    </option>
                  ))}
                </select>
                {err('orgType', id)}
              </>
            )}
          </Field>
          <Field label={t('admin.country')} hint={t('admin.countryHint')}>
            {(id, hint) => (
              <>
                <input
                  id={id}
                  maxLength={2}
                  aria-invalid={problem === 'country' || undefined}
                  aria-describedby={[hint, problem === 'country' ? `${id}-err` : '']
                    .filter(Boolean)
                    .join(' ')}
                  value={country}
                  onChange={(e) => {
                    setCountry(e.target.value);
                    setProblem(null);
                  }}
                />
                {err('country', id)}
              </>
            )}
          </Field>
        </div>
        <button type="submit" className="primary" disabled={submit.busy}>
          {t('admin.createOrg')}
        </button>
        <ErrorBox error={submit.error} />
        <Status text={created ? t('admin.orgCreated', { id: created }) : ''} />
      </form>
    </details>
  );
}

function Purge() {
  const { t } = useTranslation();
  const [report, setReport] = useState<PurgeReport | null>(null);
  const [confirm, setConfirm] = useState(false);
  const submit = useSubmit();
  const run = async (execute: boolean) => {
    const r = await submit.run(() => post<PurgeReport>('/records/purge', execute ? { execute: true } : {}));
    if (r) {
      setReport(r);
      setConfirm(false);
    }
  };
  return (
    <section aria-labelledby="purge-h" data-testid="purge">
      <h3 id="purge-h">{t('admin.purge')}</h3>
      <p className="small">{t('admin.purgeIntro')}</p>
      <div className="row">
        <button type="button" disabled={submit.busy} onClick={() => void run(false)}>
          {t('admin.purgeDryRun')}
        </button>
        <label className="choice">
          <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />{' '}
          {t('admin.purgeConfirm')}
        </label>
        <button
          type="button"
          className="danger"
          disabled={submit.busy || !confirm}
          onClick={() => void run(true)}
        >
          {t('admin.purgeExecute')}
        </button>
      </div>
      <ErrorBox error={submit.error} />
      {report ? (
        <div role="status">
          <p>
            {t(report.dryRun ? 'admin.purgeWould' : 'admin.purgeDone', {
              deleted: report.deleted.length,
              held: report.held.length,
              asOf: report.asOf,
            })}
          </p>
          {report.deleted.length || report.held.length ? (
            <table>
              <caption>{t('admin.purgeCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.record')}</th>
                  <th scope="col">{t('admin.retainUntil')}</th>
                  <th scope="col">{t('admin.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {report.deleted.map((d) => (
                  <tr key={`d-${d.kind}-${d.id}`}>
                    <td>{`${d.kind} ${d.id}`}</td>
                    <td>{d.retainUntil}</td>
                    <td>{t(report.dryRun ? 'admin.wouldDelete' : 'admin.deleted')}</td>
                  </tr>
                ))}
                {report.held.map((d) => (
                  <tr key={`h-${d.kind}-${d.id}`}>
                    <td>{`${d.kind} ${d.id}`}</td>
                    <td>{d.retainUntil}</td>
                    <td>{t('admin.keptHeld', { holds: d.legalHolds.join(', ') })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function AdminPanel({ me }: { me: User }) {
  const { t } = useTranslation();
  const users = useLoad(() => get<Rec<UserData>[]>('/users'));
  return (
    <section aria-labelledby="admin-h" data-testid="admin">
      <h2 id="admin-h">{t('admin.title')}</h2>
      <h3>{t('admin.users')}</h3>
      <ErrorBox error={users.error} />
      {users.data ? (
        users.data.length ? (
          <div className="table-scroll">
            <table data-testid="users">
              <caption>{t('admin.usersCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.name')}</th>
                  <th scope="col">{t('admin.email')}</th>
                  <th scope="col">{t('admin.role')}</th>
                  <th scope="col">{t('case.state')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((r) => (
                  <UserRow key={r.id} r={r} me={me} onChanged={() => void users.reload()} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty>{t('common.none', { what: t('admin.users') })}</Empty>
        )
      ) : (
        <Loading when={users.loading} />
      )}
      <InviteForm me={me} onInvited={() => void users.reload()} />
      <ScreeningSettings me={me} />
      {me.orgType === 'bis' ? <NewOrganisation /> : null}
      <Purge />
    </section>
  );
}
