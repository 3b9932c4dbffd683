/**
 * Legal holds (15 CFR 762.6(b); issue 15) for BIS officers, compliance officers and administrators: the holds
 * one can see, placing one on a record or on every record of an organisation (`POST /legal-holds`), and its
 * release on the written authorization of the agency concerned (`POST /legal-holds/{id}/release`, through the
 * list's decision form). The server decides who may release (never who placed it).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachableKinds } from '../../../src/app/ports/record-store.js';
import { get, post } from '../api';
import type { Rec, User } from '../types';
import { CaseList, DefList } from './CaseList';
import { ErrorBox, Field, Loading, StateBadge, useLoad, useSubmit } from './ui';

interface LegalHold {
  scope: { kind: string; id: string } | { orgId: string };
  basis: string;
  authority: string;
  requestReference?: string;
  reason: string;
  placedBy: { userId: string; role: string; orgId: string; on: string };
  released?: { on: string; authorization: string; reason: string };
}

/** Kinds of record a hold can name (the case records a user works with). */
export const HOLD_KINDS = [...attachableKinds, 'screening_decision', 'attachment'] as const;

export interface HoldForm {
  target: 'record' | 'org';
  kind: string;
  recordId: string;
  orgId: string;
  basis: string;
  authority: string;
  requestReference: string;
  reason: string;
}

/** The request body of a legal hold, or the fields that are wrong (each with its message key). */
export function buildLegalHold(
  f: HoldForm,
): { ok: true; body: Record<string, string> } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const req = (name: keyof HoldForm) => {
    if (!f[name].trim()) problems[name] = 'legalHold.err.required';
  };
  if (f.target === 'record') {
    req('kind');
    req('recordId');
  } else req('orgId');
  req('basis');
  req('authority');
  req('reason');
  if (Object.keys(problems).length) return { ok: false, problems };
  const body: Record<string, string> = {
    basis: f.basis,
    authority: f.authority.trim(),
    reason: f.reason.trim(),
    ...(f.target === 'record' ? { kind: f.kind, recordId: f.recordId.trim() } : { orgId: f.orgId.trim() }),
    ...(f.requestReference.trim() ? { requestReference: f.requestReference.trim() } : {}),
  };
  return { ok: true, body };
}

const empty = (me: User): HoldForm => ({
  target: 'record',
  kind: '',
  recordId: '',
  orgId: me.orgId,
  basis: me.role === 'bis_officer' ? 'agency_request' : '',
  authority: '',
  requestReference: '',
  reason: '',
});

function PlaceHold({ me, onPlaced }: { me: User; onPlaced: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<HoldForm>(() => empty(me));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [placed, setPlaced] = useState('');
  const submit = useSubmit();
  const set = (name: keyof HoldForm) => (e: { target: { value: string } }) => {
    setF({ ...f, [name]: e.target.value });
    setProblems({ ...problems, [name]: '' });
    submit.setError(null);
  };
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildLegalHold(f);
    if (!built.ok) return setProblems(built.problems);
    const r = await submit.run((key) =>
      post<{ id: string }>('/legal-holds', built.body, { idempotencyKey: key }),
    );
    if (r) {
      setPlaced(r.id);
      setF(empty(me));
      onPlaced();
    }
  };
  const text = (name: keyof HoldForm, label: string, required = true, area = false) => (
    <Field label={label} className="grow">
      {(id) => {
        const a = {
          id,
          value: f[name],
          onChange: set(name),
          'aria-required': required || undefined,
          'aria-invalid': problems[name] ? true : undefined,
          'aria-describedby': problems[name] ? `${id}-err` : undefined,
        };
        return (
          <>
            {area ? <textarea rows={2} {...a} /> : <input {...a} />}
            {problems[name] ? (
              <p id={`${id}-err`} className="error small">
                {t(problems[name])}
              </p>
            ) : null}
          </>
        );
      }}
    </Field>
  );
  const select = (name: keyof HoldForm, label: string, options: readonly string[], prefix: string) => (
    <Field label={label}>
      {(id) => (
        <>
          <select
            id={id}
            value={f[name]}
            onChange={set(name)}
            aria-required="true"
            aria-invalid={problems[name] ? true : undefined}
            aria-describedby={problems[name] ? `${id}-err` : undefined}
          >
            <option value="">{t('common.choose')}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {t(`${prefix}.${o}`)}
              </option>
            ))}
          </select>
          {problems[name] ? (
            <p id={`${id}-err`} className="error small">
              {t(problems[name])}
            </p>
          ) : null}
        </>
      )}
    </Field>
  );
  return (
    <details className="new-request" data-testid="new-legal-hold">
      <summary>{t('legalHold.new')}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={t('legalHold.new')} noValidate>
        <fieldset>
          <legend>{t('legalHold.target')}</legend>
          {(['record', 'org'] as const).map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name="hold-target"
                value={v}
                checked={f.target === v}
                onChange={() => setF({ ...f, target: v })}
              />{' '}
              {t(`legalHold.targets.${v}`)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          {f.target === 'record' ? (
            <>
              {select('kind', t('legalHold.kind'), HOLD_KINDS, 'legalHold.kinds')}
              {text('recordId', t('legalHold.recordId'))}
            </>
          ) : (
            text('orgId', t('legalHold.orgId'))
          )}
        </div>
        <div className="row">
          {select('basis', t('legalHold.basis'), ['agency_request', 'investigation'], 'legalHold.bases')}
          {text('authority', t('legalHold.authority'))}
          {text('requestReference', t('legalHold.requestReference'), false)}
        </div>
        {text('reason', t('legalHold.reason'), true, true)}
        <button type="submit" className="primary" disabled={submit.busy}>
          {t('legalHold.place')}
        </button>
        <ErrorBox error={submit.error} />
        <p role="status" className="ok-text">
          {placed ? t('legalHold.placed', { id: placed }) : ''}
        </p>
      </form>
    </details>
  );
}

const scopeText = (s: LegalHold['scope']) => ('orgId' in s ? s.orgId : `${s.kind} ${s.id}`);

export function LegalHolds({ me }: { me: User }) {
  const { t } = useTranslation();
  const holds = useLoad(() => get<Rec<LegalHold>[]>('/legal-holds'));
  return (
    <section aria-labelledby="lh-h" data-testid="legal-holds">
      <h2 id="lh-h">{t('legalHold.title')}</h2>
      <p className="small">
        {t('legalHold.intro')} <span lang="en">15 CFR 762.6(b)</span>
      </p>
      <PlaceHold me={me} onPlaced={() => void holds.reload()} />
      <ErrorBox error={holds.error} />
      {holds.data ? (
        <CaseList
          caption={t('legalHold.caption')}
          records={holds.data}
          collection="/legal-holds"
          onChanged={() => void holds.reload()}
          testId="legal-hold-list"
          columns={[
            { header: t('legalHold.scope'), cell: (r) => scopeText(r.data.scope) },
            { header: t('legalHold.authority'), cell: (r) => r.data.authority },
            { header: t('legalHold.placedOn'), cell: (r) => r.data.placedBy.on },
            { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
          ]}
          actions={(r) =>
            r.state === 'open'
              ? [
                  {
                    action: 'release',
                    noDate: true,
                    fields: [
                      { name: 'authorization', kind: 'text', required: true },
                      { name: 'reason', kind: 'textarea', required: true },
                    ],
                  },
                ]
              : []
          }
          details={(r) => (
            <DefList
              rows={[
                [t('legalHold.basis'), t(`legalHold.bases.${r.data.basis}`)],
                [t('legalHold.requestReference'), r.data.requestReference],
                [t('legalHold.reason'), r.data.reason],
                [
                  t('legalHold.released'),
                  r.data.released
                    ? `${r.data.released.on} · ${r.data.released.authorization} · ${r.data.released.reason}`
                    : undefined,
                ],
              ]}
            />
          )}
        />
      ) : (
        <Loading when={holds.loading} />
      )}
    </section>
  );
}
