/**
 * Reading the CCL's "Control(s)" and "Country chart" cells into structured scopes and destination rules.
 * Anything that is not read exactly is kept as `unparsed` with its text: never guessed.
 */
import type { ControlScope, DestinationRule } from './schema.js';

const REASONS = ['NS', 'MT', 'NP', 'CB', 'CW', 'RS', 'CC', 'FC', 'AT', 'UN', 'EI', 'SL', 'SS'];

const LETTER = /^[a-z]$/;
const NUMBER = /^\d+$/;

/** Expand "a.1 to a.3" or "g to j" into the paragraphs it names; null when the range is not regular. */
export function expandRange(fromP: string, toP: string): string[] | null {
  const a = fromP.split('.');
  const b = toP.split('.');
  if (a.length !== b.length || a.slice(0, -1).join('.') !== b.slice(0, -1).join('.')) return null;
  const prefix = a.slice(0, -1);
  const x = a[a.length - 1] as string;
  const y = b[b.length - 1] as string;
  const out: string[] = [];
  if (NUMBER.test(x) && NUMBER.test(y)) {
    for (let i = Number(x); i <= Number(y); i++) out.push([...prefix, String(i)].join('.'));
  } else if (LETTER.test(x) && LETTER.test(y)) {
    for (let c = x.charCodeAt(0); c <= y.charCodeAt(0); c++)
      out.push([...prefix, String.fromCharCode(c)].join('.'));
  } else return null;
  return out.length > 0 && out.length <= 26 ? out : null;
}

/**
 * Parse a list like "3B001.a.1 to a.3, b, e, f.2 to f.4, g to j" (paragraphs of `eccn`). Returns null when
 * the list contains anything other than paragraph references of this ECCN.
 */
export function parseParagraphList(eccn: string, text: string): string[] | null {
  const cleaned = text
    .replace(/\(.*?\)/g, ' ')
    .replace(/[.;]\s*$/, '')
    .replace(/\b(and|or)\b/g, ',')
    .trim();
  if (!/^[\w.\s,]+$/.test(cleaned)) return null;
  const parts = cleaned
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  const para = (token: string): string | null => {
    let t = token;
    if (t.toUpperCase().startsWith(eccn)) t = t.slice(eccn.length);
    else if (/^\d[A-E]\d{3}/i.test(t)) return null; // another ECCN
    t = t.replace(/^\./, '');
    return /^[a-z](\.[a-z0-9]+)*$/.test(t) ? t : null;
  };
  for (const part of parts) {
    const range = part.split(/\s+to\s+/);
    if (range.length === 2) {
      const [x, y] = range.map((r) => para(r.trim()));
      if (!x || !y) return null;
      const expanded = expandRange(x, y);
      if (!expanded) return null;
      out.push(...expanded);
    } else if (range.length === 1) {
      const p = para(part);
      if (!p) return null;
      out.push(p);
    } else return null;
  }
  return out.length > 0 ? out : null;
}

/** Parse the "Control(s)" cell: which reason, and which paragraphs it covers. */
export function parseControlScope(eccn: string, text: string): { reason: string; scope: ControlScope } {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^([A-Z]{2})\b/.exec(t);
  const reason =
    m && REASONS.includes(m[1] as string)
      ? (m[1] as string)
      : /Russian industry sector/i.test(t)
        ? 'RIS'
        : 'UNKNOWN';
  const unparsed: ControlScope = { type: 'unparsed', text: t };
  const body = /^[A-Z]{2} (?:applies|apply)(?: to)? (.*)$/.exec(t)?.[1];
  if (!body) return { reason, scope: /applies to entire entry/.test(t) ? { type: 'entire' } : unparsed };
  const entire = /^(the )?entire entry(\s*\(.*\))?\.?(\s+[A-Z]{2} Column \d\.?)?$/.exec(body);
  if (entire) return { reason, scope: { type: 'entire' } };
  const except = /^(?:the )?entire entry,? except (?:for )?(.*)$/.exec(body);
  if (except) {
    const list = parseParagraphList(eccn, except[1] as string);
    return { reason, scope: list ? { type: 'entire_except', except: list } : unparsed };
  }
  const listed =
    /^(?:items controlled by |items controlled in |items in |commodities in |paragraphs? )?(.*?)(?: of this entry)?$/.exec(
      body,
    )?.[1] ?? '';
  const list = parseParagraphList(eccn, listed);
  return { reason, scope: list ? { type: 'paragraphs', paragraphs: list } : unparsed };
}

/** §746.1(b)(2) (eCFR, Jan 2025): countries under United Nations Security Council arms embargoes. */
export const UN_ARMS_EMBARGOED = ['CF', 'CD', 'ER', 'IR', 'IQ', 'LB', 'LY', 'KP', 'SO', 'SD'];

/** Control rows that name one or two countries in prose instead of a Country Chart column. */
const NAMED_COUNTRY_ROWS: [RegExp, string[]][] = [
  [/to North Korea for anti-terrorism/i, ['KP']],
  [/reexport to Iraq or transfer within Iraq/i, ['IQ']],
  [/reexport to Pakistan or transfer within Pakistan/i, ['PK']],
  [/^See § 746\.8\b/, ['RU', 'BY']],
];

const GROUP = /\b([ABDE]:\d)\b/g;

/** Parse the "Country chart" cell of a control row. */
export function parseDestinationRule(text: string, reason: string): DestinationRule {
  const t = text.replace(/\s+/g, ' ').trim();
  const column = /\b(CB|NP|NS|MT|RS|FC|CC|AT) Column (\d)\b/.exec(t);
  if (column && (column[1] === reason || reason === 'UNKNOWN'))
    return { type: 'column', column: `${column[1]}${column[2]}` };
  if (/^Worldwide control\b/i.test(t) || /^To or within any destination worldwide\b/i.test(t)) {
    return { type: 'worldwide', exceptCountries: [] };
  }
  if (/^A license is required for ALL destinations, except Canada\b/i.test(t))
    return { type: 'worldwide', exceptCountries: ['CA'] };
  if (/^A license is required for all destinations\b/i.test(t))
    return { type: 'worldwide', exceptCountries: [] };
  if (reason === 'EI' && /742\.15/.test(t)) return { type: 'worldwide', exceptCountries: ['CA'] }; // §742.15(a)
  const within = /^To or within (.*?)(?:\. See .*)?$/.exec(t);
  if (within) {
    const body = within[1] as string;
    const [incl, excl = ''] = body.split(/, excluding any destination also specified in /);
    const countries: string[] = [];
    if (/\bMacau\b/.test(incl as string)) countries.push('MO');
    if (/United Arab Emirates/.test(incl as string)) countries.push('AE');
    const groups = [...(incl as string).matchAll(GROUP)].map((g) => g[1] as string);
    // "Country Groups D:1, D:4, and D:5": the first match carries the letter, the rest may be bare numbers
    const bare = /Country Groups? ([ABDE]):(\d)((?:,? (?:and )?\d)*)/.exec(incl as string);
    if (bare) for (const n of (bare[3] ?? '').match(/\d/g) ?? []) groups.push(`${bare[1]}:${n}`);
    const exceptGroups = [...excl.matchAll(GROUP)].map((g) => g[1] as string);
    const bareEx = /Country Groups? ([ABDE]):(\d)((?:,? (?:or |and )?\d)*)/.exec(excl);
    if (bareEx) for (const n of (bareEx[3] ?? '').match(/\d/g) ?? []) exceptGroups.push(`${bareEx[1]}:${n}`);
    if (countries.length + groups.length > 0) {
      return {
        type: 'groups',
        countries,
        groups: [...new Set(groups)],
        exceptGroups: [...new Set(exceptGroups)],
      };
    }
  }
  if (reason === 'UN' && /746\.1|764\.1\(b\)/.test(t))
    return { type: 'groups', countries: UN_ARMS_EMBARGOED, groups: [], exceptGroups: [] };
  for (const [re, named] of NAMED_COUNTRY_ROWS)
    if (re.test(t)) return { type: 'groups', countries: named, groups: [], exceptGroups: [] };
  if (/^China, Russia,? or Venezuela/.test(t))
    return { type: 'groups', countries: ['CN', 'RU', 'VE'], groups: [], exceptGroups: [] };
  return { type: 'unparsed', text: t };
}
