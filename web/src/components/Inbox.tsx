/**
 * The inbox (GET /inbox): what awaits the signed-in user's role and organisation, earliest due date first,
 * with the due date as a date and overdue items marked, the counts, and live refresh (polling with backoff).
 * Shown above every desk.
 */
import { useTranslation } from 'react-i18next';
import { refreshInbox, useInbox } from '../lib/inbox';
import { usePoll } from '../lib/poll';
import { say, sayLang } from '../lib/say';
import { ErrorBox } from './ui';

export function Inbox() {
  const { t, i18n } = useTranslation();
  const inbox = useInbox();
  const items = inbox.data?.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  usePoll(refreshInbox, JSON.stringify(items));
  return (
    <section className="inbox" aria-labelledby="inbox-h" data-testid="inbox">
      <h2 id="inbox-h">
        {t('inbox.title')} <span className="count">({items.length})</span>
        {overdue ? (
          <span className="badge warn" data-testid="inbox-overdue">
            {' '}
            {t('records.overdueCount', { count: overdue })}
          </span>
        ) : null}
      </h2>
      <ErrorBox error={inbox.error} />
      {inbox.data && !items.length ? <p>{t('inbox.empty')}</p> : null}
      {items.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t('inbox.caption', { asOf: inbox.data?.asOf ?? '' })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.due')}</th>
                <th scope="col">{t('inbox.what')}</th>
                <th scope="col">{t('inbox.record')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 20).map((i) => (
                <tr key={`${i.kind}:${i.id}:${i.what}`} className={i.overdue ? 'overdue' : undefined}>
                  <td>
                    <time dateTime={i.dueOn ?? undefined}>{i.dueOn ?? t('inbox.noDate')}</time>
                    {i.overdue ? <span className="badge warn"> {t('inbox.overdue')}</span> : null}
                  </td>
                  <td data-testid="inbox-what">
                    <span lang={sayLang(i.message, i18n.language)}>
                      {say(i.message, i18n.language, i.what)}
                    </span>
                    {i.citation ? (
                      <small lang="en" className="citation">
                        {' '}
                        ({i.citation})
                      </small>
                    ) : null}
                  </td>
                  <td>
                    <code>{i.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
