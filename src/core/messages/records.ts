/**
 * What the case records say, as messages of the record catalogue (records.en.json, records.zh.json): the
 * printable documents' headings and labels, the deadlines of the review clocks, the inbox items, and the names
 * of states, roles, party roles and agencies. A message is a key and its parameters (names, numbers, dates,
 * citations: verbatim, never translated); `render` (messages.ts) gives its text in either language, and the web
 * desk renders the same message from the same catalogue.
 */
import { RECORD_CATALOGUE, render, type Lang, type Message, type MessageParam } from './messages.js';

/** A message of the record catalogue. */
export const say = (key: string, params: Record<string, MessageParam> = {}): Message => ({ key, params });

/** A message with its text in a language, as the API gives it beside the English (`what`). */
export const withText = (m: Message, lang: Lang) => ({ ...m, text: render(m, lang) });

/**
 * An agency as a message when the catalogue names it ("DoD" → 国防部), else its name as given. The English
 * text of an agency's key is its name, so English renderings are unchanged.
 */
export function agency(name: string): Message | string {
  return RECORD_CATALOGUE.en[`agency.${name}`] === name ? say(`agency.${name}`) : name;
}

/** A named value from a family of the catalogue (`state.issued`, `role.auditor`), else the value, readable. */
function named(family: string, value: string): Message | string {
  return RECORD_CATALOGUE.en[`${family}.${value}`] !== undefined
    ? say(`${family}.${value}`)
    : value.replace(/_/g, ' ');
}

/**
 * A date for a reader: ISO in English (as the record keeps it); in Chinese 2026年12月1日, and a timestamp
 * 2026年12月1日 09:41:25 UTC. Anything else is given back as it is.
 */
export function dateText(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  if (lang === 'en') return value;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value,
  );
  if (!m) return value;
  const day = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  if (!m[4]) return day;
  return `${day} ${m[4]}${m[5] === 'Z' || !m[5] ? ' UTC' : ` ${m[5]}`}`;
}

/** The translator of a reader's language, for the code that builds documents. */
export interface Translator {
  lang: Lang;
  (key: string, params?: Record<string, MessageParam>): string;
  date(value: string | null | undefined): string;
  state(value: string): string;
  role(value: string): string;
  partyRole(value: string): string;
  agency(value: string): string;
}

export function translator(lang: Lang): Translator {
  const t = ((key: string, params: Record<string, MessageParam> = {}) =>
    render(say(key, params), lang)) as Translator;
  t.lang = lang;
  t.date = (v) => dateText(v, lang);
  t.state = (v) => render(named('state', v), lang);
  t.role = (v) => render(named('role', v), lang);
  t.partyRole = (v) => render(named('partyRole', v), lang);
  t.agency = (v) => render(agency(v), lang);
  return t;
}
