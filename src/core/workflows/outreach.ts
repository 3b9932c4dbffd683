/**
 * HTWG outreach (2011 JCCT Action Plan: joint outreach and public-private dialogues): events with their
 * agenda, registrations and materials, and questions from industry with their answers.
 */
import { HttError } from '../errors.js';
import type { OutreachEventInput } from '../../contracts/records.js';
import type { Role } from './roles.js';

export const eventStates = ['planned', 'held', 'cancelled'] as const;
export type EventState = (typeof eventStates)[number];

export interface OutreachEventData extends OutreachEventInput {
  organiserOrgId: string;
  registrations: { name: string; organisation: string; email?: string; on: string }[];
  materials: { title: string; reference: string; addedOn: string }[];
}

export const questionStates = ['open', 'answered'] as const;
export type QuestionState = (typeof questionStates)[number];

export interface QuestionData {
  eventId?: string;
  askedByOrgId: string;
  askedBy: string;
  askedOn: string;
  text: string;
  answer?: string;
  answeredBy?: string;
  answeredOn?: string;
}

const organisers: Role[] = ['htwg_member', 'bis_officer', 'mofcom_officer'];

export function canOrganise(role: Role): boolean {
  return organisers.includes(role);
}

export function register(
  state: EventState,
  data: OutreachEventData,
  who: { name: string; organisation: string; email?: string },
  on: string,
): OutreachEventData {
  if (state !== 'planned')
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `registration is closed: the event is ${state}`,
    });
  if (data.registrations.some((r) => r.name === who.name && r.organisation === who.organisation)) {
    throw new HttError({
      code: 'CASE.CONFLICT',
      message: `${who.name} (${who.organisation}) is already registered`,
    });
  }
  return { ...data, registrations: [...data.registrations, { ...who, on }] };
}

export function answer(
  state: QuestionState,
  data: QuestionData,
  role: Role,
  by: string,
  on: string,
  text: string,
): { state: QuestionState; data: QuestionData } {
  if (!organisers.includes(role))
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: `a ${role} may not answer questions for the HTWG`,
    });
  if (state !== 'open')
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: 'the question is already answered' });
  if (!text.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'the answer is empty', field: 'text' });
  return { state: 'answered', data: { ...data, answer: text.trim(), answeredBy: by, answeredOn: on } };
}
