/* global process, console */
/**
 * Builds data/names/unihan-telegraph-codes.json: the Chinese telegraph code (Chinese Commercial Code, CCC)
 * of each Han character, from the Unicode Han Database (Unihan) fields kMainlandTelegraph (PRC telegraph
 * code book) and kTaiwanTelegraph (Taiwan's), as shipped by Debian's `unicode-data` package.
 *
 * The Unihan files are not available where htt runs (CI, a user's machine): this derived table is what the
 * decoder (src/adapters/lists/telegraph-code.ts) reads. The output records the package, its version and the
 * sha256 of the Unihan file it was read from.
 *
 * Run (Debian/Ubuntu):
 *   apt-get download unicode-data && dpkg-deb -x unicode-data_*.deb /tmp/unicode-data
 *   node scripts/build-telegraph-codes.mjs /tmp/unicode-data/usr/share/unicode "Debian unicode-data 15.0.0-1"
 * (or, with the package installed: node scripts/build-telegraph-codes.mjs /usr/share/unicode "Debian unicode-data VERSION")
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, packageLabel] = process.argv.slice(2);
if (!dir || !packageLabel) {
  console.error('usage: node scripts/build-telegraph-codes.mjs UNICODE_DIR "PACKAGE AND VERSION"');
  process.exit(2);
}
const plain = join(dir, 'Unihan_OtherMappings.txt');
const file = existsSync(plain) ? plain : `${plain}.bz2`;
const bytes = readFileSync(file);
const text = file.endsWith('.bz2')
  ? execFileSync('bzcat', [file], { maxBuffer: 1 << 28 }).toString('utf8')
  : bytes.toString('utf8');

const header = (label) => new RegExp(`^#\\s*${label}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
const tables = { kMainlandTelegraph: {}, kTaiwanTelegraph: {} };
for (const line of text.split('\n')) {
  const m = /^U\+([0-9A-F]{4,6})\t(kMainlandTelegraph|kTaiwanTelegraph)\t(\d{4})$/.exec(line.trim());
  if (!m) continue;
  const table = tables[m[2]];
  const ch = String.fromCodePoint(parseInt(m[1], 16));
  if (table[m[3]] && table[m[3]] !== ch) throw new Error(`${m[2]} ${m[3]} names two characters`);
  table[m[3]] = ch;
}
const sorted = (t) => Object.fromEntries(Object.entries(t).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = {
  $comment:
    'GENERATED FILE -- do not edit by hand. Regenerate with: node scripts/build-telegraph-codes.mjs (see data/names/PROVENANCE.md). Derived from the Unicode Character Database (Unihan); modified: only the kMainlandTelegraph and kTaiwanTelegraph fields, inverted to code -> character. Unicode licence: data/names/LICENSE-Unicode.txt',
  source: {
    package: packageLabel,
    file: 'Unihan_OtherMappings.txt',
    fileSha256: createHash('sha256').update(bytes).digest('hex'),
    fileCompressed: file.endsWith('.bz2'),
    unicodeVersion: header('Unicode version') ?? 'unknown',
    fileDate: header('Date') ?? 'unknown',
  },
  mainland: sorted(tables.kMainlandTelegraph),
  taiwan: sorted(tables.kTaiwanTelegraph),
};
const target = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'data',
  'names',
  'unihan-telegraph-codes.json',
);
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `wrote ${target}: ${Object.keys(out.mainland).length} mainland and ${Object.keys(out.taiwan).length} Taiwan codes (Unicode ${out.source.unicodeVersion})`,
);
