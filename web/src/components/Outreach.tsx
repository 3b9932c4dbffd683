/**
 * HTWG outreach (issue 15), for every role the operation table lets take part: the events with their
 * registrations and materials, registering for a planned event, asking a question; and for the organisers
 * (HTWG, BIS, MOFCOM) planning an event, adding a material, marking it held and answering questions.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outreachOrganisers, outreachParticipants } from '../../../src/core/workflows/roles.js';
import { get, post } from '../api';
import type { OutreachEvent, OutreachQuestion, Rec } from '../types';
import type { ActionSpec } from './DecisionForm';
import { CaseList, DefList } from './CaseList';
import { OutreachEventForm } from './TradeForms';
import { ErrorBox, Field, Loading, StateBadge, useLoad, useSubmit } from './ui';

const organises = (role: string) => (outreachOrganisers as readonly string[]).includes(role);
/** Who may register and ask (every role but the auditor's). */
const participates = (role: string) => (outreachParticipants as readonly string[]).includes(role);

interface Registration {
  name: string;
  organisation: string;
  on: string;
}

/** What a role may do to an event in its state. */
export function eventActions(state: string, role: string): ActionSpec[] {
  if (state !== 'planned') return [];
  const out: ActionSpec[] = [];
  if (participates(role)) out.push({ action: 'registrations', noDate: true, fields: [] });
  if (organises(role))
    out.push(
      {
        action: 'materials',
        noDate: true,
        fields: [
          { name: 'title', kind: 'text', required: true },
          { name: 'reference', kind: 'text', required: true },
        ],
      },
      { action: 'held', noDate: true, fields: [] },
    );
  return out;
}

function AskQuestion({ events, onAsked }: { events: readonly Rec<OutreachEvent>[]; onAsked: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [eventId, setEventId] = useState('');
  const [problem, setProblem] = useState(false);
  const [asked, setAsked] = useState('');
  const submit = useSubmit();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setProblem(true);
    const r = await submit.run((key) =>
      post<{ id: string }>(
        '/outreach-questions',
        { text: text.trim(), ...(eventId ? { eventId } : {}) },
        { idempotencyKey: key },
      ),
    );
    if (r) {
      setAsked(r.id);
      setText('');
      setEventId('');
      onAsked();
    }
  };
  return (
    <details className="new-request" data-testid="ask-question">
      <summary>{t('outreach.ask')}</summary>
      <form onSubmit={(e) => void send(e)} aria-label={t('outreach.ask')} noValidate>
        <Field label={t('outreach.question')}>
          {(id) => (
            <>
              <textarea
                id={id}
                rows={3}
                aria-required="true"
                aria-invalid={problem || undefined}
                aria-describedby={problem ? `${id}-err` : undefined}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setProblem(false);
                }}
              />
              {problem ? (
                <p id={`${id}-err`} className="error small">
                  {t('outreach.err.question')}
                </p>
              ) : null}
            </>
          )}
        </Field>
        <Field label={t('outreach.aboutEvent')}>
          {(id) => (
            <select id={id} value={eventId} onChange={(e) => setEventId(e.target.value)}>
              <option value="">{t('outreach.noEvent')}</option>
              {events.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {`${ev.data.title} (${ev.data.date})`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={submit.busy}>
          {t('outreach.send')}
        </button>
        <ErrorBox error={submit.error} />
        <p role="status" className="ok-text">
          {asked ? t('outreach.asked', { id: asked }) : ''}
        </p>
      </form>
    </details>
  );
}

export function OutreachScreen({ role }: { role: string }) {
  const { t } = useTranslation();
  const events = useLoad(() => get<Rec<OutreachEvent>[]>('/outreach-events'));
  const questions = useLoad(() => get<Rec<OutreachQuestion>[]>('/outreach-questions'));
  const organiser = organises(role);
  return (
    <>
      <section aria-labelledby="ev-h">
        <h2 id="ev-h">{t('htwg.eventsTitle')}</h2>
        {organiser ? <OutreachEventForm onCreated={() => void events.reload()} /> : null}
        <ErrorBox error={events.error} />
        {events.data ? (
          <CaseList
            caption={t('htwg.eventsCaption')}
            records={events.data}
            collection="/outreach-events"
            onChanged={() => void events.reload()}
            testId="outreach-events"
            columns={[
              { header: t('htwg.eventTitle'), cell: (r) => r.data.title },
              { header: t('htwg.date'), cell: (r) => r.data.date },
              { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
              { header: t('htwg.registrations'), cell: (r) => r.data.registrations.length },
            ]}
            actions={(r) => eventActions(r.state, role)}
            details={(r) => (
              <DefList
                rows={[
                  [t('htwg.location'), r.data.location],
                  [t('htwg.agenda'), r.data.agenda?.join('; ')],
                  [
                    t('htwg.materials'),
                    r.data.materials.length ? (
                      <ul>
                        {r.data.materials.map((m, i) => (
                          <li key={i}>
                            {m.title}
                            {m.reference ? ` — ${m.reference}` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : undefined,
                  ],
                  [
                    t('outreach.registered'),
                    r.data.registrations.length ? (
                      <ul data-testid="registrations">
                        {(r.data.registrations as Registration[]).map((g, i) => (
                          <li key={i}>{`${g.name} (${g.organisation}) · ${g.on}`}</li>
                        ))}
                      </ul>
                    ) : undefined,
                  ],
                ]}
              />
            )}
          />
        ) : (
          <Loading when={events.loading} />
        )}
      </section>
      <section aria-labelledby="qs-h">
        <h2 id="qs-h">{t('htwg.questionsTitle')}</h2>
        {participates(role) ? (
          <AskQuestion events={events.data ?? []} onAsked={() => void questions.reload()} />
        ) : null}
        <ErrorBox error={questions.error} />
        {questions.data ? (
          <CaseList
            caption={t('htwg.questionsCaption')}
            records={questions.data}
            collection="/outreach-questions"
            onChanged={() => void questions.reload()}
            testId="outreach-questions"
            columns={[
              { header: t('htwg.question'), cell: (r) => r.data.text },
              { header: t('htwg.askedOn'), cell: (r) => r.data.askedOn },
              { header: t('case.state'), cell: (r) => <StateBadge state={r.state} /> },
            ]}
            actions={(r) =>
              organiser && r.state === 'open'
                ? [
                    {
                      action: 'answer',
                      noDate: true,
                      fields: [{ name: 'text', kind: 'textarea', required: true }],
                    },
                  ]
                : []
            }
            details={(r) => (
              <DefList
                rows={[
                  [t('htwg.answer'), r.data.answer],
                  [t('htwg.answeredOn'), r.data.answeredOn],
                ]}
              />
            )}
          />
        ) : (
          <Loading when={questions.loading} />
        )}
      </section>
    </>
  );
}
