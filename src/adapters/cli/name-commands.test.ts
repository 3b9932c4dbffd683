/**
 * `htt lists import-names`, `lists names` and `lists remove-names` through the compiled CLI (bin/htt.js,
 * dist/: run npm run build first), on a lists directory, names directory and database of the test's own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/names');
const tmp = mkdtempSync(join(tmpdir(), 'htt-names-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = {
  ...process.env,
  HTT_LISTS_DIR: join(tmp, 'lists'),
  HTT_NAMES_DIR: join(tmp, 'names'),
  HTT_DB: join(tmp, 'htt.sqlite'),
  HTT_LISTS_MAX_AGE_DAYS: '100000',
};
const htt = (...args: string[]) =>
  execFileSync('node', [join(root, 'bin/htt.js'), ...args], { encoding: 'utf8', env, cwd: tmp });

interface Hit {
  id: string;
  name: string;
  matchedName: string;
  score: number;
  explanation: string;
  nameSource?: string;
}
const screen = (name: string) => (JSON.parse(htt('screen', name, '--json')) as { hits: Hit[] }).hits;

beforeAll(() => {
  htt('lists', 'update', join(fixtures, 'lists.csv'), '--date', '2026-07-31');
});

describe('htt lists import-names (dist/)', () => {
  let wikidata = '';
  it('imports Wikidata names: a Chinese query then hits the entry through them, naming the source', () => {
    expect(screen('明港电子有限公司')).toEqual([]);
    const out = JSON.parse(
      htt(
        'lists',
        'import-names',
        '--format',
        'wikidata',
        join(fixtures, 'wikidata-entities.json'),
        '--json',
      ),
    ) as { id: string; matchedRecords: number; entriesGaining: number; licence: string };
    expect(out).toMatchObject({ matchedRecords: 1, entriesGaining: 1, licence: 'CC0 1.0' });
    wikidata = out.id;
    // kept in the user's names directory, never in the repository
    expect(readdirSync(join(tmp, 'names'))).toEqual([`${wikidata}.json`]);
    expect(existsSync(join(root, 'data/names', `${wikidata}.json`))).toBe(false);
    const [hit] = screen('明港电子有限公司');
    expect(hit).toMatchObject({
      name: 'Bright Harbor Electronics Co., Ltd.',
      score: 1,
      nameSource: 'name from Wikidata Q900000001 (CC0 1.0; imported by the user from wikidata-entities.json)',
    });
    expect(hit!.explanation).toContain('name from Wikidata Q900000001');
    // the readable answer says it too
    expect(htt('screen', '明港电子')).toContain('(name from Wikidata Q900000001');
  });
  it('imports OpenSanctions names matched by referent, and GLEIF names with the transliteration', () => {
    const os = JSON.parse(
      htt(
        'lists',
        'import-names',
        '--format',
        'opensanctions',
        join(fixtures, 'opensanctions.ftm.json'),
        '--json',
      ),
    ) as { licence: string; matchedRecords: number };
    expect(os).toMatchObject({ licence: 'CC BY-NC 4.0', matchedRecords: 1 });
    expect(screen('林浩宇')[0]).toMatchObject({
      name: 'LIN, Haoyu',
      nameSource: expect.stringContaining('OpenSanctions NK-fixture-lin (CC BY-NC 4.0'),
    });
    htt('lists', 'import-names', '--format', 'gleif', join(fixtures, 'gleif-golden-copy.csv'));
    expect(screen('玉河光学有限公司')[0]).toMatchObject({
      name: 'Jade River Optics Co., Ltd.',
      nameSource: expect.stringContaining('GLEIF 9845000FIXTURE0JADE01 (CC0 1.0'),
    });
  });
  it('lists the imports, removes one (the hit goes with it), and audits both', () => {
    const listed = JSON.parse(htt('lists', 'names', '--json')) as {
      imports: { id: string; format: string }[];
    };
    expect(listed.imports.map((i) => i.format).sort()).toEqual(['gleif', 'opensanctions', 'wikidata']);
    htt('lists', 'remove-names', wikidata, '--reason', 'test');
    expect(screen('明港电子有限公司')).toEqual([]);
    const audit = JSON.parse(htt('audit', 'verify', '--json')) as { ok: boolean; count: number };
    expect(audit.ok).toBe(true);
    expect(audit.count).toBe(5); // the list update (the current snapshot, kept in the database), three imports and one removal
  });
  it('refuses a file in another format, and an unknown import id, with stable codes', () => {
    const bad = spawnSync(
      'node',
      [
        join(root, 'bin/htt.js'),
        'lists',
        'import-names',
        '--format',
        'gleif',
        join(fixtures, 'targets.simple.csv'),
      ],
      {
        encoding: 'utf8',
        env,
        cwd: tmp,
      },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('not a GLEIF LEI-CDF golden copy CSV');
    const missing = spawnSync('node', [join(root, 'bin/htt.js'), 'lists', 'remove-names', 'names-nothere'], {
      encoding: 'utf8',
      env,
      cwd: tmp,
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('no imported names names-nothere');
  });
});
