/** Detect the format of list files and read them into canonical entities, one reader per format. */
import { basename } from 'node:path';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';
import { isCslJson, readCslJson } from './csl-json.js';
import { isCslCsv, readCslCsv } from './csl-csv.js';
import { isDplText, readDplText } from './dpl-txt.js';
import { readOfacCsv } from './ofac-csv.js';
import { decodeListFile } from './text.js';

export interface ListFile {
  name: string; // file name as stored in the snapshot
  bytes: Uint8Array;
}

export interface ReadFilesResult {
  entities: ListedEntity[];
  formats: string[];
  /** newest data date stated by the files (ISO), if any */
  dataDate?: string;
  perFile: { name: string; format: string; records: number }[];
}

type Role = 'csl' | 'csl-csv' | 'dpl' | 'ofac-primary' | 'ofac-alt' | 'ofac-add' | 'ofac-comments';

function roleOf(name: string, text: string): Role {
  const base = basename(name).toLowerCase();
  if (isCslJson(text)) return 'csl';
  if (isDplText(text)) return 'dpl';
  if (isCslCsv(text)) return 'csl-csv';
  if (/^\d+,/.test(text.trimStart())) {
    if (/alt/.test(base)) return 'ofac-alt';
    if (/add/.test(base)) return 'ofac-add';
    if (/comment/.test(base)) return 'ofac-comments';
    return 'ofac-primary';
  }
  throw new HttError({
    code: 'LISTS.INVALID',
    message: `${name}: unknown list format (expected CSL JSON, CSL CSV, BIS dpl.txt or OFAC legacy CSV)`,
  });
}

/** Read one snapshot's files. OFAC companions (alt/add) attach to the OFAC primary file of the same prefix. */
export function readListFiles(files: ListFile[], today?: string): ReadFilesResult {
  if (!files.length) throw new HttError({ code: 'LISTS.INVALID', message: 'no list files given' });
  const decoded = files.map((f) => {
    const text = decodeListFile(f.bytes, f.name);
    if (!text.trim()) throw new HttError({ code: 'LISTS.INVALID', message: `${f.name} is empty` });
    return { ...f, text, role: roleOf(f.name, text) };
  });
  const entities: ListedEntity[] = [];
  const formats: string[] = [];
  const perFile: ReadFilesResult['perFile'] = [];
  let dataDate: string | undefined;
  const note = (name: string, format: string, read: { entities: ListedEntity[]; dataDate?: string }) => {
    entities.push(...read.entities);
    if (!formats.includes(format)) formats.push(format);
    perFile.push({ name, format, records: read.entities.length });
    if (read.dataDate && (!dataDate || read.dataDate > dataDate)) dataDate = read.dataDate;
  };
  for (const f of decoded) {
    if (f.role === 'csl') note(f.name, 'csl', readCslJson(f.text, f.name));
    else if (f.role === 'csl-csv') note(f.name, 'csl-csv', readCslCsv(f.text, f.name));
    else if (f.role === 'dpl') note(f.name, 'dpl', readDplText(f.text, f.name, today));
    else if (f.role === 'ofac-primary') {
      const prefix = basename(f.name).toLowerCase().startsWith('cons') ? 'cons' : 'sdn';
      const companion = (role: Role) =>
        decoded.find(
          (g) => g.role === role && basename(g.name).toLowerCase().startsWith('cons') === (prefix === 'cons'),
        )?.text;
      const alt = companion('ofac-alt');
      const add = companion('ofac-add');
      const read = readOfacCsv({
        primary: f.text,
        kind: prefix,
        name: f.name,
        ...(alt ? { alt } : {}),
        ...(add ? { add } : {}),
      });
      note(f.name, read.format, read);
    }
  }
  const orphans = decoded.filter(
    (f) =>
      (f.role === 'ofac-alt' || f.role === 'ofac-add') && !decoded.some((g) => g.role === 'ofac-primary'),
  );
  if (orphans.length) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${orphans[0]!.name} needs its OFAC primary file (sdn.csv or cons_prim.csv)`,
    });
  }
  if (!entities.length)
    throw new HttError({ code: 'LISTS.INVALID', message: 'the files hold no listed entity' });
  return { entities, formats, perFile, ...(dataDate ? { dataDate } : {}) };
}
