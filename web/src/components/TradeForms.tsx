/**
 * The forms that create the records of a trade (lib/trade-forms.ts builds and checks their bodies): a license
 * application from a saved transaction with its End-User Statement, a VEU application, an End-User Statement
 * request (importer), an outreach event. Each checks at the field, says why next to it in the reader's
 * language, clears what it said once the field changes, and submits once (useSubmit: disabled while pending,
 * one Idempotency-Key per record).
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { today } from '../lib/clock';
import {
  buildEusRequest,
  buildLicenseApplication,
  buildOutreachEvent,
  buildVeuApplication,
  emptyEusForm,
  emptyLine,
  emptyOutreachForm,
  emptyVeuForm,
  eusFormFrom,
  licenseFormFrom,
  needsStatement,
  needsTranslation,
  type EusForm,
  type LicenseForm,
  type LineForm,
  type OutreachForm,
  type Problem,
  type VeuForm,
} from '../lib/trade-forms';
import type { EusRequest, Rec, Transaction } from '../types';
import { ErrorBox, useLoad, useSubmit } from './ui';

/** A labelled control with its error next to it (aria-invalid, aria-describedby). */
function Input({
  label,
  field,
  problems,
  required,
  children,
  hint,
  className,
}: {
  label: ReactNode;
  field: string;
  problems: readonly Problem[];
  required?: boolean;
  hint?: ReactNode;
  className?: string;
  children: (props: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
    'aria-required'?: true;
  }) => ReactNode;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const id = `${uid}-${field}`;
  const p = problems.find((x) => x.field === field);
  const described = [p ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
        {required ? <span className="sr-only"> ({t('common.required')})</span> : null}
      </label>
      {children({
        id,
        ...(p ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      {p ? (
        <p id={`${id}-err`} className="error small">
          {t(p.key, p.values)}
        </p>
      ) : null}
    </div>
  );
}

/** Form state with field problems that clear as their field changes. */
function useForm<F>(initial: () => F) {
  const [form, setForm] = useState<F>(initial);
  const [problems, setProblems] = useState<Problem[]>([]);
  const change = (field: string, f: (draft: F) => void) => {
    setForm((old) => {
      const draft = structuredClone(old);
      f(draft);
      return draft;
    });
    setProblems((ps) => ps.filter((p) => p.field !== field && !p.field.startsWith(`${field}.`)));
  };
  return { form, setForm, problems, setProblems, change };
}

function Status({ text }: { text: string }) {
  return (
    <p role="status" className="ok-text">
      {text}
    </p>
  );
}

/** One field of an item line, its problem said next to it. */
function LineField({
  item,
  i,
  name,
  label,
  problems,
  onChange,
  required,
  className,
  numeric,
  list,
}: {
  item: LineForm;
  i: number;
  name: keyof LineForm;
  label: string;
  problems: readonly Problem[];
  onChange: (field: string, f: (items: LineForm[]) => void) => void;
  required?: boolean;
  className?: string;
  numeric?: boolean;
  list?: string;
}) {
  return (
    <Input
      label={label}
      field={`items.${i}.${name}`}
      problems={problems}
      required={required}
      className={className}
    >
      {(a) => (
        <input
          {...a}
          {...(numeric ? { className: 'num', inputMode: 'decimal' as const } : {})}
          {...(list ? { list } : {})}
          value={item[name]}
          onChange={(e) => onChange(`items.${i}.${name}`, (d) => void (d[i]![name] = e.target.value))}
        />
      )}
    </Input>
  );
}

/** Item lines: ECCN, description, quantity, value in US dollars. */
function Lines({
  items,
  problems,
  eccnRequired,
  onChange,
}: {
  items: LineForm[];
  problems: readonly Problem[];
  eccnRequired: boolean;
  onChange: (field: string, f: (items: LineForm[]) => void) => void;
}) {
  const { t } = useTranslation();
  const line = (item: LineForm, i: number) => ({ item, i, problems, onChange });
  return (
    <fieldset>
      <legend>{t('case.items')}</legend>
      {items.map((it, i) => (
        <div className="row" key={i} role="group" aria-label={`${t('check.item')} ${i + 1}`}>
          <LineField
            {...line(it, i)}
            name="eccn"
            label={t('check.eccn')}
            required={eccnRequired}
            list="eccn-list"
          />
          <LineField
            {...line(it, i)}
            name="description"
            label={t('check.description')}
            required
            className="grow"
          />
          <LineField {...line(it, i)} name="quantity" label={t('check.quantity')} required numeric />
          <LineField {...line(it, i)} name="valueUsd" label={t('check.value')} required numeric />
          {items.length > 1 ? (
            <button type="button" onClick={() => onChange('items', (d) => void d.splice(i, 1))}>
              {t('check.removeItem', { n: i + 1 })}
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" onClick={() => onChange('items', (d) => void d.push(emptyLine()))}>
        {t('check.addItem')}
      </button>
    </fieldset>
  );
}

// ------------------------------------------------------------------------------------ license application

/** A license application prepared from a saved transaction, with the End-User Statement it needs. */
export function LicenseApplicationForm({
  transactions,
  onCreated,
}: {
  transactions: readonly Rec<Transaction>[];
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const statements = useLoad(() => get<Rec<EusRequest>[]>('/eus-requests'));
  const issued = (statements.data ?? [])
    .filter((s) => s.state === 'issued' && s.data.statementNumber)
    .map((s) => ({ id: s.id, statementNumber: s.data.statementNumber, endUser: s.data.endUser.name }));
  const open = transactions.filter((x) => x.state === 'open');
  const { form, setForm, problems, setProblems, change } = useForm<LicenseForm | null>(() => null);
  const submit = useSubmit();
  const [created, setCreated] = useState('');
  const tx = form ? transactions.find((x) => x.id === form.transactionId) : undefined;
  const warnNoStatement = !!form && needsStatement(tx?.data.determination.result) && !form.eusRequestId;

  const choose = (id: string) => {
    const x = transactions.find((r) => r.id === id);
    setForm(x ? licenseFormFrom(x.id, x.data.determination.input) : null);
    setProblems([]);
    setCreated('');
    submit.setError(null);
  };
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const built = buildLicenseApplication(form, issued);
    if (!built.ok) return setProblems(built.problems);
    const r = await submit.run((key) =>
      post<{ id: string }>('/license-applications', built.body, { idempotencyKey: key }),
    );
    if (r) {
      setCreated(r.id);
      setForm(null);
      onCreated(r.id);
    }
  };
  const set = (field: keyof LicenseForm) => (e: { target: { value: string } }) =>
    change(field, (d) => void (d && ((d as unknown as Record<string, string>)[field] = e.target.value)));

  return (
    <details className="new-request" data-testid="new-license">
      <summary>{t('license.new')}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={t('license.new')} noValidate>
        <Input label={t('license.fromTransaction')} field="transactionId" problems={problems} required>
          {(a) => (
            <select {...a} value={form?.transactionId ?? ''} onChange={(e) => choose(e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {open.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.data.reference} · {t(`auth.${x.data.determination.result.authorization}`)}
                </option>
              ))}
            </select>
          )}
        </Input>
        {form ? (
          <>
            <fieldset>
              <legend>{t('license.parties')}</legend>
              {problems.some((p) => p.field === 'parties') ? (
                <p className="error small">{t('form.err.endUserRequired')}</p>
              ) : null}
              {form.parties.map((p, i) => (
                <div className="row" key={i}>
                  <span className="muted">{t(`partyRole.${p.role}`, { defaultValue: p.role })}</span>
                  <Input
                    label={t('check.partyName')}
                    field={`parties.${i}.name`}
                    problems={problems}
                    required
                    className="grow"
                  >
                    {(a) => (
                      <input
                        {...a}
                        value={p.name}
                        onChange={(e) =>
                          change(`parties.${i}.name`, (d) => void (d!.parties[i]!.name = e.target.value))
                        }
                      />
                    )}
                  </Input>
                  <span className="muted">{p.country}</span>
                </div>
              ))}
            </fieldset>
            <Lines
              items={form.items}
              problems={problems}
              eccnRequired
              onChange={(field, f) => change(field, (d) => f(d!.items))}
            />
            <Input label={t('eus.endUse')} field="endUse" problems={problems} required>
              {(a) => <textarea {...a} rows={2} value={form.endUse} onChange={set('endUse')} />}
            </Input>
            <Input
              label={t('license.statement')}
              field="eusRequestId"
              problems={problems}
              hint={t('license.statementHint')}
            >
              {(a) => (
                <select {...a} value={form.eusRequestId} onChange={set('eusRequestId')}>
                  <option value="">{t('license.noStatement')}</option>
                  {issued.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.statementNumber} · {s.endUser}
                    </option>
                  ))}
                </select>
              )}
            </Input>
            {warnNoStatement ? (
              <p className="callout warn" role="alert" data-testid="statement-warning">
                {t('license.statementMissing')}
              </p>
            ) : null}
            <Input label={t('license.additional')} field="additionalInformation" problems={problems}>
              {(a) => (
                <textarea
                  {...a}
                  rows={2}
                  value={form.additionalInformation}
                  onChange={set('additionalInformation')}
                />
              )}
            </Input>
            <button type="submit" className="primary" disabled={submit.busy}>
              {t('license.create')}
            </button>
          </>
        ) : open.length ? null : (
          <p className="muted">{t('license.noTransactions')}</p>
        )}
        <ErrorBox error={submit.error} />
        <Status text={created ? t('license.created', { id: created }) : ''} />
      </form>
    </details>
  );
}

// ------------------------------------------------------------------------------------ VEU application

export function VeuApplicationForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { form, setForm, problems, setProblems, change } = useForm<VeuForm>(emptyVeuForm);
  const submit = useSubmit();
  const [created, setCreated] = useState('');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildVeuApplication(form);
    if (!built.ok) return setProblems(built.problems);
    const r = await submit.run((key) =>
      post<{ id: string }>('/veu-applications', built.body, { idempotencyKey: key }),
    );
    if (r) {
      setCreated(r.id);
      setForm(emptyVeuForm());
      onCreated(r.id);
    }
  };
  const text = (field: keyof VeuForm, label: string, required = false, area = false) => (
    <Input label={label} field={field} problems={problems} required={required}>
      {(a) =>
        area ? (
          <textarea
            {...a}
            rows={2}
            value={String(form[field])}
            onChange={(e) =>
              change(field, (d) => void ((d as unknown as Record<string, string>)[field] = e.target.value))
            }
          />
        ) : (
          <input
            {...a}
            value={String(form[field])}
            onChange={(e) =>
              change(field, (d) => void ((d as unknown as Record<string, string>)[field] = e.target.value))
            }
          />
        )
      }
    </Input>
  );
  return (
    <details className="new-request" data-testid="new-veu">
      <summary>{t('veu.new')}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={t('veu.new')} noValidate>
        {text('candidateName', t('veu.candidate'), true)}
        {text('candidateAddress', t('check.address'), true)}
        {text('ownership', t('veu.ownership'), false, true)}
        <div className="row">
          {text('facilityName', t('veu.facilityName'), true)}
          {text('facilityAddress', t('veu.facilityAddress'), true)}
        </div>
        {text('items', t('veu.itemsInput'), true)}
        {text('civilEndUses', t('veu.civilEndUses'), true, true)}
        {text('customers', t('veu.customers'), false, true)}
        {text('complianceProgram', t('veu.complianceProgram'), true, true)}
        <Input label={t('veu.consent')} field="consent" problems={problems} required className="check">
          {(a) => (
            <input
              {...a}
              type="checkbox"
              checked={form.consent}
              onChange={(e) => change('consent', (d) => void (d.consent = e.target.checked))}
            />
          )}
        </Input>
        <button type="submit" className="primary" disabled={submit.busy}>
          {t('veu.create')}
        </button>
        <ErrorBox error={submit.error} />
        <Status text={created ? t('veu.created', { id: created }) : ''} />
      </form>
    </details>
  );
}

// ------------------------------------------------------------------------------------ End-User Statement

/**
 * A new End-User Statement request, or — given `edit` — the importer's changes to a draft or to a request
 * MOFCOM asked more of (`POST /eus-requests/{id}/update`), with the same fields and the same checks.
 */
export function EusRequestForm({
  onCreated,
  edit,
}: {
  onCreated: (id: string) => void;
  edit?: { id: string; data: EusRequest };
}) {
  const { t } = useTranslation();
  const exporters = useLoad(() => get<{ id: string; name: string }[]>('/directory/exporters'));
  const { form, setForm, problems, setProblems, change } = useForm<EusForm>(() =>
    edit ? eusFormFrom(edit.data) : emptyEusForm(),
  );
  const submit = useSubmit();
  const [created, setCreated] = useState('');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildEusRequest(form, exporters.data ?? [], today());
    if (!built.ok) return setProblems(built.problems);
    const r = await submit.run((key) =>
      post<{ id: string }>(edit ? `/eus-requests/${edit.id}/update` : '/eus-requests', built.body, {
        idempotencyKey: key,
      }),
    );
    if (r) {
      setCreated(r.id);
      if (!edit) setForm(emptyEusForm());
      onCreated(r.id);
    }
  };
  const title = edit ? t('eus.edit') : t('eus.new');
  const field = (
    name: keyof EusForm,
    label: string,
    opts: { required?: boolean; area?: boolean; type?: string; hint?: string } = {},
  ) => (
    <Input label={label} field={name} problems={problems} required={opts.required} hint={opts.hint}>
      {(a) => {
        const props = {
          ...a,
          value: String(form[name]),
          onChange: (e: { target: { value: string } }) =>
            change(name, (d) => void ((d as unknown as Record<string, string>)[name] = e.target.value)),
        };
        return opts.area ? (
          <textarea {...props} rows={3} />
        ) : (
          <input {...props} type={opts.type ?? 'text'} {...(opts.type === 'date' ? { max: today() } : {})} />
        );
      }}
    </Input>
  );
  return (
    <details className="new-request" data-testid={edit ? 'edit-eus' : 'new-eus'}>
      <summary>{title}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={title} noValidate>
        <ErrorBox error={exporters.error} />
        <Input label={t('eus.exporter')} field="exporterOrgId" problems={problems} required>
          {(a) => (
            <select
              {...a}
              value={form.exporterOrgId}
              onChange={(e) => change('exporterOrgId', (d) => void (d.exporterOrgId = e.target.value))}
            >
              <option value="">{t('common.choose')}</option>
              {(exporters.data ?? []).map((o) => (
                <option key={o.id} value={o.id} lang="en">
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Input>
        {field('importerName', t('eus.importer'), { required: true })}
        {field('endUser', t('eus.endUser'), { required: true })}
        {field('address', t('check.address'))}
        {field('endUse', t('eus.endUse'), { required: true, area: true })}
        <div className="row">
          {field('contractTitle', t('eus.contractTitle'))}
          {field('contractNumber', t('eus.contractNumber'))}
        </div>
        <Lines
          items={form.items}
          problems={problems}
          eccnRequired={false}
          onChange={(name, f) => change(name, (d) => f(d.items))}
        />
        <fieldset>
          <legend>{t('eus.signature')}</legend>
          <Input label={t('eus.language')} field="language" problems={problems} hint={t('eus.languageHint')}>
            {(a) => (
              <select
                {...a}
                value={form.language}
                onChange={(e) => change('language', (d) => void (d.language = e.target.value))}
              >
                <option value="zh">{t('eus.lang.zh')}</option>
                <option value="en">{t('eus.lang.en')}</option>
              </select>
            )}
          </Input>
          <div className="row">
            {field('signatory', t('eus.signatory'))}
            {field('signatoryTitle', t('eus.signatoryTitle'))}
            {field('signedOn', t('eus.signedOn'), { type: 'date' })}
          </div>
          <p className="small muted">{t('eus.signatureHint')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('eus.translation')}</legend>
          {needsTranslation(form) ? <p className="small callout warn">{t('eus.translationNeeded')}</p> : null}
          {field('translation', t('eus.translationText'), { area: true })}
          <div className="row">
            <Input label={t('eus.madeBy')} field="madeBy" problems={problems}>
              {(a) => (
                <select
                  {...a}
                  value={form.madeBy}
                  onChange={(e) =>
                    change('madeBy', (d) => void (d.madeBy = e.target.value as EusForm['madeBy']))
                  }
                >
                  <option value="">{t('common.choose')}</option>
                  <option value="translating_service">{t('eus.madeByService')}</option>
                  <option value="certified_by_applicant">{t('eus.madeByApplicant')}</option>
                </select>
              )}
            </Input>
            {field('translator', t('eus.translator'))}
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={submit.busy}>
          {edit ? t('eus.save') : t('eus.create')}
        </button>
        <ErrorBox error={submit.error} />
        <Status text={created ? t(edit ? 'eus.saved' : 'eus.created', { id: created }) : ''} />
      </form>
    </details>
  );
}

// ------------------------------------------------------------------------------------ outreach event

export function OutreachEventForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { form, setForm, problems, setProblems, change } = useForm<OutreachForm>(emptyOutreachForm);
  const submit = useSubmit();
  const [created, setCreated] = useState('');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildOutreachEvent(form, today());
    if (!built.ok) return setProblems(built.problems);
    const r = await submit.run((key) =>
      post<{ id: string }>('/outreach-events', built.body, { idempotencyKey: key }),
    );
    if (r) {
      setCreated(r.id);
      setForm(emptyOutreachForm());
      onCreated(r.id);
    }
  };
  const set = (name: keyof OutreachForm) => (e: { target: { value: string } }) =>
    change(name, (d) => void ((d as unknown as Record<string, string>)[name] = e.target.value));
  return (
    <details className="new-request" data-testid="new-event">
      <summary>{t('outreach.new')}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={t('outreach.new')} noValidate>
        <Input label={t('outreach.title')} field="title" problems={problems} required>
          {(a) => <input {...a} value={form.title} onChange={set('title')} />}
        </Input>
        <div className="row">
          <Input label={t('outreach.date')} field="date" problems={problems} required>
            {(a) => <input {...a} type="date" value={form.date} onChange={set('date')} />}
          </Input>
          <Input label={t('outreach.location')} field="location" problems={problems} className="grow">
            {(a) => <input {...a} value={form.location} onChange={set('location')} />}
          </Input>
          <Input label={t('outreach.kind')} field="kind" problems={problems}>
            {(a) => (
              <select {...a} value={form.kind} onChange={set('kind')}>
                {(['public_private_dialogue', 'joint_outreach', 'seminar'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`outreach.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Input>
        </div>
        <Input
          label={t('outreach.agenda')}
          field="agenda"
          problems={problems}
          hint={t('decision.onePerLine')}
        >
          {(a) => <textarea {...a} rows={3} value={form.agenda} onChange={set('agenda')} />}
        </Input>
        <button type="submit" className="primary" disabled={submit.busy}>
          {t('outreach.create')}
        </button>
        <ErrorBox error={submit.error} />
        <Status text={created ? t('outreach.created', { id: created }) : ''} />
      </form>
    </details>
  );
}
