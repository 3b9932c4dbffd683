import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** Country name or code as written in a list file -> ISO 3166-1 alpha-2, or undefined. */
export function toIso2(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (/^[A-Za-z]{2}$/.test(v) && countries.isValid(v.toUpperCase())) return v.toUpperCase();
  const special: Record<string, string> = {
    burma: 'MM',
    'korea, north': 'KP',
    'korea, south': 'KR',
    russia: 'RU',
    iran: 'IR',
    syria: 'SY',
    'hong kong': 'HK',
    macau: 'MO',
    taiwan: 'TW',
    'west bank': 'PS',
    'gaza strip': 'PS',
    kosovo: 'XK',
  };
  return special[v.toLowerCase()] ?? countries.getAlpha2Code(v, 'en') ?? undefined;
}
