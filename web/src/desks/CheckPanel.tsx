/** The exporter's shipment check: items with ECCN autocomplete, parties, end use, date, what-if overlay. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, newIdempotencyKey, post } from '../api';
import { ErrorBox, Field, useLoad } from '../components/ui';
import { Verdict } from '../components/Verdict';
import {
  buildCheck,
  demoForm,
  emptyForm,
  emptyItem,
  emptyParty,
  END_USE_FLAGS,
  listOverlayTemplate,
  veuOverlayTemplate,
  type CheckForm,
  type FormProblem,
  type TriState,
} from '../lib/check-form';
import { today } from '../lib/clock';
import type { CheckInput, CheckOutput, Eccn } from '../types';

let eccnCache: Promise<Eccn[]> | null = null;
const loadEccns = () =>
  (eccnCache ??= get<Eccn[]>('/eccns').catch((e) => ((eccnCache = null), Promise.reject(e))));

const PARTY_ROLES = ['end_user', 'ultimate_consignee', 'intermediate_consignee', 'purchaser'] as const;
const PARTY_TYPES = ['', 'company', 'government', 'military', 'university', 'person'] as const;
const KINDS = ['commodity', 'software', 'technology'] as const;

export function CheckPanel() {
  const { t } = useTranslation();
  const eccns = useLoad(loadEccns);
  const [form, setForm] = useState<CheckForm>(() => emptyForm(today()));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{
    input: CheckInput;
    result: CheckOutput;
    /** one transaction per answer: double clicks and retries of "save" send this Idempotency-Key */
    key: string;
  } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const problem = (field: string) => problems.find((p) => p.field === field);
  // an edit re-checks the fields already marked, so a fixed field's message goes away (no stale errors)
  const update = (f: (draft: CheckForm) => void) => {
    const draft = structuredClone(form);
    f(draft);
    setForm(draft);
    setError(null);
    if (problems.length) {
      const again = buildCheck(draft);
      setProblems(again.ok ? [] : again.problems);
    }
  };

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildCheck(form);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const result = built.overlay
        ? await post<CheckOutput>('/checks/what-if', { input: built.input, overlay: built.overlay })
        : await post<CheckOutput>('/checks', built.input);
      setAnswer({ input: built.input, result, key: newIdempotencyKey() });
      requestAnimationFrame(() => document.getElementById('verdict-h')?.focus());
    } catch (err) {
      setError(err);
      setAnswer(null);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!answer || saving) return;
    setSaving(true);
    setError(null);
    try {
      // the reference is derived from the answer's key, so a retry sends the very same request
      const reference = `WEB-${answer.result.asOf.replace(/-/g, '')}-${answer.key.slice(0, 8).toUpperCase()}`;
      const tx = await post<{ id: string }>(
        '/transactions',
        { reference, check: answer.input },
        { idempotencyKey: answer.key },
      );
      setSaved(tx.id);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const errorFor = (field: string) => {
    const p = problem(field);
    return p ? (
      <p id={`err-${field}`} className="error small">
        {t(p.key, p.values)}
      </p>
    ) : null;
  };
  const invalid = (field: string) =>
    problem(field) ? { 'aria-invalid': true as const, 'aria-describedby': `err-${field}` } : {};

  return (
    <>
      <form className="check-form" onSubmit={(e) => void run(e)} aria-labelledby="check-h">
        <h2 id="check-h">{t('check.title')}</h2>
        <datalist id="eccn-list">
          {(eccns.data ?? []).map((e) => (
            <option key={e.eccn} value={e.eccn}>
              {e.heading.slice(0, 90)}
            </option>
          ))}
        </datalist>
        <div className="row">
          <Field label={t('check.asOf')} hint={t('check.asOfHint')}>
            {(id, hint) => (
              <>
                <input
                  id={id}
                  type="date"
                  min="2000-01-01"
                  aria-invalid={problem('asOf') ? true : undefined}
                  aria-describedby={[hint, problem('asOf') ? 'err-asOf' : ''].filter(Boolean).join(' ')}
                  value={form.asOf}
                  onChange={(e) => update((d) => void (d.asOf = e.target.value))}
                />
                {errorFor('asOf')}
              </>
            )}
          </Field>
          <Field label={t('check.destination')}>
            {(id) => (
              <select
                id={id}
                value={form.destination}
                onChange={(e) => update((d) => void (d.destination = e.target.value))}
              >
                {['CN', 'HK', 'MO'].map((c) => (
                  <option key={c} value={c}>
                    {t(`country.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>

        <fieldset>
          <legend>{t('check.items')}</legend>
          {form.items.map((it, i) => (
            <div className="row item-row" key={i} role="group" aria-label={`${t('check.item')} ${i + 1}`}>
              <Field label={t('check.eccn')} hint={i === 0 ? t('check.eccnHint') : undefined}>
                {(id, hint) => (
                  <>
                    <input
                      id={id}
                      list="eccn-list"
                      autoComplete="off"
                      className="eccn"
                      value={it.eccn}
                      aria-describedby={
                        [hint, problem(`items.${i}.eccn`) ? `err-items.${i}.eccn` : '']
                          .filter(Boolean)
                          .join(' ') || undefined
                      }
                      aria-invalid={problem(`items.${i}.eccn`) ? true : undefined}
                      onChange={(e) => update((d) => void (d.items[i]!.eccn = e.target.value))}
                    />
                    {errorFor(`items.${i}.eccn`)}
                  </>
                )}
              </Field>
              <Field label={t('check.description')} className="grow">
                {(id) => (
                  <input
                    id={id}
                    value={it.description}
                    onChange={(e) => update((d) => void (d.items[i]!.description = e.target.value))}
                  />
                )}
              </Field>
              <Field label={t('check.kind')}>
                {(id) => (
                  <select
                    id={id}
                    value={it.kind}
                    onChange={(e) =>
                      update((d) => void (d.items[i]!.kind = e.target.value as (typeof KINDS)[number]))
                    }
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`kind.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('check.quantity')}>
                {(id) => (
                  <>
                    <input
                      id={id}
                      inputMode="decimal"
                      className="num"
                      value={it.quantity}
                      {...invalid(`items.${i}.quantity`)}
                      onChange={(e) => update((d) => void (d.items[i]!.quantity = e.target.value))}
                    />
                    {errorFor(`items.${i}.quantity`)}
                  </>
                )}
              </Field>
              <Field label={t('check.value')}>
                {(id) => (
                  <>
                    <input
                      id={id}
                      inputMode="decimal"
                      className="num"
                      value={it.valueUsd}
                      {...invalid(`items.${i}.valueUsd`)}
                      onChange={(e) => update((d) => void (d.items[i]!.valueUsd = e.target.value))}
                    />
                    {errorFor(`items.${i}.valueUsd`)}
                  </>
                )}
              </Field>
              {form.items.length > 1 ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => update((d) => void d.items.splice(i, 1))}
                >
                  {t('check.removeItem', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" onClick={() => update((d) => void d.items.push(emptyItem()))}>
            {t('check.addItem')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('check.parties')}</legend>
          {form.parties.map((p, i) => (
            <div className="row" key={i} role="group" aria-label={`${t('check.party')} ${i + 1}`}>
              <Field label={t('check.role')}>
                {(id) => (
                  <select
                    id={id}
                    value={p.role}
                    onChange={(e) =>
                      update(
                        (d) => void (d.parties[i]!.role = e.target.value as (typeof PARTY_ROLES)[number]),
                      )
                    }
                  >
                    {PARTY_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`partyRole.${r}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('check.partyName')} className="grow">
                {(id) => (
                  <input
                    id={id}
                    value={p.name}
                    onChange={(e) => update((d) => void (d.parties[i]!.name = e.target.value))}
                  />
                )}
              </Field>
              <Field label={t('check.country')}>
                {(id) => (
                  <input
                    id={id}
                    className="cc"
                    maxLength={2}
                    value={p.country}
                    onChange={(e) => update((d) => void (d.parties[i]!.country = e.target.value))}
                  />
                )}
              </Field>
              <Field label={t('check.partyType')}>
                {(id) => (
                  <select
                    id={id}
                    value={p.type}
                    onChange={(e) =>
                      update(
                        (d) => void (d.parties[i]!.type = e.target.value as (typeof PARTY_TYPES)[number]),
                      )
                    }
                  >
                    {PARTY_TYPES.map((k) => (
                      <option key={k} value={k}>
                        {t(`partyType.${k || 'none'}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('check.address')} className="grow">
                {(id) => (
                  <input
                    id={id}
                    value={p.address}
                    onChange={(e) => update((d) => void (d.parties[i]!.address = e.target.value))}
                  />
                )}
              </Field>
              <button
                type="button"
                className="link"
                onClick={() => update((d) => void d.parties.splice(i, 1))}
              >
                {t('check.removeParty', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => update((d) => void d.parties.push(emptyParty()))}>
            {t('check.addParty')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('check.endUse')}</legend>
          <Field label={t('check.endUseDescription')} className="grow">
            {(id) => (
              <input
                id={id}
                value={form.endUseDescription}
                onChange={(e) => update((d) => void (d.endUseDescription = e.target.value))}
              />
            )}
          </Field>
          <div className="flags">
            {END_USE_FLAGS.map((f) => (
              <Field key={f} label={t(`endUse.${f}`)}>
                {(id) => (
                  <select
                    id={id}
                    value={form.endUse[f]}
                    onChange={(e) => update((d) => void (d.endUse[f] = e.target.value as TriState))}
                  >
                    <option value="no">{t('common.no')}</option>
                    <option value="yes">{t('common.yes')}</option>
                    <option value="unknown">{t('common.unknown')}</option>
                  </select>
                )}
              </Field>
            ))}
          </div>
        </fieldset>

        <details className="whatif">
          <summary>{t('check.veuAndWhatIf')}</summary>
          <div className="row">
            <Field label={t('check.veuEndUser')} className="grow">
              {(id) => (
                <input
                  id={id}
                  value={form.veuEndUser}
                  onChange={(e) => update((d) => void (d.veuEndUser = e.target.value))}
                />
              )}
            </Field>
            <Field label={t('check.veuFacility')} className="grow">
              {(id) => (
                <input
                  id={id}
                  value={form.veuFacility}
                  onChange={(e) => update((d) => void (d.veuFacility = e.target.value))}
                />
              )}
            </Field>
          </div>
          {errorFor('veu')}
          <Field label={t('check.overlay')} hint={t('check.overlayHint')}>
            {(id, hint) => (
              <>
                <textarea
                  id={id}
                  rows={6}
                  className="mono"
                  value={form.overlay}
                  aria-describedby={[hint, problem('overlay') ? 'err-overlay' : ''].filter(Boolean).join(' ')}
                  aria-invalid={problem('overlay') ? true : undefined}
                  onChange={(e) => update((d) => void (d.overlay = e.target.value))}
                />
                {errorFor('overlay')}
              </>
            )}
          </Field>
          <div className="buttons">
            <button type="button" onClick={() => update((d) => void (d.overlay = veuOverlayTemplate(d)))}>
              {t('check.templateVeu')}
            </button>
            <button type="button" onClick={() => update((d) => void (d.overlay = listOverlayTemplate(d)))}>
              {t('check.templateList')}
            </button>
            <button type="button" onClick={() => update((d) => void (d.overlay = ''))}>
              {t('check.clearOverlay')}
            </button>
          </div>
        </details>

        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('check.running') : t('check.run')}
          </button>
          <button type="button" onClick={() => setForm({ ...demoForm(form.asOf) })}>
            {t('check.loadDemo')}
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(emptyForm(form.asOf));
              setProblems([]);
              setAnswer(null);
            }}
          >
            {t('check.clear')}
          </button>
        </div>
        {problems.length ? (
          <p role="alert" className="error">
            {t('check.fixProblems', { count: problems.length })}
          </p>
        ) : null}
        <ErrorBox error={error} />
      </form>
      {answer ? (
        <>
          <Verdict input={answer.input} result={answer.result} />
          <div className="buttons">
            <button type="button" onClick={() => void save()} disabled={saving || !!saved}>
              {t('check.saveTransaction')}
            </button>
            <p role="status" className="ok-text">
              {saved ? t('check.saved', { id: saved }) : ''}
            </p>
          </div>
        </>
      ) : null}
    </>
  );
}
