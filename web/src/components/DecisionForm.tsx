/**
 * The decision form of a work queue: choose an action the record's state allows, fill what that action needs
 * (the reasons are recorded with it), and post it to `/{collection}/{id}/{action}`.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api';
import { today } from '../lib/clock';
import { actionDateProblem } from '../lib/dates';
import type { Built, Problem } from '../lib/trade-forms';
import { ErrorBox, FieldError } from './ui';

export type FieldKind = 'text' | 'textarea' | 'lines' | 'choice' | 'multi';

export interface FieldSpec {
  name: string; // the body field
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
  /** i18n key prefix for option labels (options shown raw when absent) */
  optionKey?: string;
  /** labels of the options (a record's number for its id), shown as given */
  optionLabels?: Readonly<Record<string, string>>;
}

export interface ActionSpec {
  action: string;
  fields: readonly FieldSpec[];
  /** the action takes no date (`on`) */
  noDate?: boolean;
  /** the record's latest earlier date: the action cannot be dated before it */
  earliest?: string;
  /** the date is a reported fact (a reexport): never in the future, but not bound to the back-dating window */
  reportedDate?: boolean;
  /**
   * Checks the values at the field and builds the body (an action whose fields are more than strings and
   * lists, e.g. a VEU amendment); without it the body is `actionBody`'s and only required fields are checked
   */
  build?: (values: Values) => Built<Record<string, unknown>>;
}

export type Values = Record<string, string | string[]>;

/** The request body of an action from the form's values: lines become arrays, empty values are left out. */
export function actionBody(
  spec: ActionSpec,
  values: Values,
  on: string,
  backdateReason = '',
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = values[f.name];
    if (f.kind === 'lines') {
      const lines = String(v ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (lines.length) body[f.name] = lines;
    } else if (f.kind === 'multi') {
      const xs = Array.isArray(v) ? v : [];
      if (xs.length) body[f.name] = xs;
    } else {
      const s = String(v ?? '').trim();
      if (s) body[f.name] = s;
    }
  }
  if (on && !spec.noDate) {
    body.on = on;
    if (on < today() && backdateReason.trim() && !spec.reportedDate)
      body.backdateReason = backdateReason.trim();
  }
  return body;
}

export function missingFields(spec: ActionSpec, values: Values): string[] {
  return spec.fields
    .filter((f) => f.required)
    .filter((f) => {
      const v = values[f.name];
      return Array.isArray(v) ? v.length === 0 : !String(v ?? '').trim();
    })
    .map((f) => f.name);
}

export function DecisionForm({
  collection,
  id,
  actions,
  onDone,
  defaults = {},
}: {
  collection: string;
  id: string;
  actions: readonly ActionSpec[];
  /** the action recorded, with the record the server answered (its state is the outcome) */
  onDone: (action: string, result?: { id?: string; state?: string }) => void;
  defaults?: Values;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const [action, setAction] = useState(actions[0]?.action ?? '');
  const [values, setValues] = useState<Values>(defaults);
  const [on, setOn] = useState(today());
  const [backdateReason, setBackdateReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [dateChecked, setDateChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const pending = useRef(false);
  const [done, setDone] = useState<string | null>(null);
  const spec = actions.find((a) => a.action === action) ?? actions[0];
  if (!actions.length) return <p className="muted">{t('decision.none')}</p>;
  const dateProblem =
    spec && !spec.noDate
      ? actionDateProblem(
          on,
          today(),
          spec.reportedDate
            ? { earliest: spec.earliest, backdateDays: Number.POSITIVE_INFINITY }
            : { earliest: spec.earliest, backdateReason },
        )
      : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!spec || pending.current) return;
    const built = spec.build?.(values);
    const found: Problem[] = built
      ? built.ok
        ? []
        : built.problems
      : missingFields(spec, values).map((field) => ({ field, key: 'decision.required' }));
    setProblems(found);
    setDateChecked(true);
    if (found.length || dateProblem) return;
    pending.current = true;
    setBusy(true);
    setError(null);
    try {
      const body = built?.ok
        ? { ...built.body, ...actionBody({ ...spec, fields: [] }, {}, on, backdateReason) }
        : actionBody(spec, values, on, backdateReason);
      const result = await post<{ id?: string; state?: string }>(`${collection}/${id}/${spec.action}`, body);
      setDone(spec.action);
      setValues(defaults);
      setBackdateReason('');
      setDateChecked(false);
      onDone(spec.action, result && typeof result === 'object' ? result : undefined);
    } catch (err) {
      setError(err);
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };

  // an edit clears what was said about the earlier attempt (stale errors do not stay)
  const set = (name: string, v: string | string[]) => {
    setValues((old) => ({ ...old, [name]: v }));
    setProblems((m) => m.filter((x) => x.field !== name));
    setError(null);
  };
  const label = (f: FieldSpec) => (
    <>
      {t(`field.${f.name}`)}
      {f.required ? <span aria-hidden="true"> *</span> : null}
      {f.required ? <span className="sr-only"> ({t('common.required')})</span> : null}
    </>
  );

  return (
    <form className="decision" onSubmit={(e) => void submit(e)} aria-label={t('decision.title')}>
      <fieldset>
        <legend>{t('decision.action')}</legend>
        <div className="radios">
          {actions.map((a) => (
            <label key={a.action} className="radio">
              <input
                type="radio"
                name={`${uid}-action`}
                value={a.action}
                checked={a.action === spec?.action}
                onChange={() => {
                  setAction(a.action);
                  setProblems([]);
                  setError(null);
                  setDateChecked(false);
                  setDone(null);
                }}
              />{' '}
              {t(`action.${a.action}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {spec?.fields.map((f) => {
        const fid = `${uid}-${f.name}`;
        const problem = problems.find((p) => p.field === f.name);
        const invalid = !!problem;
        const errId = invalid ? `${fid}-err` : undefined;
        const common = {
          id: fid,
          'aria-invalid': invalid || undefined,
          'aria-describedby': errId,
          'aria-required': f.required || undefined,
        };
        const v = values[f.name];
        let control;
        if (f.kind === 'textarea' || f.kind === 'lines')
          control = (
            <textarea
              {...common}
              rows={3}
              value={String(v ?? '')}
              onChange={(e) => set(f.name, e.target.value)}
            />
          );
        else if (f.kind === 'choice')
          control = (
            <select {...common} value={String(v ?? '')} onChange={(e) => set(f.name, e.target.value)}>
              <option value="">{t('common.choose')}</option>
              {f.options?.map((o) => (
                <option key={o} value={o}>
                  {f.optionKey ? t(`${f.optionKey}.${o}`, { defaultValue: o }) : (f.optionLabels?.[o] ?? o)}
                </option>
              ))}
            </select>
          );
        else if (f.kind === 'multi')
          return (
            <fieldset key={f.name} aria-describedby={errId}>
              <legend>{label(f)}</legend>
              {f.options?.map((o) => {
                const list = Array.isArray(v) ? v : [];
                return (
                  <label key={o} className="check">
                    <input
                      type="checkbox"
                      checked={list.includes(o)}
                      onChange={(e) =>
                        set(f.name, e.target.checked ? [...list, o] : list.filter((x) => x !== o))
                      }
                    />{' '}
                    {o}
                  </label>
                );
              })}
              {problem ? (
                <p id={errId} className="error small">
                  {t(problem.key, problem.values)}
                </p>
              ) : null}
            </fieldset>
          );
        else
          control = (
            <input
              {...common}
              type="text"
              value={String(v ?? '')}
              onChange={(e) => set(f.name, e.target.value)}
            />
          );
        return (
          <div className="field" key={f.name}>
            <label htmlFor={fid}>{label(f)}</label>
            {control}
            {f.kind === 'lines' ? <small className="hint">{t('decision.onePerLine')}</small> : null}
            {problem ? (
              <p id={errId} className="error small">
                {t(problem.key, problem.values)}
              </p>
            ) : null}
          </div>
        );
      })}
      {spec && !spec.noDate ? (
        <>
          <div className="field">
            <label htmlFor={`${uid}-on`}>{t('field.on')}</label>
            <input
              id={`${uid}-on`}
              type="date"
              value={on}
              max={today()}
              min={spec.earliest?.slice(0, 10)}
              aria-invalid={
                dateChecked && dateProblem && dateProblem.key !== 'date.err.backdateReason' ? true : undefined
              }
              aria-describedby={dateChecked && dateProblem ? `${uid}-on-err` : undefined}
              onChange={(e) => {
                setOn(e.target.value);
                setError(null);
              }}
            />
            {dateChecked && dateProblem?.key !== 'date.err.backdateReason' ? (
              <FieldError id={`${uid}-on-err`} problem={dateProblem} />
            ) : null}
          </div>
          {on && on < today() && !spec.reportedDate ? (
            <div className="field">
              <label htmlFor={`${uid}-backdate`}>
                {t('field.backdateReason')}
                <span aria-hidden="true"> *</span>
                <span className="sr-only"> ({t('common.required')})</span>
              </label>
              <input
                id={`${uid}-backdate`}
                type="text"
                value={backdateReason}
                aria-invalid={
                  dateChecked && dateProblem?.key === 'date.err.backdateReason' ? true : undefined
                }
                aria-describedby={dateChecked && dateProblem ? `${uid}-on-err` : undefined}
                onChange={(e) => setBackdateReason(e.target.value)}
              />
              {dateChecked && dateProblem?.key === 'date.err.backdateReason' ? (
                <FieldError id={`${uid}-on-err`} problem={dateProblem} />
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {spec ? t('decision.submit', { action: t(`action.${spec.action}`) }) : ''}
      </button>
      <ErrorBox error={error} />
      <p role="status" className="ok-text">
        {done ? t('decision.done', { action: t(`action.${done}`) }) : ''}
      </p>
    </form>
  );
}
