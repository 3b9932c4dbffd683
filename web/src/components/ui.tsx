/** Small accessible building blocks: labelled fields, status and error regions, badges, clocks, tabs. */
import { Component, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../api';
import { clockStatus } from '../lib/clock';
import type { ClockEvent } from '../types';

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const d = await run();
      if (mine === seq.current) {
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

/** The i18n key of an error code's sentence ("CASE.INVALID_TRANSITION" -> "errorCode.CASE_INVALID_TRANSITION"). */
export const errorKey = (code: string) => `errorCode.${code.replace(/\./g, '_')}`;

/** An error as a sentence in the reader's language: the code's sentence (the code itself for unknown ones). */
export function errorText(e: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e instanceof ApiError)
    return t(errorKey(e.code), { defaultValue: t('errorCode.other', { code: e.code }) });
  if (e instanceof TypeError) return t('errorCode.network');
  return e instanceof Error ? e.message : String(e);
}

/**
 * An error for the reader: the sentence of its code in their language, then what the server said (English,
 * tagged as such) — the release gate's refusals one a line with their citations — and the code, small.
 */
export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <div role="alert" className="error">
      <p>{errorText(error, t)}</p>
      {api?.refusals.length ? (
        <ul className="refusals" data-testid="refusals">
          {api.refusals.map((r, i) => (
            <li key={i}>
              {r.line !== undefined ? `${t('check.item')} ${r.line + 1}: ` : ''}
              <span lang="en">{r.reason}</span>{' '}
              <span className="citation" lang="en">
                ({r.citation})
              </span>
            </li>
          ))}
        </ul>
      ) : api?.message ? (
        <p className="small">
          {t('error.detail')}: <span lang="en">{api.message}</span>
          {api.field ? (
            <>
              {' '}
              (<code>{api.field}</code>)
            </>
          ) : null}
        </p>
      ) : null}
      {api ? (
        <p className="small muted">
          <code>{api.code}</code>
        </p>
      ) : null}
    </div>
  );
}

/**
 * One submission at a time with one Idempotency-Key per record meant: the button is disabled while pending,
 * and a retry after a failure (or a second click that got through) reuses the key, so the server creates one
 * record. The key is renewed once a submission succeeds.
 */
export function useSubmit() {
  const key = useRef(newIdempotencyKey());
  const pending = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T,>(send: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> => {
      if (pending.current) return undefined;
      pending.current = true;
      setBusy(true);
      setError(null);
      try {
        const out = await send(key.current);
        key.current = newIdempotencyKey();
        return out;
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        pending.current = false;
        setBusy(false);
      }
    },
    [],
  );
  return { run, busy, error, setError };
}

/** A crash inside a desk shows a message and a way back, never a white page. */
export class ErrorBoundary extends Component<
  { children: ReactNode; fallback: (error: Error, reset: () => void) => ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error) {
    console.error(error);
  }
  override render() {
    const { error } = this.state;
    return error ? this.props.fallback(error, () => this.setState({ error: null })) : this.props.children;
  }
}

export function CrashMessage({ error, reset }: { error: Error; reset: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error crash">
      <p>{t('crash.message')}</p>
      <p className="small">
        <span lang="en">{error.message}</span>
      </p>
      <button type="button" onClick={reset}>
        {t('crash.retry')}
      </button>
    </div>
  );
}

/** A field's error, next to it: the message in the reader's language, tied to the control by its id. */
export function FieldError({
  id,
  problem,
}: {
  id: string;
  problem: { key: string; values?: Record<string, unknown> } | null | undefined;
}) {
  const { t } = useTranslation();
  return problem ? (
    <p id={id} className="error small">
      {t(problem.key, problem.values)}
    </p>
  ) : null;
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useTranslation();
  return when ? (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  ) : null;
}

export function Field({
  label,
  hint,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  children: (id: string, describedBy?: string) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint ? (
        <small id={hintId} className="hint">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(`state.${state}`, { defaultValue: state })}</span>;
}

/** Days the review clock ran against its target, as a meter with the numbers written out. */
export function ClockCell({
  clock,
  target,
  asOf,
}: {
  clock: readonly ClockEvent[];
  target: number;
  asOf: string;
}) {
  const { t } = useTranslation();
  const s = clockStatus(clock, target, asOf);
  if (s.phase === 'not_started') return <span className="muted">{t('clock.notStarted')}</span>;
  const text = t('clock.daysOf', { elapsed: s.elapsed, target: s.target });
  return (
    <span className={`clock ${s.overdue ? 'overdue' : ''}`}>
      <meter
        min={0}
        max={Math.max(s.target, s.elapsed)}
        low={s.target * 0.75}
        high={s.target}
        optimum={0}
        value={s.elapsed}
        aria-label={text}
      >
        {text}
      </meter>{' '}
      <span>{text}</span> <span className="muted">({t(`clock.phase.${s.phase}`)})</span>
      {s.overdue ? <strong className="overdue-label"> {t('clock.overdue')}</strong> : null}
    </span>
  );
}

export interface Tab {
  id: string;
  label: string;
}

/** Keyboard tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, Home/End to the ends). */
export function Tabs({
  tabs,
  current,
  onChange,
  label,
}: {
  tabs: readonly Tab[];
  current: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (to: number) => {
    const tab = tabs[(to + tabs.length) % tabs.length];
    if (!tab) return;
    onChange(tab.id);
    refs.current[tab.id]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          ref={(el) => {
            refs.current[tab.id] = el;
          }}
          role="tab"
          type="button"
          aria-selected={tab.id === current}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onChange(tab.id)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(i + 1);
            else if (e.key === 'ArrowLeft') move(i - 1);
            else if (e.key === 'Home') move(0);
            else if (e.key === 'End') move(tabs.length - 1);
            else return;
            e.preventDefault();
          }}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} className="panel">
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}

export const money = (n: number | undefined, lang: string) =>
  n === undefined
    ? ''
    : new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
        style: 'currency',
        currency: 'USD',
        maximumFractionDigits: 0,
      }).format(n);
