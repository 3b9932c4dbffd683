import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let lib: typeof import('i18n-iso-countries') | undefined;
/** The country table, loaded on first use: a process that screens from a stored index reads no list file. */
function countryTable(): typeof import('i18n-iso-countries') {
  if (!lib) {
    lib = require('i18n-iso-countries') as typeof import('i18n-iso-countries');
    lib.registerLocale(
      require('i18n-iso-countries/langs/en.json') as Parameters<typeof lib.registerLocale>[0],
    );
  }
  return lib;
}

/** Country name or code as written in a list file -> ISO 3166-1 alpha-2, or undefined. */
export function toIso2(value: string): string | undefined {
  const countries = countryTable();
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
