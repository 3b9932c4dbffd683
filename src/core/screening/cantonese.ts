/**
 * Cantonese in Hong Kong spelling: Jyutping syllables (from to-jyutping) spelled in the Hong Kong Government
 * romanisation of data/jyutping-hk-romanisation.json. Used for persons' names (person-names.ts) and for the
 * names of Hong Kong organisations (normalize.ts).
 */
import HK from './data/jyutping-hk-romanisation.json' with { type: 'json' };
import { toJyutping } from './han.js';

const HK_INITIALS = HK.initials as Record<string, string[]>;
const HK_FINALS = HK.finals as Record<string, string[]>;
const HK_SYLLABLES = HK.syllables as Record<string, string[]>;
export const HK_SURNAMES = HK.surnames as Record<string, string>;

/**
 * One Jyutping syllable (tone number optional) in Hong Kong Government romanisation, the usual spelling
 * (data/jyutping-hk-romanisation.json): zoeng1 -> cheung, can4 -> chan, jyun4 -> yuen, si1 -> sze.
 * Undefined for a syllable the table cannot spell.
 */
export function hkRomanisation(jyutping: string): string | undefined {
  const s = jyutping.toLowerCase().replace(/[1-6]$/, '');
  const whole = HK_SYLLABLES[s];
  if (whole) return whole[0];
  const m = /^(ng|gw|kw|[bpmfdtnlgkhwzcsj])?([a-z]+)$/.exec(s);
  if (!m) return undefined;
  const initial = HK_INITIALS[m[1] ?? ''];
  const final = HK_FINALS[m[2]!];
  if (!initial || !final) return undefined;
  return initial[0]! + final[0]!;
}

/** Every spelling of one Jyutping syllable in the table, the usual one first (waa4 -> wa, wah). */
export function hkSpellings(jyutping: string): string[] {
  const s = jyutping.toLowerCase().replace(/[1-6]$/, '');
  const whole = HK_SYLLABLES[s];
  if (whole) return whole;
  const m = /^(ng|gw|kw|[bpmfdtnlgkhwzcsj])?([a-z]+)$/.exec(s);
  const initials = m ? HK_INITIALS[m[1] ?? ''] : undefined;
  const finals = m ? HK_FINALS[m[2]!] : undefined;
  if (!initials || !finals) return [];
  return initials.flatMap((i) => finals.map((f) => i + f));
}

/**
 * The Cantonese spellings of a name written together, as Hong Kong companies write theirs (祥华 -> cheungwa,
 * cheungwah, tseungwa, tseungwah), at most `limit`; none when a character has no reading the table spells.
 */
export function cantoneseSpellings(name: string, limit = 8): string[] {
  let out = [''];
  for (const [, jp] of toJyutping().getJyutpingList(name)) {
    const spellings = jp ? hkSpellings(jp) : [];
    if (!spellings.length) return [];
    out = out.flatMap((prefix) => spellings.map((x) => prefix + x)).slice(0, limit);
  }
  return out;
}
