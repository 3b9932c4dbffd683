import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScreener } from '../../core/screening/screener.js';
import type { ListedEntity } from '../../core/screening/types.js';
import { readCslCsv } from './csl-csv.js';
import { readCslJson } from './csl-json.js';
import { readNameFile } from './name-import-readers.js';
import { importedSupplements, matchRecord, nameImportsIn, readBatches } from './name-import-store.js';
import { applyNameSupplements, loadShippedNames } from './name-supplements.js';
import { CCC_SOURCE } from './telegraph-code.js';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/names');
const tmp = mkdtempSync(join(tmpdir(), 'htt-names-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const listed = readCslCsv(readFileSync(join(fixtures, 'lists.csv'), 'utf8')).entities;
const meta = { snapshot: 'test@1', snapshotDate: '2026-07-31' };
const records = (format: 'opensanctions' | 'wikidata' | 'gleif', file: string) =>
  readNameFile(format, readFileSync(join(fixtures, file), 'utf8'), file);

describe('names attached to listed entries', () => {
  const person: ListedEntity = {
    id: 'sdn-1',
    list: 'SDN',
    source: 'SDN',
    name: 'ZHANG, Lei',
    aliases: [],
    countries: [],
    addresses: [],
    programs: [],
  };
  it('attaches a name by entry id while the entry keeps the Latin name; a changed entry drops it', () => {
    const s = { entity: 'sdn-1', listedName: 'Zhang Lei', name: '张磊', source: CCC_SOURCE };
    const r = applyNameSupplements([person], [s]);
    expect(r.entities[0]).toMatchObject({
      aliases: ['张磊'],
      nameSources: [{ name: '张磊', source: CCC_SOURCE }],
    });
    expect(person.aliases).toEqual([]); // not changed in place
    const renamed = applyNameSupplements([{ ...person, name: 'WANG, Fang' }], [s]);
    expect(renamed.entities[0]!.aliases).toEqual([]);
    expect(renamed.unmatched).toEqual([s]);
    expect(applyNameSupplements([person], [{ ...s, entity: 'sdn-2' }]).applied).toEqual([]);
    expect(r.sha256).not.toBe(renamed.sha256);
  });
  it('the shipped CCC names attach to the shipped snapshot: every one of the 11 finds its entry', () => {
    const shipped = loadShippedNames();
    const ccc = shipped.find((f) => f.file === 'ofac-ccc.names.json')!;
    expect(ccc.supplements).toHaveLength(11);
    const snapshot = join(root, 'data/lists/snapshots/2026-07-31-8eed7908/screening-list.json');
    const entities = readCslJson(readFileSync(snapshot, 'utf8')).entities;
    const r = applyNameSupplements(entities, ccc.supplements);
    expect(r.applied).toHaveLength(11);
    expect(r.entities.find((e) => e.id === 'sdn-26323')!.nameSources).toEqual([
      { name: '郑广华', source: CCC_SOURCE },
    ]);
  });
});

describe('matching imported records to listed entries', () => {
  it('by an identifier the source states (an OpenSanctions referent ofac-N is OFAC entry N)', () => {
    const [lin] = records('opensanctions', 'opensanctions.ftm.json');
    expect(matchRecord(lin!, listed)).toEqual({ entities: [0], by: 'identifier' });
  });
  it('by exact Latin name and a shared country; never a near name, never without a country', () => {
    const [bright, other] = records('wikidata', 'wikidata-entities.json');
    expect(matchRecord(bright!, listed)).toEqual({ entities: [1], by: 'name and country' });
    expect(matchRecord(other!, listed)).toBeUndefined(); // same name, no country it can read
    const near = { ...bright!, latinNames: ['Bright Harbour Electronics Co., Ltd.'] };
    expect(matchRecord(near, listed)).toBeUndefined();
    expect(matchRecord({ ...bright!, countries: ['US'] }, listed)).toBeUndefined();
    const [jade] = records('gleif', 'gleif-golden-copy.csv');
    expect(matchRecord(jade!, listed)).toEqual({ entities: [2], by: 'name and country' });
  });
});

describe('screening through an imported name', () => {
  const port = nameImportsIn({ dir: tmp, entities: () => listed });
  it('a Chinese-script query hits the entry only through the imported name, and the hit names its source', () => {
    const query = '明港电子有限公司';
    expect(buildScreener(listed, meta).screen({ name: query })).toEqual([]);
    const result = port.save({
      id: 'names-test1',
      source: 'wikidata',
      file: 'wikidata-entities.json',
      records: records('wikidata', 'wikidata-entities.json'),
      importedAt: '2026-12-01T00:00:00Z',
      importedBy: 'system',
    });
    expect(result).toMatchObject({
      records: 2,
      matchedRecords: 1,
      entriesGaining: 1,
      chinaEntriesGaining: 1,
      licence: 'CC0 1.0',
    });
    const withNames = applyNameSupplements(listed, importedSupplements(listed, readBatches(tmp))).entities;
    const [hit] = buildScreener(withNames, meta).screen({ name: query });
    expect(hit).toMatchObject({
      name: 'Bright Harbor Electronics Co., Ltd.',
      matchedName: query,
      score: 1,
      nameSource: 'name from Wikidata Q900000001 (CC0 1.0; imported by the user from wikidata-entities.json)',
    });
    expect(hit!.explanation).toContain("is not the list's own: name from Wikidata Q900000001 (CC0 1.0");
    // the traditional-script label and the alias were imported too
    expect(buildScreener(withNames, meta).screen({ name: '明港電子有限公司' })[0]?.id).toBe(hit!.id);
  });
  it('lists and removes imports', () => {
    const d = port.describe() as { imports: { id: string; entriesGaining: number }[] };
    expect(d.imports).toMatchObject([{ id: 'names-test1', entriesGaining: 1 }]);
    port.remove('names-test1');
    expect(readBatches(tmp)).toEqual([]);
    expect(() => port.remove('names-test1')).toThrow(/no imported names names-test1/);
  });
});
