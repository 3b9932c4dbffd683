import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNameFile } from './name-import-readers.js';

const dir = resolve(import.meta.dirname, '../../../test/fixtures/names');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

describe('name import readers', () => {
  it('reads OpenSanctions FollowTheMoney JSON lines: Chinese names, referents, countries; no record without one', () => {
    const records = readNameFile('opensanctions', read('opensanctions.ftm.json'), 'x.json');
    expect(records.map((r) => r.ref)).toEqual([
      'opensanctions:NK-fixture-lin',
      'opensanctions:NK-fixture-unlisted',
    ]);
    expect(records[0]).toEqual({
      ref: 'opensanctions:NK-fixture-lin',
      ids: ['NK-fixture-lin', 'ofac-90001', 'fixture-other-1'],
      latinNames: ['LIN, Haoyu', 'Lin Hao Yu'],
      countries: ['CN'],
      names: ['林浩宇'],
    });
  });
  it('reads OpenSanctions targets.simple.csv (aliases and countries split on ";")', () => {
    const records = readNameFile('opensanctions', read('targets.simple.csv'), 'targets.simple.csv');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ ids: ['ofac-90001'], names: ['林浩宇'], countries: ['CN'] });
    expect(records[1]).toMatchObject({
      latinNames: ['Bright Harbor Electronics Co. Ltd'],
      names: ['明港电子有限公司'],
    });
  });
  it('reads a Wikidata entity dump: zh labels and aliases, the country from P17 where the item is known', () => {
    const records = readNameFile('wikidata', read('wikidata-entities.json'), 'dump.json');
    expect(records[0]).toEqual({
      ref: 'wikidata:Q900000001',
      ids: [],
      latinNames: ['Bright Harbor Electronics Co., Ltd.'],
      countries: ['CN'],
      names: ['明港电子有限公司', '明港電子有限公司', '明港电子'],
    });
    // Q30 is not in the import's country table: no country, so no match by name (never a guess)
    expect(records[1]!.countries).toEqual([]);
  });
  it('reads Wikidata SPARQL JSON results, one record per item', () => {
    const records = readNameFile('wikidata', read('wikidata-sparql.json'), 'query.json');
    expect(records).toEqual([
      {
        ref: 'wikidata:Q900000001',
        ids: [],
        latinNames: ['Bright Harbor Electronics Co., Ltd.'],
        countries: ['CN'],
        names: ['明港电子有限公司', '明港电子'],
      },
    ]);
  });
  it('reads the GLEIF golden copy CSV and JSON:API records alike, with the transliterated name', () => {
    const csv = readNameFile('gleif', read('gleif-golden-copy.csv'), 'golden.csv');
    const json = readNameFile('gleif', read('gleif-lei-records.json'), 'lei.json');
    const expected = {
      ref: 'gleif:9845000FIXTURE0JADE01',
      ids: [],
      latinNames: ['Jade River Optics Co., Ltd.', 'Yuhe Guangxue Youxian Gongsi'],
      countries: ['CN'],
      names: ['玉河光学有限公司', 'Yuhe Guangxue Youxian Gongsi'],
    };
    expect(csv).toEqual([expected]);
    expect(json).toEqual([expected]);
  });
  it('refuses a file in another format with a clear message', () => {
    expect(() => readNameFile('gleif', read('targets.simple.csv'), 'targets.simple.csv')).toThrow(
      /not a GLEIF LEI-CDF golden copy CSV/,
    );
    expect(() => readNameFile('opensanctions', '{"id": 1}\n', 'bad.json')).toThrow(
      /line 1 is not a FollowTheMoney entity/,
    );
    expect(() => readNameFile('wikidata', 'id,name\n', 'x.csv')).toThrow(/not Wikidata JSON/);
  });
});
