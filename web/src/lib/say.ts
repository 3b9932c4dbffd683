/**
 * What the server's records say (clock deadlines, inbox items), rendered in the reader's language from the
 * message key and parameters the API gives, with the server's own record catalogue
 * (src/core/messages/records.{en,zh}.json): one catalogue for the server's documents and the desk. A message
 * whose key the catalogue lacks shows the English the API gave beside it.
 */
import en from '../../../src/core/messages/records.en.json';
import zh from '../../../src/core/messages/records.zh.json';

export interface ServerMessage {
  key: string;
  params: Record<string, unknown>;
  text?: string;
}

const CATALOGUE: Record<'en' | 'zh', Record<string, string>> = { en, zh };
const PLACEHOLDER = /\{(\w+)(?::[ml])?\}/g;

const isMessage = (v: unknown): v is ServerMessage =>
  typeof v === 'object' && v !== null && typeof (v as ServerMessage).key === 'string';

/** The message in `lang`; `english` (the API's `what`) when the catalogue has no text for its key. */
export function say(m: ServerMessage | string | undefined, lang: string, english = ''): string {
  if (m === undefined) return english;
  if (typeof m === 'string') return m;
  const l = lang.startsWith('zh') ? 'zh' : 'en';
  const template = CATALOGUE[l][m.key] ?? CATALOGUE.en[m.key];
  if (template === undefined) return english || m.text || m.key;
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = m.params[name];
    if (Array.isArray(v)) return v.map((x) => say(x as ServerMessage, l)).join(l === 'zh' ? '；' : '; ');
    return isMessage(v) ? say(v, l) : String(v ?? '');
  });
}

/** Whether the message reads in the language (a Chinese reader sees English where the catalogue lacks it). */
export const sayLang = (m: ServerMessage | undefined, lang: string): 'en' | undefined =>
  lang.startsWith('zh') && !(m && zh[m.key as keyof typeof zh]) ? 'en' : undefined;
