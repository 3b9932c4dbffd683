/**
 * HTWG outreach (dialogues, registrations, materials, questions and answers) and the figures the HTWG
 * follows, computed from the records.
 */
import { outreachEventInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import type { EusRequestData, EusState } from '../../core/workflows/end-user-statement.js';
import type { LicenseApplicationData, LicenseState } from '../../core/workflows/license-application.js';
import {
  licenseDaysByEccn,
  mofcomReviewByMonth,
  veuApplicationFigures,
} from '../../core/workflows/metrics.js';
import {
  answer,
  canOrganise,
  register,
  type EventState,
  type OutreachEventData,
  type QuestionData,
  type QuestionState,
} from '../../core/workflows/outreach.js';
import type { VeuApplicationData, VeuAppState } from '../../core/workflows/veu.js';
import { validate } from '../validate.js';
import { audit, dateOf, getVisible, newId, type Actor, type CaseServices } from './context.js';

export async function createEvent(s: CaseServices, actor: Actor, raw: unknown) {
  if (!canOrganise(actor.role))
    throw new HttError({ code: 'CASE.FORBIDDEN', message: `a ${actor.role} may not organise HTWG events` });
  const input = validate(outreachEventInput, raw, 'outreach event');
  const data: OutreachEventData = { ...input, organiserOrgId: actor.orgId, registrations: [], materials: [] };
  return s.store.transaction((tx) =>
    tx.insert<OutreachEventData>(
      {
        kind: 'outreach_event',
        id: newId('evt'),
        orgIds: [actor.orgId],
        state: 'planned',
        data,
        retainUntil: null,
      },
      audit(actor, 'outreach_event.create', s.now()),
    ),
  );
}

export async function registerForEvent(s: CaseServices, actor: Actor, eventId: string) {
  if (actor.role === 'auditor')
    throw new HttError({ code: 'CASE.FORBIDDEN', message: 'auditors read, never write' });
  return s.store.transaction(async (tx) => {
    const e = await tx.get<OutreachEventData>('outreach_event', eventId);
    if (!e) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no event ${eventId}` });
    const org = await tx.get<{ name: string }>('organisation', actor.orgId);
    const data = register(
      e.state as EventState,
      e.data,
      { name: actor.name, organisation: org?.data.name ?? actor.orgId },
      dateOf(s.now()),
    );
    return tx.update({ ...e, data }, e.version, audit(actor, 'outreach_event.register', s.now()));
  });
}

export async function addMaterial(
  s: CaseServices,
  actor: Actor,
  eventId: string,
  title: string,
  reference: string,
) {
  if (!canOrganise(actor.role))
    throw new HttError({ code: 'CASE.FORBIDDEN', message: `a ${actor.role} may not add event materials` });
  if (!title.trim() || !reference.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'a material needs a title and a reference',
      field: 'title',
    });
  return s.store.transaction(async (tx) => {
    const e = await getVisible<OutreachEventData>(tx, actor, 'outreach_event', eventId);
    const data = {
      ...e.data,
      materials: [...e.data.materials, { title, reference, addedOn: dateOf(s.now()) }],
    };
    return tx.update({ ...e, data }, e.version, audit(actor, 'outreach_event.add_material', s.now()));
  });
}

export async function markEventHeld(s: CaseServices, actor: Actor, eventId: string) {
  if (!canOrganise(actor.role))
    throw new HttError({ code: 'CASE.FORBIDDEN', message: `a ${actor.role} may not close HTWG events` });
  return s.store.transaction(async (tx) => {
    const e = await getVisible<OutreachEventData>(tx, actor, 'outreach_event', eventId);
    if (e.state !== 'planned')
      throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `the event is ${e.state}` });
    return tx.update({ ...e, state: 'held' }, e.version, audit(actor, 'outreach_event.held', s.now()));
  });
}

export async function askQuestion(s: CaseServices, actor: Actor, text: string, eventId?: string) {
  if (actor.role === 'auditor')
    throw new HttError({ code: 'CASE.FORBIDDEN', message: 'auditors read, never write' });
  if (!text.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'the question is empty', field: 'text' });
  return s.store.transaction(async (tx) => {
    if (eventId && !(await tx.get('outreach_event', eventId)))
      throw new HttError({ code: 'CASE.NOT_FOUND', message: `no event ${eventId}` });
    const data: QuestionData = {
      ...(eventId ? { eventId } : {}),
      askedByOrgId: actor.orgId,
      askedBy: actor.userId,
      askedOn: dateOf(s.now()),
      text: text.trim(),
    };
    return tx.insert<QuestionData>(
      {
        kind: 'outreach_question',
        id: newId('q'),
        orgIds: [actor.orgId],
        state: 'open',
        data,
        retainUntil: null,
      },
      audit(actor, 'outreach_question.ask', s.now()),
    );
  });
}

export async function answerQuestion(s: CaseServices, actor: Actor, id: string, text: string) {
  return s.store.transaction(async (tx) => {
    const q = await getVisible<QuestionData>(tx, actor, 'outreach_question', id);
    const next = answer(q.state as QuestionState, q.data, actor.role, actor.userId, dateOf(s.now()), text);
    return tx.update(
      { ...q, state: next.state, data: next.data },
      q.version,
      audit(actor, 'outreach_question.answer', s.now()),
    );
  });
}

/** The HTWG dashboard figures, as of a date. Aggregates only: no exporter's determinations. */
export async function htwgMetrics(s: CaseServices, actor: Actor, asOf?: string) {
  if (
    !['htwg_member', 'bis_officer', 'mofcom_officer', 'erc_member', 'auditor', 'admin'].includes(actor.role)
  ) {
    throw new HttError({ code: 'CASE.FORBIDDEN', message: `a ${actor.role} may not read the HTWG metrics` });
  }
  const date = asOf ?? dateOf(s.now());
  const [eus, veu, apps, events, questions] = await Promise.all([
    s.store.list<EusRequestData>('eus_request'),
    s.store.list<VeuApplicationData>('veu_application'),
    s.store.list<LicenseApplicationData>('license_application'),
    s.store.list<OutreachEventData>('outreach_event'),
    s.store.list<QuestionData>('outreach_question'),
  ]);
  return {
    asOf: date,
    eusTargetDays: s.config.eusTargetDays,
    mofcomReviewByMonth: mofcomReviewByMonth(
      eus.map((r) => ({ state: r.state as EusState, data: r.data })),
      s.checks.rules().prcHolidays,
    ),
    eusPending: eus.filter((r) => ['submitted', 'info_requested'].includes(r.state)).length,
    veu: veuApplicationFigures(
      veu.map((r) => ({ state: r.state as VeuAppState, data: r.data })),
      date,
    ),
    licenseDaysByEccn: licenseDaysByEccn(apps.map((r) => ({ state: r.state as LicenseState, data: r.data }))),
    outreach: {
      events: events.length,
      held: events.filter((e) => e.state === 'held').length,
      registrations: events.reduce((n, e) => n + e.data.registrations.length, 0),
      questions: questions.length,
      answered: questions.filter((q) => q.state === 'answered').length,
    },
  };
}
