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

export function HitList({ query, hits }: { query: string; hits: readonly Hit[] }) {
  const { t } = useTranslation();
  if (!hits.length) return <p className="ok-text">{t('screen.noHits', { query })}</p>;
  return (
    <ol className="hits">
      {hits.map((h) => {
        const terms = matchedTerms(h.explanation ?? ''); // counterparty hits stored before explanations were kept have none
        return (
          <li key={h.id} className="hit">
            <div className="hit-head">
              <span className={`badge list-${h.list}`}>{t(`list.${h.list}`, { defaultValue: h.list })}</span>{' '}
              <strong>
                <Highlighted text={h.matchedName} terms={terms.listed} />
              </strong>
              {h.matchedName !== h.name ? (
                <span className="muted"> ({t('screen.listedAs', { name: h.name })})</span>
              ) : null}{' '}
              <span className="score">{t('screen.score', { score: h.score.toFixed(2) })}</span>
            </div>
            <div>
              {t('screen.query')}: <Highlighted text={query} terms={terms.query} />
            </div>
            <div className="muted small">
              {h.source}
              {h.countries?.length ? ` · ${h.countries.join(', ')}` : ''}
            </div>
            {h.licenseRequirement ? (
              <div className="small">
                {t('screen.licenseRequirement')}: {h.licenseRequirement}
                {h.licensePolicy ? ` · ${h.licensePolicy}` : ''}
                {h.federalRegister ? ` · ${h.federalRegister}` : ''}
              </div>
            ) : null}
            <details>
              <summary>{t('screen.why')}</summary>
              <p className="small">{h.explanation ?? ''}</p>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
