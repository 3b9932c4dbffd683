/** A determination as the exporter reads it: the verdict, each reason with its citation, documents, hits. */
import { useTranslation } from 'react-i18next';
import { messageOf, render, type Message } from '../../../src/core/messages/messages.js';
import type { CheckInput, CheckOutput } from '../types';
import { HitList } from './Hits';

export function Verdict({ input, result }: { input: CheckInput; result: CheckOutput }) {
  const { t, i18n } = useTranslation();
  // explanations from their message keys in the reader's language (English text as the fallback for old answers)
  const lang = i18n.language?.startsWith('zh') ? 'zh' : 'en';
  const say = (m: Message | undefined, english: string) => render(m ?? messageOf(english), lang);
  const who = (r: { item: number | null; party: number | null }) => {
    if (r.item !== null && r.item !== undefined)
      return `${t('check.item')} ${r.item + 1}: ${input.items[r.item]?.eccn ?? ''}`;
    if (r.party !== null && r.party !== undefined)
      return `${t('check.party')} ${r.party + 1}: ${input.parties[r.party]?.name ?? ''}`;
    return '';
  };
  // every party on a restricted list, loudly: the entry, and the citations of the reasons it gave
  const listed = result.screening.flatMap((sc) =>
    sc.hits.map((hit) => ({
      party: sc.party,
      hit,
      citations: [...new Set(result.reasons.filter((r) => r.party === sc.party).map((r) => r.citation))],
    })),
  );
  return (
    <section className="verdict" aria-labelledby="verdict-h">
      <h2 id="verdict-h" tabIndex={-1}>
        {t('verdict.title')}
      </h2>
      <div className={`verdict-banner auth-${result.authorization}`} data-testid="authorization">
        <span className="big">
          {t(`auth.${result.authorization}`, { defaultValue: result.authorization })}
        </span>
        {result.licenseException ? (
          <span> · {t('verdict.exception', { symbol: result.licenseException })}</span>
        ) : null}
        <div className="small">
          {t('verdict.licenseRequired')}:{' '}
          {result.licenseRequired === null
            ? t('verdict.undetermined')
            : result.licenseRequired
              ? t('common.yes')
              : t('common.no')}
          {result.overlayUsed ? <strong> · {t('verdict.overlayUsed')}</strong> : null}
        </div>
        {result.reviewPolicy ? (
          <div className="small">
            {t('verdict.reviewPolicy')}: <span lang="en">{result.reviewPolicy}</span>
          </div>
        ) : null}
      </div>
      <p className="small muted">
        {t('verdict.stamp', { asOf: result.asOf, ruleSet: result.ruleSet, lists: result.lists })}
      </p>

      {listed.length ? (
        <div className="callout listed" role="alert" data-testid="listed-alert">
          <h3>{t('verdict.listedTitle', { count: listed.length })}</h3>
          <ul>
            {listed.map(({ party, hit, citations }) => (
              <li key={`${party}-${hit.id}`}>
                <strong>
                  {t('verdict.listedParty', {
                    party: input.parties[party]?.name ?? '',
                    list: t(`list.${hit.list}`, { defaultValue: hit.list }),
                  })}
                </strong>
                <div className="small">
                  {t('verdict.listEntry')}: <span lang="en">{hit.name}</span>
                  {hit.matchedName !== hit.name ? (
                    <> ({t('screen.listedAs', { name: hit.matchedName })})</>
                  ) : null}{' '}
                  <code>{hit.id}</code>
                </div>
                {hit.licenseRequirement || hit.licensePolicy ? (
                  <div className="small">
                    {t('screen.licenseRequirement')}:{' '}
                    <span lang="en">
                      {[hit.licenseRequirement, hit.licensePolicy].filter(Boolean).join(' · ')}
                    </span>
                  </div>
                ) : null}
                <div className="small">
                  {t('verdict.citation')}:{' '}
                  <span className="citation" lang="en">
                    {[...citations, hit.federalRegister].filter(Boolean).join('; ') || hit.source}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {result.missing.length ? (
        <div className="callout warn">
          <h3>{t('verdict.missing')}</h3>
          <ul>
            {result.missing.map((m) =>
              typeof m === 'string' ? (
                <li key={m}>
                  <code>{m}</code>
                </li>
              ) : (
                <li key={m.input}>
                  <code>{m.input}</code>: {say(m.message, m.why)}
                </li>
              ),
            )}
          </ul>
        </div>
      ) : null}

      <h3>{t('verdict.reasons', { count: result.reasons.length })}</h3>
      {result.reasons.length ? (
        <table className="reasons">
          <caption className="sr-only">{t('verdict.reasonsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('verdict.code')}</th>
              <th scope="col">{t('verdict.concerns')}</th>
              <th scope="col">{t('verdict.explanation')}</th>
              <th scope="col">{t('verdict.citation')}</th>
            </tr>
          </thead>
          <tbody>
            {result.reasons.map((r, i) => (
              <tr key={i}>
                <td>
                  <code>{r.code}</code>
                  {r.unconfirmed ? (
                    <span className="badge warn-badge">{t('verdict.unconfirmed')}</span>
                  ) : null}
                </td>
                <td>{who(r)}</td>
                <td>{say(r.message, r.explanation)}</td>
                <td className="citation" lang="en">
                  {r.citation}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('verdict.noReasons')}</p>
      )}

      <h3>{t('verdict.documents', { count: result.documents.length })}</h3>
      {result.documents.length ? (
        <ul className="documents">
          {result.documents.map((d, i) => (
            <li key={i}>
              <strong>{t(`doc.${d.type}`, { defaultValue: d.type })}</strong>{' '}
              <span className="citation" lang="en">
                ({d.citation})
              </span>
              {d.unconfirmed ? <span className="badge warn-badge">{t('verdict.unconfirmed')}</span> : null}
              <div className="small">{say(d.message, d.why)}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('verdict.noDocuments')}</p>
      )}

      <h3>{t('verdict.screening')}</h3>
      {result.screening.map((s) => (
        <div key={s.party} className="screening-party">
          <h4>
            {t('check.party')} {s.party + 1}: {input.parties[s.party]?.name}
          </h4>
          {s.note ? (
            <p className="small muted" lang="en">
              {s.note}
            </p>
          ) : null}
          <HitList query={input.parties[s.party]?.name ?? ''} hits={s.hits} />
        </div>
      ))}

      {result.unconfirmed?.length ? (
        <>
          <h3>{t('verdict.unconfirmedTitle')}</h3>
          <ul>
            {result.unconfirmed.map((u, i) => (
              <li key={i} lang="en">
                {u.datum} <span className="citation">({u.citation})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.notes?.length ? (
        <>
          <h3>{t('verdict.notes')}</h3>
          <ul>
            {result.notes.map((n, i) => (
              <li key={i}>{say(result.noteMessages?.[i], n)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
