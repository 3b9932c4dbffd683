/**
 * Imports the eCFR-derived tables (regulations/sources/ecfr-derived-seelpeed, eCFR issue 2026-07-23) into the
 * normalised rule files the engine loads:
 *   regulations/ear/774-ccl.generated.json            every ECCN with parsed paragraph-level control scopes
 *   regulations/ear/738-country-chart.generated.json  every country's Country Chart marks, keyed by ISO code
 *   regulations/ear/740-country-groups.generated.json Country Group membership, keyed by ISO code
 *
 * Scopes and destination rules that this parser cannot read exactly are kept as `unparsed` with their text;
 * the evaluator then treats them as unknown and answers INDETERMINATE where they would change the answer.
 * Run: npm run import:ccl
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { parseControlScope, parseDestinationRule } from '../src/core/rules/ccl-text.js';
import type { CclEntry, CclFile, CountryChartFile, CountryGroupsFile } from '../src/core/rules/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'regulations/sources/ecfr-derived-seelpeed');
const out = join(root, 'regulations/ear');
const read = (f: string) => JSON.parse(readFileSync(join(src, f), 'utf8'));

// Names in the eCFR tables that i18n-iso-countries does not know under the same spelling.
const NAME_TO_ISO: Record<string, string> = {
  China: 'CN',
  'China (PRC)': 'CN',
  Macau: 'MO',
  'Korea, South': 'KR',
  'Korea, North': 'KP',
  Burma: 'MM',
  'Bahamas, The': 'BS',
  'Gambia, The': 'GM',
  'Congo (Democratic Republic of the)': 'CD',
  'Congo (Republic of the)': 'CG',
  'South Sudan, Republic of': 'SS',
  Seycheles: 'SC',
  'Micronesia (Federated State of)': 'FM',
  'Sint Maarten (the Dutch two-fifths of the island of Saint Martin)': 'SX',
  'Vatican City': 'VA',
  'St. Kitts and Nevis': 'KN',
  'St. Lucia': 'LC',
  'St. Vincent and the Grenadines': 'VC',
  'Cape Verde': 'CV',
  'Czech Republic': 'CZ',
  Türkiye: 'TR',
  "Cote d'Ivoire": 'CI',
  Russia: 'RU',
  Laos: 'LA',
  Syria: 'SY',
  Iran: 'IR',
  Vietnam: 'VN',
  Taiwan: 'TW',
  Bolivia: 'BO',
  Venezuela: 'VE',
  Tanzania: 'TZ',
  Moldova: 'MD',
  Brunei: 'BN',
  Kosovo: 'XK',
  'United States': 'US',
  'United Kingdom': 'GB',
  'North Macedonia': 'MK',
  'Timor-Leste': 'TL',
  Curaçao: 'CW',
  Curacao: 'CW',
  'Bosnia and Herzegovina': 'BA',
  Eswatini: 'SZ',
  'Netherlands Antilles': 'AN',
  'Bosnia & Herzegovina': 'BA',
  'Congo (Democratic Republic of)': 'CD',
  "Cote d'lvoire": 'CI',
  'Saint Kitts & Nevis': 'KN',
  'Sao Tome & Principe': 'ST',
  'The Bahamas': 'BS',
  'Trinidad & Tobago': 'TT',
};

function isoOf(name: string): string {
  const iso = NAME_TO_ISO[name] ?? countries.getAlpha2Code(name, 'en');
  if (!iso) throw new Error(`no ISO code for country name "${name}"; add it to NAME_TO_ISO`);
  return iso;
}

const ECFR_SOURCE = (part: string) => ({
  kind: 'ecfr' as const,
  issue: '2026-07-23',
  url: `https://www.ecfr.gov/api/versioner/v1/full/2026-07-23/title-15.xml?part=${part}`,
  via: 'seelpeed-debug/export-controls-agent-mcp src/data (HEAD 5847b09), secondary parse of the eCFR XML',
});

function importCcl(): CclFile {
  const raw = read('ccl.json');
  const entries: CclEntry[] = raw.entries.map((e: Record<string, unknown>) => {
    const rows = (e.countryChart as { control: string; countryChart: string }[]) ?? [];
    const items = (e.items as { paragraph: string | null; text: string }[] | undefined) ?? [];
    return {
      eccn: e.eccn as string,
      heading: e.heading as string,
      reasons: String(e.reasonForControl ?? '')
        .split(/,\s*/)
        .map((s) => s.trim())
        .filter(Boolean),
      controls: rows.map((row) => {
        const scope = parseControlScope(e.eccn as string, row.control);
        return {
          reason: scope.reason,
          scope: scope.scope,
          destination: parseDestinationRule(row.countryChart, scope.reason),
          text: { control: row.control, countryChart: row.countryChart },
        };
      }),
      licenseExceptions: (e.licenceExceptionFlags as Record<string, string>) ?? {},
      paragraphs: items.filter((i) => i.paragraph).map((i) => i.paragraph as string),
      paragraphTextKnown: items.length > 0,
    };
  });
  if (entries.length !== raw.entryCount)
    throw new Error(`expected ${raw.entryCount} ECCNs, got ${entries.length}`);
  return {
    citation: '15 CFR Part 774, Supplement No. 1 (Commerce Control List)',
    source: ECFR_SOURCE('774'),
    confidence: 'secondary',
    entries,
  };
}

function importCountryChart(): CountryChartFile {
  const raw = read('country-chart.json');
  const rows: CountryChartFile['countries'] = {};
  for (const [name, row] of Object.entries(
    raw.countries as Record<string, { marks: string[]; footnotes: string[] }>,
  )) {
    rows[isoOf(name)] = {
      name,
      marks: row.marks.map((m) => m.replace(/\s+/g, '')),
      footnotes: row.footnotes.map(String),
    };
  }
  return {
    citation: '15 CFR Part 738, Supplement No. 1 (Commerce Country Chart)',
    source: ECFR_SOURCE('738'),
    confidence: 'secondary',
    columns: (raw.columns as string[]).map((c) => c.replace(/\s+/g, '')),
    countries: rows,
    footnotes: raw.footnotes,
  };
}

function importCountryGroups(): CountryGroupsFile {
  const raw = read('country-groups.json');
  const groups: Record<string, string[]> = {};
  for (const [code, names] of Object.entries(raw.groups as Record<string, string[]>)) {
    groups[code] = [...new Set(names.map(isoOf))].sort();
  }
  return {
    citation: '15 CFR Part 740, Supplement No. 1 (Country Groups)',
    source: ECFR_SOURCE('740'),
    confidence: 'secondary',
    labels: raw.labels,
    groups,
    notes: raw.notes,
  };
}

const write = (file: string, data: unknown) =>
  writeFileSync(join(out, file), `${JSON.stringify(data, null, 1)}\n`);
const ccl = importCcl();
write('774-ccl.generated.json', ccl);
write('738-country-chart.generated.json', importCountryChart());
write('740-country-groups.generated.json', importCountryGroups());

const unparsed = ccl.entries
  .flatMap((e) => e.controls)
  .filter((c) => c.scope.type === 'unparsed' || c.destination.type === 'unparsed');
console.log(`imported ${ccl.entries.length} ECCNs; ${unparsed.length} control rows kept as unparsed text`);
