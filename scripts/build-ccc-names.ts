/**
 * Builds data/names/ofac-ccc.names.json: Chinese names of OFAC-listed parties decoded from the Chinese
 * Commercial Codes in their SDN remarks (src/adapters/lists/telegraph-code.ts), through the shipped Unihan
 * telegraph-code table. Only decodings whose Mandarin reading spells one of the entry's Latin names are
 * kept; the others are listed under `rejected` with what each code book gave, and never indexed.
 *
 * The shipped list snapshot (the CSL projection) carries no remarks, so the names are derived from an OFAC
 * legacy sdn.csv (with its alt.csv) and attached to the snapshot's entries by OFAC entity number (the
 * entry id "sdn-<number>") while the entry keeps the Latin name they were derived for.
 *
 * Run: npx tsx scripts/build-ccc-names.ts SDN_CSV [ALT_CSV] "DESCRIPTION OF THE SOURCE FILES"
 *   e.g. npx tsx scripts/build-ccc-names.ts test/fixtures/ofac-sdn-2021-watchman/sdn.csv \
 *          test/fixtures/ofac-sdn-2021-watchman/alt.csv "OFAC SDN legacy CSV, mid-2021 (moov-io/watchman ...)"
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOfacCsv } from '../src/adapters/lists/ofac-csv.js';
import { CCC_SOURCE, decodeCccRemark, loadTelegraphTable } from '../src/adapters/lists/telegraph-code.js';

const args = process.argv.slice(2);
const description = args.pop();
const [sdnPath, altPath] = args;
if (!sdnPath || !description) {
  console.error('usage: npx tsx scripts/build-ccc-names.ts SDN_CSV [ALT_CSV] "DESCRIPTION"');
  process.exit(2);
}
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const table = loadTelegraphTable();
const read = readOfacCsv({
  primary: readFileSync(sdnPath, 'utf8'),
  ...(altPath ? { alt: readFileSync(altPath, 'utf8') } : {}),
  kind: 'sdn',
});
const names: { entity: string; listedName: string; name: string; codes: string; codeBook: string }[] = [];
const rejected: { entity: string; listedName: string; codes: string; decoded: Record<string, string> }[] = [];
let runs = 0;
for (const e of read.entities) {
  const original = e.original as { primary: string[] };
  const remarks = original.primary[11] ?? '';
  // the entity as listed: the reader's own CCC names left out
  const latin = [e.name, ...e.aliases.filter((a) => !e.nameSources?.some((n) => n.name === a))];
  for (const d of decodeCccRemark(remarks, latin, table)) {
    runs++;
    if (d.name && d.book)
      names.push({
        entity: e.id,
        listedName: e.name,
        name: d.name,
        codes: d.codes.join(' '),
        codeBook: d.book,
      });
    else
      rejected.push({
        entity: e.id,
        listedName: e.name,
        codes: d.codes.join(' '),
        decoded: Object.fromEntries(d.tried.map((t) => [t.book, t.name ?? '(a code is not in this book)'])),
      });
  }
}
const out = {
  $comment:
    'GENERATED FILE -- do not edit by hand. Regenerate with: npx tsx scripts/build-ccc-names.ts (see data/names/PROVENANCE.md)',
  source: CCC_SOURCE,
  licence:
    'OFAC SDN data: U.S. Government work, public domain. Characters decoded through the Unicode Unihan telegraph fields (Unicode licence, LICENSE-Unicode.txt).',
  provenance: description,
  inputs: [
    { file: sdnPath, sha256: sha(sdnPath) },
    ...(altPath ? [{ file: altPath, sha256: sha(altPath) }] : []),
  ],
  telegraphTable: table.source,
  counts: {
    entriesRead: read.entities.length,
    cccRuns: runs,
    agree: names.length,
    disagree: rejected.length,
  },
  names,
  rejected,
};
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'names', 'ofac-ccc.names.json');
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${target}: ${runs} CCC runs, ${names.length} agree, ${rejected.length} disagree`);
