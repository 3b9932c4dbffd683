import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENING_INDEX_FORMAT } from '../../core/screening/index-codec.js';
import type { IndexedScreener } from '../../core/screening/screener.js';
import { DEFAULT_LEXICON_PATH } from './lexicon-file.js';
import { ingest, loadSnapshot, readCurrent, type SnapshotMetaFile } from './snapshot-store.js';
import { INDEX_FILE } from './screening-index-file.js';

const root = resolve(import.meta.dirname, '../../..');
const shipped = readCurrent(join(root, 'data/lists'));
const shippedList = join(shipped.dir, 'screening-list.json');
const tmp = mkdtempSync(join(tmpdir(), 'htt-index-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The dev set's queries and more: Chinese script, typos, addresses, persons, other scripts. */
const queries = [
  ...readFileSync(join(root, 'test/eval/screening-dev.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]!),
  '哈尔滨工业大学',
  '华为',
  '華為技術有限公司',
  'Huawei Technologies',
  'Huawie Technolgies Co Ltd',
  'Hytrea Communications',
  'No. 18 Xinxi Road, Haidian District, Beijing',
  'Room 1201, 12/F, Tower 2, Lippo Centre, 89 Queensway, Admiralty, Hong Kong',
  'Xi Jinping',
  'Moammar Qaddafi',
  'Osama bin Laden',
  'Владимир Путин',
  'محمد',
  'Sun Yat-sen University',
  '中山大学',
  '烽火科技集团',
];

/** A lists directory holding a copy of the shipped snapshot (the index goes beside the copy). */
function copyOfShipped(name: string): string {
  const lists = join(tmp, name);
  const dir = join(lists, 'snapshots', 'shipped');
  mkdirSync(dir, { recursive: true });
  copyFileSync(shippedList, join(dir, 'screening-list.json'));
  copyFileSync(join(shipped.dir, 'snapshot.json'), join(dir, 'snapshot.json'));
  writeFileSync(
    join(lists, 'current.json'),
    JSON.stringify({ id: shipped.meta.id, dir: 'snapshots/shipped' }),
  );
  return lists;
}

const answers = (s: IndexedScreener, names: string[]) =>
  names.map((name) =>
    JSON.stringify([
      s.screen({ name }),
      s.screen({ name }, { threshold: 0.5, limit: 50 }),
      s.screen({ name, country: 'CN' }, { threshold: 0.6 }),
    ]),
  );

describe('the stored screening index of the shipped snapshot', () => {
  it('is written on first load and, loaded, answers byte for byte as a fresh build', () => {
    const lists = copyOfShipped('shipped');
    const first = loadSnapshot(lists);
    expect(first.index.source).toBe('built');
    expect(first.index.detail).toMatch(/no screening-index/);
    expect(existsSync(join(lists, 'snapshots/shipped', INDEX_FILE))).toBe(true);
    const second = loadSnapshot(lists);
    expect(second.index).toMatchObject({ source: 'stored' });
    expect(second.index.bytes).toBeGreaterThan(1_000_000);
    const stored = second.screener;
    const fresh = first.screener;
    expect(queries.length).toBeGreaterThan(230);
    expect(answers(stored, queries)).toEqual(answers(fresh, queries));
    // a few hits at all, in Chinese script too
    expect(stored.screen({ name: '哈尔滨工业大学' })[0]?.name).toBe('Harbin Institute of Technology');
    expect(stored.screen({ name: '华为' }).length).toBeGreaterThan(0);
    // the pair scorer and the listed entities too
    const pairs = readFileSync(join(root, 'test/eval/nomenklatura-cases.csv'), 'utf8')
      .split('\n')
      .slice(1, 200)
      .map((l) => l.split(','))
      .filter((f) => f.length >= 3);
    for (const [, a, b] of pairs)
      expect(stored.compare(a!, b!), `${a} / ${b}`).toEqual(fresh.compare(a!, b!));
    for (const id of stored.screen({ name: 'Huawei' }, { limit: 50 }).map((h) => h.id))
      expect(stored.entity(id)).toEqual(fresh.entity(id));
    expect(stored.names()).toEqual(fresh.names());
    expect(stored.nameCount).toBe(fresh.nameCount);
  }, 120_000);
});

describe('a stored index that is missing, stale or damaged is built again', () => {
  // a small snapshot (a slice of the shipped list), ingested: ingest writes the index
  const lists = join(tmp, 'small');
  const file = join(tmp, 'screening-list.json');
  const names = queries.slice(0, 60);
  let meta: SnapshotMetaFile;
  let indexFile: string;
  let pristine: Buffer;
  let expected: string[];
  beforeAll(() => {
    const data = JSON.parse(readFileSync(shippedList, 'utf8')) as { entries: unknown[] };
    data.entries = data.entries.filter((_, i) => i % 12 === 0);
    writeFileSync(file, JSON.stringify(data));
    meta = ingest([file], lists, { force: true, reason: 'a test snapshot' });
    indexFile = join(readCurrent(lists).dir, INDEX_FILE);
    pristine = readFileSync(indexFile);
    expected = answers(loadSnapshot(lists).screener, names);
  });
  afterEach(() => {
    delete process.env.HTT_LEXICON;
    rmSync(indexFile, { recursive: true, force: true });
    writeFileSync(indexFile, pristine);
  });

  /** The index file with its header changed (the payload kept as it is). */
  const withHeader = (change: (h: Record<string, unknown>) => void) => {
    const length = pristine.readUInt32LE(8);
    const header = JSON.parse(pristine.toString('utf8', 12, 12 + length)) as Record<string, unknown>;
    change(header);
    const json = Buffer.from(JSON.stringify(header));
    const start = Math.ceil((12 + json.length) / 8) * 8;
    const out = Buffer.alloc(start);
    out.write('HTTSIDX\n', 0, 'latin1');
    out.writeUInt32LE(json.length, 8);
    json.copy(out, 12);
    return Buffer.concat([out, pristine.subarray(Math.ceil((12 + length) / 8) * 8)]);
  };

  /** Load, expect a rebuild for `why`, the same answers, and a good index written again. */
  const rebuilds = (why: RegExp) => {
    const { screener, index } = loadSnapshot(lists);
    expect(index.source).toBe('built');
    expect(index.detail).toMatch(why);
    expect(answers(screener, names)).toEqual(expected);
    const again = loadSnapshot(lists);
    expect(again.index.source).toBe('stored');
    expect(answers(again.screener, names)).toEqual(expected);
  };

  it('is written at ingest, beside the snapshot, and used', () => {
    expect(meta.entityCount).toBeGreaterThan(2000);
    expect(existsSync(indexFile)).toBe(true);
    expect(loadSnapshot(lists).index.source).toBe('stored');
    // ingesting the same files again keeps the snapshot and its index
    ingest([file], lists, { force: true, reason: 'a test snapshot' });
    expect(readFileSync(indexFile).equals(pristine)).toBe(true);
  });
  it('missing', () => {
    rmSync(indexFile);
    rebuilds(/no screening-index/);
  });
  it('truncated', () => {
    truncateSync(indexFile, Math.floor(pristine.length / 2));
    rebuilds(/payload of \d+ bytes/);
    truncateSync(indexFile, 20);
    rebuilds(/truncated header/);
    truncateSync(indexFile, 0);
    rebuilds(/not a screening index/);
  });
  it('altered: a payload that does not match its hash', () => {
    const altered = Buffer.from(pristine);
    altered[altered.length - 100] = altered[altered.length - 100]! ^ 0x55;
    writeFileSync(indexFile, altered);
    rebuilds(/does not match its sha256/);
  });
  it('built from other list files', () => {
    writeFileSync(
      indexFile,
      withHeader((h) => {
        h.files = [{ name: 'screening-list.json', sha256: '0'.repeat(64) }];
      }),
    );
    rebuilds(/other list files/);
  });
  it('built with another lexicon', () => {
    const lexicon = JSON.parse(readFileSync(DEFAULT_LEXICON_PATH, 'utf8')) as {
      entries: Record<string, string[]>;
    };
    lexicon.entries['测试公司'] = ['Test Company'];
    const other = join(tmp, 'lexicon.json');
    writeFileSync(other, JSON.stringify(lexicon));
    process.env.HTT_LEXICON = other;
    rebuilds(/another name lexicon/);
  });
  it('of another format version, or built by other code', () => {
    writeFileSync(
      indexFile,
      withHeader((h) => {
        h.format = SCREENING_INDEX_FORMAT + 1;
      }),
    );
    rebuilds(/format/);
    writeFileSync(
      indexFile,
      withHeader((h) => {
        h.code = 'f'.repeat(64);
      }),
    );
    rebuilds(/other code/);
  });
  it('that cannot be read or written: screens from the index built in memory', () => {
    rmSync(indexFile);
    mkdirSync(indexFile); // a directory where the file should be: neither readable nor replaceable
    const { screener, index } = loadSnapshot(lists);
    expect(index.source).toBe('built');
    expect(index.detail).toMatch(/not written/);
    expect(answers(screener, names)).toEqual(expected);
  });
});
