/** Screening hits with the matched words marked in the query and in the listed name. */
import { useTranslation } from 'react-i18next';
import { highlight, matchedTerms } from '../lib/highlight';
import type { Hit } from '../types';

export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  return (
    <>
      {highlight(text, terms).map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}

export function HitList({
  query,
  hits,
  cleared = [],
}: {
  query: string;
  hits: readonly Hit[];
  /** entry ids an analyst cleared as not this party */
  cleared?: readonly string[];
}) {
  const { t } = useTranslation();
  if (!hits.length) return <p className="ok-text">{t('screen.noHits', { query })}</p>;
  return (
    <ol className="hits">
      {hits.map((h) => {
        const terms = matchedTerms(h.explanation ?? ''); // counterparty hits stored before explanations were kept have none
        return (
          <li key={h.id} className={`hit ${cleared.includes(h.id) ? 'cleared' : ''}`}>
            {cleared.includes(h.id) ? <span className="badge state-clear">{t('cp.clearedHit')}</span> : null}
            <div className="hit-head">
              <span className={`badge list-${h.list}`}>{t(`list.${h.list}`, { defaultValue: h.list })}</span>{' '}
              <strong lang="en">
                <Highlighted text={h.matchedName ?? h.name ?? ''} terms={terms.listed} />
              </strong>
              {h.matchedName !== h.name ? (
                <span className="muted"> ({t('screen.listedAs', { name: h.name })})</span>
              ) : null}{' '}
              {typeof h.score === 'number' ? (
                <span className="score">{t('screen.score', { score: h.score.toFixed(2) })}</span>
              ) : null}
            </div>
            <div>
              {t('screen.query')}: <Highlighted text={query} terms={terms.query} />
            </div>
            <div className="muted small" lang="en">
              <code>{h.id}</code>
              {h.source ? ` · ${h.source}` : ''}
              {h.countries?.length ? ` · ${h.countries.join(', ')}` : ''}
            </div>
            {h.licenseRequirement ? (
              <div className="small">
                {t('screen.licenseRequirement')}:{' '}
                <span lang="en">
                  {h.licenseRequirement}
                  {h.licensePolicy ? ` · ${h.licensePolicy}` : ''}
                  {h.federalRegister ? ` · ${h.federalRegister}` : ''}
                </span>
              </div>
            ) : null}
            {h.explanation ? (
              <details>
                <summary>{t('screen.why')}</summary>
                <p className="small" lang="en">
                  {h.explanation}
                </p>
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
