import { describe, expect, it } from 'vitest';
import {
  decodeScreeningIndex,
  encodeScreeningIndex,
  IndexFormatError,
  SCREENING_INDEX_FORMAT,
} from './index-codec.js';
import { buildLexicon } from './lexicon.js';
import { buildScreeningIndex, screenerFromIndex, type NameRecord } from './screener.js';
import type { ListedEntity } from './types.js';

const entity = (
  id: string,
  name: string,
  aliases: string[] = [],
  extra: Partial<ListedEntity> = {},
): ListedEntity => ({
  id,
  list: 'ENTITY_LIST',
  source: 'Entity List (EL) - Bureau of Industry and Security',
  name,
  aliases,
  countries: ['CN'],
  addresses: [],
  programs: [],
  ...extra,
});

const entities: ListedEntity[] = [
  entity('el-1', 'Harbin Institute of Technology', [], { licensePolicy: 'Presumption of denial.' }),
  entity('el-2', 'Hytera Communications Limited', ['Hytera Communications Ltd.'], {
    federalRegister: '84 FR 22963',
    licenseRequirement: 'For all items subject to the EAR.',
  }),
  entity('el-3', 'Nanjing FiberHome Starrysky Communication Development Co.', [
    'Nanjing Fenghuo Xingkong Communication Development Co.',
  ]),
  entity('el-4', 'FiberHome Technologies Group'),
  entity('el-5', 'China United Network Communications', ['China Unicom']),
  entity('el-6', 'Sun Yat-sen University'),
  entity('sdn-7', 'KIM, Jong Un', ['Kim Jong-un'], { type: 'Individual', countries: ['KP'], list: 'SDN' }),
  entity('sdn-8', 'Ünïcödé Tradïng ŞA', ['Юникод'], {
    countries: [],
    programs: ['X'],
    addresses: ['1 Main St'],
  }),
  // a name from outside the list, with its source (format 2)
  entity('sdn-9', 'ZHANG, Lei', ['LEI, Zhang', '张磊'], {
    type: 'Individual',
    list: 'SDN',
    countries: [],
    nameSources: [{ name: '张磊', source: 'Chinese name from OFAC CCC remark, decoded via Unihan' }],
  }),
];
const lexicon = buildLexicon('test', { 中山大学: ['Sun Yat-sen University'] });
const meta = { snapshot: 'test@2026-01-01T00:00Z#00000000', snapshotDate: '2026-01-01' };
const built = buildScreeningIndex(entities, meta, { lexicon });
const bytes = encodeScreeningIndex(built);

const queries = [
  'Harbin Institute of Technology',
  '哈尔滨工业大学',
  'Hytrea Communications',
  '烽火科技集团',
  '中國聯合網絡通信',
  '中山大学',
  'Kim Jong Un',
  'Unicode Trading SA',
  'Юникод',
  '张磊',
  'nothing like any of them',
];

describe('the stored screening index (codec)', () => {
  it('loads to a screener that answers exactly as the one built in memory', () => {
    const a = screenerFromIndex(built);
    const b = screenerFromIndex(decodeScreeningIndex(bytes));
    for (const name of queries) {
      for (const options of [{}, { threshold: 0.3, limit: 50 }, { cleared: ['el-2'] }]) {
        expect(b.screen({ name }, options), name).toEqual(a.screen({ name }, options));
        expect(JSON.stringify(b.screen({ name }, options))).toBe(JSON.stringify(a.screen({ name }, options)));
      }
      expect(b.screen({ name, country: 'KP' })).toEqual(a.screen({ name, country: 'KP' }));
      expect(b.compare(name, 'FiberHome Technologies Group')).toEqual(
        a.compare(name, 'FiberHome Technologies Group'),
      );
    }
    expect(b.entity('sdn-8')).toEqual(a.entity('sdn-8'));
    expect(b.entity('sdn-9')!.nameSources).toEqual(entities[8]!.nameSources);
    expect(b.screen({ name: '张磊' })[0]).toMatchObject({
      id: 'sdn-9',
      matchedName: '张磊',
      nameSource: 'Chinese name from OFAC CCC remark, decoded via Unihan',
    });
    expect(b.entity('nope')).toBeUndefined();
    expect(b.names()).toEqual(a.names());
    expect([b.snapshot, b.snapshotDate, b.entityCount, b.nameCount]).toEqual([
      a.snapshot,
      a.snapshotDate,
      a.entityCount,
      a.nameCount,
    ]);
  });
  it('stores every record, posting and weight as built', () => {
    const d = decodeScreeningIndex(bytes);
    expect(d.recordCount).toBe(built.recordCount);
    // name parts are computed and kept by queries, not stored
    const stored = (rec: NameRecord) => ({ ...rec, parts: undefined });
    for (let r = 0; r < built.recordCount; r++) expect(stored(d.record(r))).toEqual(stored(built.record(r)));
    for (let i = 0; i < entities.length; i++) {
      expect(d.entity(i)).toEqual(built.entity(i));
      expect(d.kind(i)).toBe(built.kind(i));
    }
    for (const [key, list] of built.built.postings) {
      const got = d.postings(key);
      expect(typeof got === 'number' ? got : Array.from(got!)).toEqual(
        typeof list === 'number' ? list : Array.from(list),
      );
      expect(d.df(key)).toBe(built.df(key));
    }
    expect(d.postings('no such key')).toBeUndefined();
    expect(d.learned()).toEqual(built.learned());
    expect([...d.lexicon!.entries]).toEqual([...lexicon.entries]);
    expect(Array.from(d.recordWeight)).toEqual(Array.from(built.recordWeight));
  });
  it('encodes the same index to the same bytes', () => {
    expect(Buffer.from(encodeScreeningIndex(buildScreeningIndex(entities, meta, { lexicon })))).toEqual(
      Buffer.from(bytes),
    );
  });
  it('refuses bytes of another format, truncated or foreign, with IndexFormatError', () => {
    const other = bytes.slice();
    new Int32Array(other.buffer, 8, 4)[1] = SCREENING_INDEX_FORMAT + 1;
    expect(() => decodeScreeningIndex(other)).toThrow(/index format/);
    for (const cut of [0, 7, 100, bytes.length - 8]) {
      expect(() => decodeScreeningIndex(bytes.subarray(0, cut))).toThrow(IndexFormatError);
    }
    expect(() => decodeScreeningIndex(new TextEncoder().encode('{"not": "an index"}'.padEnd(64)))).toThrow(
      IndexFormatError,
    );
    // an unaligned buffer is copied, not refused
    const unaligned = new Uint8Array(bytes.length + 1);
    unaligned.set(bytes, 1);
    expect(decodeScreeningIndex(unaligned.subarray(1)).recordCount).toBe(built.recordCount);
  });
});
