/**
 * A name followed by an address, as users paste it from a customer record ("Huawei Technologies Co., Ltd.,
 * Bantian, Longgang District, Shenzhen 518129, China"): the name is screened without the address, which
 * would otherwise lower the score with every word, and the address's country is kept as supporting
 * evidence for the explanation, never as name words.
 */
import { CHINA_PLACES } from './glossary.js';

export interface NameAndAddress {
  name: string;
  address: string;
  /** ISO alpha-2 country the address names, if any. */
  country?: string;
}

/** Words of street addresses in English and in pinyin. */
const ADDRESS_WORD =
  /(?<![a-z])(road|rd|street|str|st|avenue|ave|boulevard|blvd|lane|ln|highway|lu|jie|dadao|hutong|district|dist|qu|province|prov|sheng|county|xian|town|township|zhen|village|cun|building|bldg|bld|tower|plaza|floor|fl|room|rm|unit|suite|ste|block|blk|industrial (?:park|zone)|park|zone|hi-tech zone|p\.?\s?o\.?\s?box|postcode|zip|no\.\s*\d+|#\s*\d+)(?![a-z])/i;
/** Characters that end the words of a Chinese address: province, city, district, road, number, floor, room. */
const HAN_ADDRESS = /[省市区县路街道号楼室镇村]|大道|园区|开发区/;
/** Organisation words: a segment with one of them is a name, not an address. */
const HAN_ORG = /公司|集团|大学|学院|研究|中心|实验室|厂|局|部|委员会|银行/;
const POSTCODE = /(?<!\d)\d{5,6}(?!\d)/;
const COUNTRIES: [RegExp, string][] = [
  [/\b(people'?s republic of china|p\.?r\.?c\.?|china|mainland china)\b|中国/i, 'CN'],
  [/\bhong kong\b|\bhk\b|香港/i, 'HK'],
  [/\bmacau\b|\bmacao\b|澳门/i, 'MO'],
  [/\btaiwan\b|台湾/i, 'TW'],
  [/\bsingapore\b/i, 'SG'],
  [/\brussia(n federation)?\b/i, 'RU'],
  [/\biran\b/i, 'IR'],
  [/\bunited arab emirates\b|\buae\b/i, 'AE'],
  [/\bunited states\b|\busa\b/i, 'US'],
];
const LEGAL_END =
  /^(.*?\b(?:co\.?,?\s*ltd|company limited|limited|ltd|inc|incorporated|corp|corporation|llc|gmbh|plc|group|company|jsc|pte ltd|s\.?a)\.?)(?:[\s,;]+)(.+)$/i;

const LEGAL_TAIL =
  /\b(co|ltd|limited|inc|incorporated|corp|corporation|llc|gmbh|plc|company|jsc|s\.?a)\.?$|公司$/iu;
const LEGAL_ONLY = /^(co|ltd|limited|inc|corp|llc|plc)\.?$/i;
const places = new Set(CHINA_PLACES.filter((p) => p.length >= 4));

function countryOf(address: string): string | undefined {
  return COUNTRIES.find(([re]) => re.test(address))?.[1];
}

/** Only place and country words (and digits): "Shenzhen", "China", "Shenzhen 518129". */
function placeOnly(segment: string): boolean {
  const words = segment
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (!words.length) return false;
  const text = words.join(' ');
  return (
    words.every((w) => places.has(w) || w === 'city') ||
    (countryOf(segment) !== undefined &&
      text.replace(/\b(people'?s|republic|of|china|hong|kong|the|pr|prc|mainland)\b/g, '').trim() === '')
  );
}

export function addressLike(segment: string): boolean {
  const s = segment.trim();
  if (!s) return false;
  if (/\p{Script=Han}/u.test(s)) return HAN_ADDRESS.test(s) && !HAN_ORG.test(s);
  return ADDRESS_WORD.test(s) || POSTCODE.test(s) || placeOnly(s);
}

/**
 * Split a trailing address off a name: at the first comma-separated part (after the first) that reads as an
 * address, or, without commas, after a legal form followed by address words. Undefined when there is none.
 */
export function splitTrailingAddress(text: string): NameAndAddress | undefined {
  const parts = text.split(/\s*[,;，；、]\s*|\s{2,}|\s+(?=\p{Script=Han})(?<=\p{Script=Han}\s+)/u);
  if (parts.length >= 2) {
    for (let i = 1; i < parts.length; i++) {
      if (!addressLike(parts[i]!)) continue;
      // a district name before the first address word ("..., Ltd., Bantian, Longgang District"): the
      // address starts after the last part that ends in a legal form, when there is one
      for (let k = i - 1; k >= 1; k--) {
        if (LEGAL_TAIL.test(parts[k - 1]!) && !LEGAL_TAIL.test(parts[k]!) && !LEGAL_ONLY.test(parts[k]!)) {
          i = k;
          break;
        }
        if (LEGAL_TAIL.test(parts[k]!)) break;
      }
      const name = parts.slice(0, i).join(', ').trim();
      const address = parts.slice(i).join(', ').trim();
      if (!name || !/[\p{L}]/u.test(name)) return undefined;
      const country = countryOf(address);
      return { name, address, ...(country ? { country } : {}) };
    }
  }
  const m = LEGAL_END.exec(text);
  if (m && (ADDRESS_WORD.test(m[2]!) || POSTCODE.test(m[2]!))) {
    const country = countryOf(m[2]!);
    return { name: m[1]!.trim(), address: m[2]!.trim(), ...(country ? { country } : {}) };
  }
  return undefined;
}
