import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildScreener } from '../../core/screening/screener.js';
import { readCslJson } from './csl-json.js';
import { readCslCsv } from './csl-csv.js';
import { readDplText } from './dpl-txt.js';
import { readOfacCsv } from './ofac-csv.js';
import { ingest, loadSnapshot, readCurrent, snapshotId } from './snapshot-store.js';

/** Real list files copied into the repository (test/fixtures/README.md says from where). */
const fixtures = resolve(import.meta.dirname, '../../../test/fixtures');
const text = (p: string) => readFileSync(join(fixtures, p), 'utf8');
/** The CSL projection, read where it ships (data/lists/PROVENANCE.md) rather than copied again. */
const cslJson = () =>
  readFileSync(
    resolve(import.meta.dirname, '../../../data/lists/snapshots/2026-07-31-8eed7908/screening-list.json'),
    'utf8',
  );

describe('list readers against the real list files', () => {
  it('reads the CSL JSON projection with list codes, licence columns and the original record', () => {
    const r = readCslJson(cslJson());
    expect(r.entities).toHaveLength(25921);
    expect(r.dataDate).toBe('2026-07-31T13:15:00.015113+00:00');
    const count = (code: string) => r.entities.filter((e) => e.list === code).length;
    expect(count('ENTITY_LIST')).toBe(3420);
    expect(count('MEU')).toBe(70);
    expect(count('UVL')).toBe(222);
    expect(count('CMIC')).toBe(68);
    expect(count('SDN')).toBe(19181);
    expect(new Set(r.entities.map((e) => e.id)).size).toBe(r.entities.length);
    const hit = r.entities.find((e) => e.name === 'Harbin Institute of Technology')!;
    expect(hit).toMatchObject({ list: 'ENTITY_LIST', countries: ['CN'] });
    expect(hit.licenseRequirement).toMatch(/all items subject to the EAR/);
    expect(hit.federalRegister).toMatch(/FR/);
    expect(hit.original).toBeDefined();
  });
  it('reads the OFAC SDN legacy CSV set with aliases, addresses and countries', () => {
    const dir = 'ofac-sdn-2021-watchman/';
    const r = readOfacCsv({
      primary: text(`${dir}sdn.csv`),
      alt: text(`${dir}alt.csv`),
      add: text(`${dir}add.csv`),
      kind: 'sdn',
    });
    expect(r.entities).toHaveLength(8976);
    const bnc = r.entities.find((e) => e.id === 'sdn-306')!;
    expect(bnc).toMatchObject({ name: 'BANCO NACIONAL DE CUBA', list: 'SDN', programs: ['CUBA'] });
    expect(bnc.aliases).toContain('NATIONAL BANK OF CUBA');
    expect(bnc.countries).toContain('CH');
  });
  it('reads the non-SDN consolidated CSV set and maps CMIC', () => {
    const dir = 'ofac-nonsdn-2025-watchman/';
    const r = readOfacCsv({
      primary: text(`${dir}cons_prim.csv`),
      alt: text(`${dir}cons_alt.csv`),
      add: text(`${dir}cons_add.csv`),
      kind: 'cons',
    });
    expect(r.entities).toHaveLength(442);
    expect(r.entities.filter((e) => e.list === 'CMIC')).toHaveLength(68);
  });
  it('reads the BIS dpl.txt, one entity per person and order', () => {
    const r = readDplText(text('bis-dpl-watchman/dpl.txt'), 'dpl.txt', '2026-11-28');
    expect(r.entities.length).toBeGreaterThan(400);
    expect(r.entities.length).toBeLessThanOrEqual(581);
    expect(r.entities.every((e) => e.list === 'DPL')).toBe(true);
    expect(r.dataDate).toBe('2022-09-02');
    expect(r.entities.find((e) => e.name === 'AARON ABRAHAM VILLA')?.federalRegister).toMatch(
      /87 F\.R\. 52741/,
    );
  });
  it('reads the trade.gov CSL CSV samples (current and old layouts)', () => {
    const cur = readCslCsv(text('csl-format-samples-watchman/consolidated.csv'));
    expect(cur.entities).toHaveLength(13);
    expect(cur.entities.map((e) => e.list)).toEqual(
      expect.arrayContaining(['ENTITY_LIST', 'MEU', 'UVL', 'DPL', 'SDN']),
    );
    expect(readCslCsv(text('csl-format-samples-watchman/csl.csv')).entities.length).toBeGreaterThan(100);
  });
  it('rejects malformed files with a reason', () => {
    expect(() => readCslJson('{"fieldKey":{},"entries":[]}')).toThrow(/not a CSL JSON projection/);
    expect(() => readCslJson('{not json')).toThrow(/not valid JSON/);
    expect(() => readOfacCsv({ primary: 'name,without,number\n', kind: 'sdn' })).toThrow(
      /not an OFAC legacy CSV record/,
    );
  });
});

describe('snapshot store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'htt-lists-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sdn = join(fixtures, 'ofac-sdn-2021-watchman');

  it('ingests atomically and versions by date and content hash', () => {
    const meta = ingest([join(sdn, 'sdn.csv'), join(sdn, 'alt.csv'), join(sdn, 'add.csv')], dir, {
      date: '2021-07-07',
    });
    expect(meta.id).toMatch(/^ofac-sdn@2021-07-07T00:00Z#[0-9a-f]{8}$/);
    expect(meta.entityCount).toBe(8976);
    expect(readCurrent(dir).meta.id).toBe(meta.id);
    const { screener } = loadSnapshot(dir);
    expect(screener.snapshot).toBe(meta.id);
    expect(screener.screen({ name: 'Banco Nacional de Cuba' })[0]?.id).toBe('sdn-306');
  });
  it('keeps the current snapshot when a file is malformed, binary or far too small, and says why', () => {
    const before = readCurrent(dir).meta.id;
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"fieldKey": {}, "entries": [');
    expect(() => ingest([bad], dir)).toThrow(/not valid JSON/);
    const bin = join(dir, 'blob.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255]));
    expect(() => ingest([bin], dir)).toThrow(/binary/);
    const tiny = join(dir, 'sdn.csv');
    writeFileSync(tiny, '1,"ONE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n');
    expect(() => ingest([tiny], dir)).toThrow(
      /beyond the list update limits.*would lose 8975 of its 8976 entries/,
    );
    expect(() => ingest([join(dir, 'missing.csv')], dir)).toThrow(/cannot read/);
    expect(readCurrent(dir).meta.id).toBe(before);
    expect(existsSync(join(dir, 'snapshots'))).toBe(true);
  });
  it('formats snapshot ids', () => {
    expect(snapshotId(['csl'], '2026-07-31T13:15:00.015113+00:00', 'abcdef0123')).toBe(
      'csl@2026-07-31T13:15Z#abcdef01',
    );
  });
});

describe('index agrees with a brute-force scan', () => {
  it('finds the same best entity as scoring every listed name, on a sample of perturbed queries', () => {
    const all = readCslJson(cslJson()).entities;
    const china = all.filter((e) => e.countries.includes('CN')).slice(0, 1200);
    const screener = buildScreener(china, { snapshot: 't', snapshotDate: 't' });
    let checked = 0;
    for (let i = 0; i < china.length; i += 15) {
      const words = china[i]!.name.split(' ');
      const query = words.length > 3 ? words.slice(0, -1).join(' ') : `${china[i]!.name} Co Ltd`;
      const indexed = screener.screen({ name: query })[0];
      let best = { id: '', score: 0 };
      for (const e of china) {
        for (const n of [e.name, ...e.aliases]) {
          const s = screener.compare(query, n).score;
          if (s > best.score) best = { id: e.id, score: s };
        }
      }
      if (best.score >= 0.8) {
        expect(indexed, query).toBeDefined();
        expect(indexed!.score).toBeCloseTo(best.score, 2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  }, 180_000);
});
