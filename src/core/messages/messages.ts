/**
 * The determination's explanations as structured messages: a stable key and its parameters, rendered in
 * English or Simplified Chinese from the catalogue (en.json, zh.json), which the CLI, the API and the web desk
 * share.
 *
 * The evaluator writes its explanations in English; `messageOf` reads an English text back into its key and
 * parameters by matching it against the English templates of the catalogue, so the English stays where it is
 * written and `render(messageOf(text), 'en') === text` holds for every text the catalogue knows (the tests
 * check that on every scenario and golden case). A text no template matches gets the key `text.untranslated`
 * with the English as its parameter, shown as is in every language.
 *
 * Template syntax: `{name}` is a verbatim parameter (a name, an ECCN, a citation, a date, a list entry: never
 * translated); `{name:m}` is a nested message (its text is read against the catalogue in turn, a plain string
 * when no template matches); `{name:l}` is a list of nested messages, separated by "; " in English.
 */
import en from './en.json' with { type: 'json' };
import zh from './zh.json' with { type: 'json' };
import recordsEn from './records.en.json' with { type: 'json' };
import recordsZh from './records.zh.json' with { type: 'json' };

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];
export type MessageParam = string | Message | (string | Message)[];
export interface Message {
  key: string;
  params: Record<string, MessageParam>;
}

export const CATALOGUE: Record<Lang, Record<string, string>> = { en, zh };
export const UNTRANSLATED = 'text.untranslated';
/**
 * The catalogue of what the case records say (printable documents, clock deadlines, inbox items, state, role
 * and agency names): rendered like the determination's messages, but never read back from English
 * (`messageOf` matches the determination's templates only).
 */
export const RECORD_CATALOGUE: Record<Lang, Record<string, string>> = { en: recordsEn, zh: recordsZh };
const template = (lang: Lang, key: string): string | undefined =>
  CATALOGUE[lang][key] ?? RECORD_CATALOGUE[lang][key];

const LIST_SEPARATOR: Record<Lang, string> = { en: '; ', zh: '；' };
const PLACEHOLDER = /\{(\w+)(?::([ml]))?\}/g;

export interface Placeholder {
  name: string;
  kind: 'verbatim' | 'message' | 'list';
}

/** The placeholders of a template, in order. */
export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({
    name: m[1] as string,
    kind: m[2] === 'm' ? 'message' : m[2] === 'l' ? 'list' : 'verbatim',
  }));
}

interface Compiled {
  key: string;
  re: RegExp;
  params: Placeholder[];
  /** Literal characters: the more, the more specific the template. */
  weight: number;
  /** Starts with literal text (tried before templates that start with a parameter). */
  anchored: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let compiled: Compiled[] | null = null;
function templates(): Compiled[] {
  if (compiled) return compiled;
  compiled = Object.entries(CATALOGUE.en)
    .filter(([key]) => key !== UNTRANSLATED)
    .map(([key, t]) => {
      const parts = t.split(PLACEHOLDER);
      // split with two capture groups: literal, name, kind, literal, name, kind, ...
      let re = '';
      let weight = 0;
      for (let i = 0; i < parts.length; i += 3) {
        const literal = parts[i] ?? '';
        re += escape(literal);
        weight += literal.length;
        if (i + 1 < parts.length) re += '([\\s\\S]*?)';
      }
      return {
        key,
        re: new RegExp(`^${re}$`),
        params: placeholders(t),
        weight,
        anchored: (parts[0] ?? '') !== '',
      };
    })
    .sort((a, b) => Number(b.anchored) - Number(a.anchored) || b.weight - a.weight);
  return compiled;
}

/** Read an English text of the evaluator back into its message (key and parameters). */
export function messageOf(text: string): Message {
  return parse(text) ?? { key: UNTRANSLATED, params: { text } };
}

function parse(text: string): Message | null {
  for (const t of templates()) {
    const m = t.re.exec(text);
    if (!m) continue;
    const params: Record<string, MessageParam> = {};
    t.params.forEach((p, i) => {
      const value = m[i + 1] as string;
      params[p.name] =
        p.kind === 'verbatim'
          ? value
          : p.kind === 'message'
            ? (parse(value) ?? value)
            : value.split(LIST_SEPARATOR.en).map((v) => parse(v) ?? v);
    });
    return { key: t.key, params };
  }
  return null;
}

/** The message in a language (English when the language has no template for its key). */
export function render(message: Message | string, lang: Lang): string {
  if (typeof message === 'string') return message;
  const text = template(lang, message.key) ?? template('en', message.key);
  if (text === undefined) return String(message.params.text ?? message.key);
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = message.params[name];
    if (value === undefined) return '';
    if (Array.isArray(value)) return value.map((v) => render(v, lang)).join(LIST_SEPARATOR[lang]);
    return render(value, lang);
  });
}

/** Every key a message uses, nested messages included. */
export function keysOf(message: Message | string): string[] {
  if (typeof message === 'string') return [];
  const nested = Object.values(message.params).flatMap((v) =>
    Array.isArray(v) ? v.flatMap(keysOf) : keysOf(v),
  );
  return [message.key, ...nested];
}

/** `zh`, `zh-CN`, `zh-Hans`, `zh-Hans-CN` → zh; an Accept-Language header's first supported choice; else en. */
export function langOf(header: string | null | undefined): Lang {
  if (!header) return 'en';
  const choices = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)\s*$/.exec(r)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((c) => c.tag && c.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const c of choices) {
    if (c.tag === 'zh' || c.tag.startsWith('zh-')) {
      return /^zh-(hant|tw|hk|mo)/.test(c.tag) ? 'en' : 'zh';
    }
    if (c.tag === 'en' || c.tag.startsWith('en-') || c.tag === '*') return 'en';
  }
  return 'en';
}
