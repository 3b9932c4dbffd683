/** Party search (one name) and batch screening of a customer file with progress and a CSV to download. */
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api';
import { HitList } from '../components/Hits';
import { ErrorBox, Field } from '../components/ui';
import { parseNames, resultsToCsv, screenAsJob, type BatchProgress } from '../lib/batch';
import type { ScreenResult } from '../types';

export function PartySearch() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<ScreenResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const body: { name: string; country?: string } = { name: name.trim() };
      if (country.trim()) body.country = country.trim().toUpperCase();
      setResult(await post<ScreenResult>('/screen', body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="search-h">
      <h2 id="search-h">{t('screen.searchTitle')}</h2>
      <form className="row" onSubmit={(e) => void submit(e)} role="search" aria-labelledby="search-h">
        <Field label={t('screen.name')} className="grow" hint={t('screen.nameHint')}>
          {(id, hint) => (
            <input id={id} aria-describedby={hint} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label={t('screen.country')}>
          {(id) => (
            <input
              id={id}
              className="cc"
              maxLength={2}
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('screen.search')}
        </button>
      </form>
      <ErrorBox error={error} />
      <div aria-live="polite">
        {result ? (
          <>
            <h3>{t('screen.resultsFor', { query: result.query, count: result.hits.length })}</h3>
            <HitList query={result.query} hits={result.hits} />
          </>
        ) : null}
      </div>
    </section>
  );
}

export function BatchScreen() {
  const { t } = useTranslation();
  const [names, setNames] = useState<string[]>([]);
  const [fileName, setFileName] = useState('');
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [results, setResults] = useState<{ lists: string; results: ScreenResult[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<string | null>(null);
  useEffect(() => () => void (urlRef.current && URL.revokeObjectURL(urlRef.current)), []);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setResults(null);
    setProgress(null);
    if (!file) return;
    setFileName(file.name);
    setNames(parseNames(await file.text()));
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const out = await screenAsJob(names, { post, get }, setProgress);
      setResults(out);
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      urlRef.current = URL.createObjectURL(
        new Blob([resultsToCsv(out.results, out.lists)], { type: 'text/csv' }),
      );
      setUrl(urlRef.current);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const withHits = results?.results.filter((r) => r.hits.length) ?? [];
  return (
    <section aria-labelledby="batch-h">
      <h2 id="batch-h">{t('batch.title')}</h2>
      <p className="small">{t('batch.intro')}</p>
      <div className="row">
        <Field label={t('batch.file')}>
          {(id) => <input id={id} type="file" accept=".txt,.csv,text/plain" onChange={(e) => void pick(e)} />}
        </Field>
        <button
          type="button"
          className="primary"
          disabled={busy || names.length === 0}
          onClick={() => void run()}
        >
          {t('batch.run', { count: names.length })}
        </button>
      </div>
      {fileName ? (
        <p className="small">{t('batch.loaded', { file: fileName, count: names.length })}</p>
      ) : null}
      {progress ? (
        <div className="progress">
          <label htmlFor="batch-progress">{t('batch.progress')}</label>{' '}
          <progress id="batch-progress" max={progress.total || 1} value={progress.done}>
            {progress.done}/{progress.total}
          </progress>{' '}
          <span role="status">{t('batch.progressText', { done: progress.done, total: progress.total })}</span>
        </div>
      ) : null}
      <ErrorBox error={error} />
      {results ? (
        <>
          <p data-testid="batch-summary">
            {t('batch.summary', {
              total: results.results.length,
              hits: withHits.length,
              lists: results.lists,
            })}
          </p>
          {url ? (
            <a
              className="button"
              href={url}
              download={`${fileName.replace(/\.[^.]+$/, '') || 'names'}-screening.csv`}
            >
              {t('batch.download')}
            </a>
          ) : null}
          <table>
            <caption>{t('batch.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('batch.line')}</th>
                <th scope="col">{t('screen.name')}</th>
                <th scope="col">{t('batch.hits')}</th>
                <th scope="col">{t('batch.best')}</th>
              </tr>
            </thead>
            <tbody>
              {results.results.slice(0, 200).map((r, i) => (
                <tr key={i} className={r.hits.length ? 'has-hits' : ''}>
                  <td>{i + 1}</td>
                  <td>{r.query}</td>
                  <td>{r.hits.length}</td>
                  <td>
                    {r.hits[0] ? (
                      <>
                        {t(`list.${r.hits[0].list}`, { defaultValue: r.hits[0].list })}: {r.hits[0].name} (
                        {r.hits[0].score.toFixed(2)})
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {results.results.length > 200 ? <p className="small muted">{t('batch.truncated')}</p> : null}
        </>
      ) : null}
    </section>
  );
}
