import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli.js';

const root = resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'htt-screen-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'htt', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('htt screen and htt lists', () => {
  it('runs the real command: bin/htt.js screen --json gives the contract shape', () => {
    const stdout = execFileSync('node', [join(root, 'bin/htt.js'), 'screen', '哈尔滨工业大学', '--json'], {
      encoding: 'utf8',
    });
    const result = JSON.parse(stdout) as { query: string; lists: string; hits: Record<string, unknown>[] };
    expect(result.query).toBe('哈尔滨工业大学');
    expect(result.lists).toMatch(/^csl@2026-07-31T13:15Z#[0-9a-f]{8}$/);
    expect(result.hits[0]).toMatchObject({
      name: 'Harbin Institute of Technology',
      matchedName: 'Harbin Institute of Technology',
      list: 'ENTITY_LIST',
    });
    for (const key of ['id', 'source', 'name', 'matchedName', 'score', 'explanation'])
      expect(result.hits[0]).toHaveProperty(key);
  });
  it('finds a Chinese name by its established English name through the shipped lexicon, and says so', async () => {
    const result = JSON.parse((await run('screen', '中山大学', '--json')).out) as {
      hits: { name: string; score: number; explanation: string }[];
    };
    expect(result.hits[0]).toMatchObject({ name: 'Sun Yat-Sen University', score: 1 });
    expect(result.hits[0]!.explanation).toContain('CC-CEDICT: 中山大学 = Sun Yat-sen University');
  });
  it('prints a readable answer with the explanation by default', async () => {
    const r = await run('screen', 'Hytera Communications Corporation Limited');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ENTITY_LIST\s+Hytera Communications/);
    expect(r.out).toContain('why: matched listed name');
  });
  it('filters by country and applies --cleared', async () => {
    const first = JSON.parse((await run('screen', 'Hytera Communications Limited', '--json')).out) as {
      hits: { id: string }[];
    };
    const id = first.hits[0]!.id;
    const cleared = JSON.parse(
      (await run('screen', 'Hytera Communications Limited', '--json', '--cleared', id)).out,
    ) as { hits: { id: string }[] };
    expect(cleared.hits.map((h) => h.id)).not.toContain(id);
    const us = JSON.parse(
      (await run('screen', 'Hytera Communications Limited', '--json', '--country', 'US')).out,
    ) as { hits: { countries: string[] }[] };
    for (const h of us.hits) expect(h.countries.length === 0 || h.countries.includes('US')).toBe(true);
  });
  it('gives clear errors, never a stack trace, for bad input', async () => {
    for (const argv of [
      ['screen', ''],
      ['screen', 'x'.repeat(10_000)],
      ['screen', 'Huawei', '--threshold', 'high'],
      ['screen', 'Huawei', '--country', 'China'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ').slice(0, 40)).toBe(65);
      expect(r.err).toMatch(/^error (SCREEN\.INVALID_QUERY|INPUT\.INVALID)/m);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const mixed = await run('screen', 'Huawei 华为 Хуавей \u0007 ☃', '--json');
    expect(mixed.code).toBe(0);
  });
  it('screens a batch file in order, one JSON line per input line, including bad lines', async () => {
    const input = join(tmp, 'names.txt');
    const output = join(tmp, 'out.jsonl');
    writeFileSync(
      input,
      ['Hytera Communications Ltd', '', '新疆生产建设兵团', 'x'.repeat(10_000), 'Wuhan University'].join(
        '\n',
      ) + '\n',
    );
    const r = await run('screen', '--input', input, '--output', output);
    expect(r.code).toBe(0);
    const lines = readFileSync(output, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; hits: unknown[]; error?: { code: string } });
    expect(lines).toHaveLength(5);
    expect(lines[0]!.hits.length).toBeGreaterThan(0);
    expect(lines[1]!.error?.code).toBe('SCREEN.INVALID_QUERY');
    expect(lines[2]!.query).toBe('新疆生产建设兵团');
    expect(lines[3]!.error?.code).toBe('SCREEN.INVALID_QUERY');
    expect(lines[4]!.hits).toEqual([]);
  });
  it('screens a CSV file with a header by its name and country columns, and a TSV file', async () => {
    const input = join(tmp, 'customers.csv');
    const output = join(tmp, 'customers.jsonl');
    writeFileSync(
      input,
      [
        'id,Customer Name,City,Nation',
        '1,"Hytera Communications Co., Ltd.",Shenzhen,China',
        '2,Company 13 Ltd,London,United Kingdom',
        '3,Hytera Communications,Shenzhen,Narnia',
      ].join('\r\n'),
    );
    const r = await run(
      'screen',
      '--input',
      input,
      '--output',
      output,
      '--name-column',
      'customer name',
      '--country-column',
      '4',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('screened 3 rows');
    const rows = readFileSync(output, 'utf8')
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            query: string;
            row: number;
            country?: string;
            warning?: string;
            hits: unknown[];
          },
      );
    expect(rows[0]).toMatchObject({ query: 'Hytera Communications Co., Ltd.', row: 2, country: 'CN' });
    expect(rows[0]!.hits.length).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ query: 'Company 13 Ltd', country: 'GB', hits: [] });
    expect(rows[2]!.warning).toMatch(/Narnia.*without a country filter/);
    expect(rows[2]!.hits.length).toBeGreaterThan(0);
    const bad = await run('screen', '--input', input, '--output', output, '--name-column', 'Firm');
    expect(bad.code).toBe(65);
    expect(bad.err).toMatch(
      /INPUT\.INVALID at name-column: no name column "Firm"; the header has: "id", "Customer Name"/,
    );
    const tsv = join(tmp, 'names.tsv');
    writeFileSync(tsv, 'name\tcountry\nBingtuan\tCN\n');
    const t = await run('screen', '--input', tsv, '--output', output);
    expect(t.code, t.err).toBe(0);
    expect(JSON.parse(readFileSync(output, 'utf8').trim())).toMatchObject({
      query: 'Bingtuan',
      country: 'CN',
    });
  });
  it('gives the same batch result with worker threads', () => {
    const input = join(tmp, 'names2.txt');
    writeFileSync(
      input,
      ['Hytera Communications Ltd', 'Bingtuan', 'Wuhan University', '中国科学技术大学'].join('\n'),
    );
    const outA = join(tmp, 'a.jsonl');
    const outB = join(tmp, 'b.jsonl');
    const a = spawnSync(
      'node',
      [join(root, 'bin/htt.js'), 'screen', '--input', input, '--output', outA, '--workers', '0'],
      { encoding: 'utf8' },
    );
    const b = spawnSync(
      'node',
      [join(root, 'bin/htt.js'), 'screen', '--input', input, '--output', outB, '--workers', '2'],
      { encoding: 'utf8' },
    );
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(outB, 'utf8')).toBe(readFileSync(outA, 'utf8'));
  });
  it('refuses a binary batch file clearly', async () => {
    const input = join(tmp, 'blob.bin');
    writeFileSync(input, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    const r = await run('screen', '--input', input, '--output', join(tmp, 'x.jsonl'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/error INPUT\.INVALID: .*binary file/);
  });
  it('fails fast in bounded memory on /dev/zero, an endless line or a file over the size limit', async () => {
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const zero = await run('screen', '--input', '/dev/zero', '--output', join(tmp, 'zero.jsonl'));
    expect([zero.code, zero.err]).toEqual([
      65,
      expect.stringMatching(/INPUT\.INVALID: \/dev\/zero is a binary file/),
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
    const long = join(tmp, 'long.txt');
    writeFileSync(long, `Huawei\n${'x'.repeat(70 * 1024)}\n`);
    const r = await run('screen', '--input', long, '--output', join(tmp, 'long.jsonl'));
    expect([r.code, r.err]).toEqual([65, expect.stringContaining('line 2 is longer than 64 KiB')]);
    const { readBatchFile } = await import('./batch-screen.js');
    const names = join(tmp, 'many.txt');
    writeFileSync(names, 'Huawei Technologies\n'.repeat(10_000));
    expect(() => readBatchFile(names, { maxBytes: 100_000, maxLineBytes: 1024 })).toThrow(/larger than/);
    expect(readBatchFile(names, { maxBytes: 1_000_000, maxLineBytes: 1024 }).length).toBe(200_000);
  });
  it('htt lists index builds the stored screening index when needed, then finds it up to date', async () => {
    const first = await run('lists', 'index');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^screening index of csl@2026-07-31T13:15Z#[0-9a-f]{8} (is up to date|built)/);
    const second = await run('lists', 'index');
    expect(second.out).toMatch(/is up to date: .*screening-index\.src\.bin \(\d+\.\d MB\)$/);
  });
  it('htt lists shows the snapshot, its age and a warning when stale; lists update is atomic', async () => {
    const r = await run('lists');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/snapshot\s+csl@2026-07-31T13:15Z#/);
    expect(r.out).toMatch(/entities\s+25921/);
    expect(r.out).toMatch(/lexicon\s+\d+ Chinese names with their English names, CC-CEDICT/);
    const dir = join(tmp, 'lists');
    process.env.HTT_LISTS_DIR = dir;
    process.env.HTT_DB = join(tmp, 'lists.sqlite');
    try {
      expect((await run('lists')).err).toMatch(/LISTS\.NOT_LOADED/);
      const dpl = resolve(root, 'test/fixtures/bis-dpl-watchman/dpl.txt');
      const up = await run('lists', 'update', dpl);
      expect(up.code, up.err).toBe(0);
      expect(up.out).toMatch(/loaded snapshot dpl@2022-09-02T00:00Z#[0-9a-f]{8}/);
      const bad = join(tmp, 'bad.csv');
      writeFileSync(bad, 'not,a,list\n');
      const failed = await run('lists', 'update', bad);
      expect(failed.code).toBe(65);
      expect(failed.err).toMatch(/LISTS\.INVALID/);
      const after = await run('lists', '--json');
      expect(JSON.parse(after.out)).toMatchObject({ id: expect.stringMatching(/^dpl@/), stale: true });
      expect(after.code).toBe(0);
    } finally {
      delete process.env.HTT_LISTS_DIR;
      delete process.env.HTT_DB;
    }
  });
  it('htt lists update refuses a snapshot beyond the update limits unless forced with a reason, audited', async () => {
    const dir = join(tmp, 'limited');
    const db = join(tmp, 'limited.sqlite');
    Object.assign(process.env, { HTT_LISTS_DIR: dir, HTT_DB: db });
    try {
      const dpl = resolve(root, 'test/fixtures/bis-dpl-watchman/dpl.txt');
      expect((await run('lists', 'update', dpl)).code).toBe(0);
      const lines = readFileSync(dpl, 'utf8').split('\n');
      // the same list with 55% of its entries: a truncated download
      const cut = join(tmp, 'dpl.txt');
      writeFileSync(cut, lines.slice(0, Math.ceil(lines.length * 0.55)).join('\n'));
      const refused = await run('lists', 'update', cut);
      expect(refused.code).toBe(65);
      expect(refused.err).toMatch(
        /LISTS\.INVALID: the new files go beyond the list update limits, so the current snapshot dpl@\S+ is kept: Denied Persons List .* would lose \d+ of its \d+ entries \(4\d%; at most 10% allowed\)/,
      );
      // a whole source list dropped: the SDN files instead of the DPL
      const sdn = resolve(root, 'test/fixtures/ofac-sdn-2021-watchman');
      const swapped = await run('lists', 'update', join(sdn, 'sdn.csv'), '--date', '2021-07-07');
      expect([swapped.code, swapped.err]).toEqual([
        65,
        expect.stringContaining('is missing from the new files'),
      ]);
      const noReason = await run('lists', 'update', cut, '--force');
      expect([noReason.code, noReason.err]).toEqual([65, expect.stringContaining('--force needs --reason')]);
      expect(JSON.parse((await run('lists', '--json')).out).entityCount).toBe(
        JSON.parse(
          readFileSync(
            join(dir, JSON.parse(readFileSync(join(dir, 'current.json'), 'utf8')).dir, 'snapshot.json'),
            'utf8',
          ),
        ).entityCount,
      );
      const forced = await run(
        'lists',
        'update',
        cut,
        '--force',
        '--reason',
        'BIS removed the entries (test)',
      );
      expect(forced.code, forced.err).toBe(0);
      expect(forced.err).toMatch(/accepted beyond the update limits/);
      const { openRecordStore } = await import('../db/open-record-store.js');
      const store = await openRecordStore({ sqlitePath: db });
      try {
        const log = await store.auditLog(1, 100);
        expect(log.map((e) => e.action)).toEqual(['lists.update', 'lists.update_forced']);
        expect(log[1]).toMatchObject({
          kind: 'list_snapshot',
          recordId: 'current',
          actor: 'system:lists-update',
          reason: expect.stringMatching(
            /^BIS removed the entries \(test\) \(beyond the update limits: Denied Persons/,
          ),
        });
        const current = await store.get<{ snapshot: string }>('list_snapshot', 'current');
        expect(current?.data.snapshot).toBe(JSON.parse((await run('lists', '--json')).out).id);
      } finally {
        await store.close();
      }
    } finally {
      delete process.env.HTT_LISTS_DIR;
      delete process.env.HTT_DB;
    }
  });
});
