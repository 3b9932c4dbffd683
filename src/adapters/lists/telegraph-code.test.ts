import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import type { ListedEntity } from '../../core/screening/types.js';
import { readCslCsv } from './csl-csv.js';
import { readOfacCsv } from './ofac-csv.js';
import {
  agreesWithLatin,
  CCC_SOURCE,
  cccCodesIn,
  decodeCccRemark,
  decodeCodes,
  loadTelegraphTable,
  withCccNames,
} from './telegraph-code.js';

const root = resolve(import.meta.dirname, '../../..');
const table = loadTelegraphTable();
/** The code of a character in a code book, looked up in the shipped table (no code written in the test). */
const codeOf = (ch: string, book: 'mainland' | 'taiwan' = 'mainland') =>
  Object.entries(table[book]).find(([, c]) => c === ch)![0];

describe('the Unihan telegraph-code table', () => {
  it('is the derived table with its source recorded: thousands of codes in each book, one character each', () => {
    expect(table.source).toMatchObject({ package: 'Debian unicode-data 15.0.0-1', unicodeVersion: '15.0.0' });
    expect(Object.keys(table.mainland).length).toBeGreaterThan(7000);
    expect(Object.keys(table.taiwan).length).toBeGreaterThan(9000);
    for (const ch of Object.values(table.mainland).slice(0, 500)) expect([...ch]).toHaveLength(1);
  });
  it('decodes the codes of the Unihan record for U+5F20 张 (mainland) and U+5F35 張 (Taiwan) alike', () => {
    const mainland = codeOf('张');
    expect(table.taiwan[codeOf('張', 'taiwan')]).toBe('張');
    expect(decodeCodes([mainland], table, 'mainland')).toBe('张');
    expect(decodeCodes([mainland, '99999'], table, 'mainland')).toBeUndefined();
  });
});

describe('the CCC decoder', () => {
  it('finds every run of codes in a remark', () => {
    expect(
      cccCodesIn(
        'DOB 1976; Chinese Commercial Code 1728 4320; alt. Chinese Commercial Code 0022 0594 1234; Linked To: X',
      ),
    ).toEqual([
      ['1728', '4320'],
      ['0022', '0594', '1234'],
    ]);
    expect(cccCodesIn('Passport G123 (China); Linked To: X.')).toEqual([]);
  });
  it('checks characters against the Latin name in Mandarin, either name order, any reading of a character', () => {
    expect(agreesWithLatin('张磊', ['ZHANG, Lei'])).toBe(true);
    expect(agreesWithLatin('张磊', ['Lei ZHANG'])).toBe(true);
    expect(agreesWithLatin('张磊', ['ZHANG, Lin'])).toBe(false);
    // 重 reads zhong or chong: either spelling agrees
    expect(agreesWithLatin('重庆', ['Chongqing'])).toBe(true);
    expect(agreesWithLatin('吕明', ['LU, Ming'])).toBe(true);
    expect(agreesWithLatin('王国袱', ['WANG, Guoying', 'WANG, Guo Ying'])).toBe(false);
  });
  it('keeps a decoding only where it agrees, trying the Taiwan book when the mainland one does not', () => {
    const remark = (chars: string, book: 'mainland' | 'taiwan') =>
      `Chinese Commercial Code ${[...chars].map((c) => codeOf(c, book)).join(' ')}`;
    const [ok] = decodeCccRemark(remark('张磊', 'mainland'), ['ZHANG, Lei'], table);
    expect(ok).toMatchObject({ name: '张磊', book: 'mainland' });
    // most codes are the same character in both books (simplified or traditional); find one that is not
    const [code, twChar] = Object.entries(table.taiwan).find(([c, ch]) => {
      const m = table.mainland[c];
      const reading = pinyin(ch, { toneType: 'none' });
      return (
        m && /^[a-z]+$/.test(reading) && !agreesWithLatin(m, [reading]) && agreesWithLatin(ch, [reading])
      );
    })!;
    const latin = `WANG, ${pinyin(twChar, { toneType: 'none' })}`;
    const [tw] = decodeCccRemark(`Chinese Commercial Code ${codeOf('王')} ${code}`, [latin], table);
    expect(tw).toMatchObject({ name: `王${twChar}`, book: 'taiwan' });
    expect(tw!.tried.map((t) => t.book)).toEqual(['mainland', 'taiwan']);
    const [bad] = decodeCccRemark(remark('张磊', 'mainland'), ['WANG, Fang'], table);
    expect(bad!.name).toBeUndefined();
    expect(bad!.tried[0]).toEqual({ book: 'mainland', name: '张磊' });
  });
  it('adds an agreeing name as a labelled alias, and nothing for a remark without codes', () => {
    const e: ListedEntity = {
      id: 'sdn-1',
      list: 'SDN',
      source: 'SDN',
      name: 'LIN, Haoyu',
      aliases: [],
      countries: [],
      addresses: [],
      programs: [],
    };
    const codes = [...'林浩宇'].map((c) => codeOf(c)).join(' ');
    expect(withCccNames(e, `DOB 1980; Chinese Commercial Code ${codes}.`)).toMatchObject({
      aliases: ['林浩宇'],
      nameSources: [{ name: '林浩宇', source: CCC_SOURCE }],
    });
    expect(withCccNames(e, 'DOB 1980.')).toBe(e);
  });
});

describe('list readers with CCC remarks', () => {
  it('the OFAC SDN reader decodes the remarks of the 2021 fixture: 11 of 12 agree', () => {
    const read = readOfacCsv({
      primary: readFileSync(`${root}/test/fixtures/ofac-sdn-2021-watchman/sdn.csv`, 'utf8'),
      kind: 'sdn',
    });
    const named = read.entities.filter((e) => e.nameSources?.length);
    expect(named).toHaveLength(11);
    expect(read.entities.find((e) => e.id === 'sdn-16318')).toMatchObject({
      name: 'ZHANG, Lei',
      nameSources: [{ name: '张磊', source: CCC_SOURCE }],
    });
    // 3769 0948 5931 reads 王国袱: not WANG, Guoying, so not indexed
    expect(read.entities.find((e) => e.id === 'sdn-16819')!.nameSources).toBeUndefined();
  });
  it('the CSL CSV reader decodes the remarks column', () => {
    const codes = [...'林浩宇'].map((c) => codeOf(c)).join(' ');
    const csv = [
      'source,entity_number,type,programs,name,remarks,alt_names,addresses',
      `Specially Designated Nationals (SDN) - Treasury Department,90001,Individual,SDNTK,"LIN, Haoyu","Chinese Commercial Code ${codes}",,`,
    ].join('\n');
    expect(readCslCsv(csv).entities[0]).toMatchObject({ aliases: ['林浩宇'] });
  });
});
