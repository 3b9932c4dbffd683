import { describe, expect, it } from 'vitest';
import type { ScreenResult } from '../types';
import {
  API_BATCH_LIMIT,
  chunk,
  chunkSizeFor,
  parseNames,
  resultsToCsv,
  screenAll,
  screenAsJob,
} from './batch';

describe('batch screening of a customer file', () => {
  it('reads one name a line, dropping a BOM, blank lines and spaces', () => {
    expect(parseNames('\uFEFFAcme Co.\r\n\r\n  哈尔滨工业大学  \nZeta\n')).toEqual([
      'Acme Co.',
      '哈尔滨工业大学',
      'Zeta',
    ]);
  });

  it('chunks within the API limit and shows progress on small files', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], API_BATCH_LIMIT + 1)).toThrow(RangeError);
    expect(chunkSizeFor(6)).toBe(1);
    expect(chunkSizeFor(100_000)).toBe(2_000);
    expect(chunkSizeFor(100_000)).toBeLessThanOrEqual(API_BATCH_LIMIT);
  });

  it('screens chunk by chunk, in input order, reporting progress', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `n${i}`);
    const sent: string[][] = [];
    const progress: number[] = [];
    const out = await screenAll(
      names,
      async (part) => {
        sent.push(part);
        return { lists: 'csl@x', results: part.map((q) => ({ query: q, hits: [] })) };
      },
      (p) => progress.push(p.done),
      3,
    );
    expect(sent).toEqual([['n0', 'n1', 'n2'], ['n3', 'n4', 'n5'], ['n6']]);
    expect(progress).toEqual([0, 3, 6, 7]);
    expect(out.results.map((r) => r.query)).toEqual(names);
    expect(out.lists).toBe('csl@x');
  });

  it('screens as a job: progress from the job, answers read back page by page in input order', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `n${i}`);
    let polls = 0;
    const calls: string[] = [];
    const api = {
      post: async <T>(path: string, body: unknown): Promise<T> => {
        calls.push(`POST ${path} ${(body as { names: string[] }).names.length}`);
        return { id: 'job-1', state: 'queued', items: 5, itemsDone: 0, error: null } as T;
      },
      get: async <T>(path: string): Promise<T> => {
        calls.push(`GET ${path}`);
        if (path === '/jobs/job-1') {
          polls++;
          return {
            id: 'job-1',
            state: polls < 2 ? 'running' : 'done',
            items: 5,
            itemsDone: polls < 2 ? 2 : 5,
            error: null,
          } as T;
        }
        const from = Number(/from=(\d+)/.exec(path)?.[1]);
        const chunk = (c: number, qs: string[]) => ({
          chunk: c,
          result: { lists: 'csl@x', results: qs.map((query) => ({ query, hits: [] })) },
        });
        return (
          from === 0
            ? { chunks: [chunk(0, ['n0', 'n1'])], next: 1 }
            : { chunks: [chunk(1, ['n2', 'n3']), chunk(2, ['n4'])], next: null }
        ) as T;
      },
    };
    const progress: number[] = [];
    const out = await screenAsJob(names, api, (p) => progress.push(p.done), 1);
    expect(progress).toEqual([0, 2, 5]);
    expect(out.results.map((r) => r.query)).toEqual(names);
    expect(out.lists).toBe('csl@x');
    expect(calls[0]).toBe('POST /jobs/screen-batch 5');
  });

  it('writes a CSV with the best hit of each line, quoting what needs quoting', () => {
    const results: ScreenResult[] = [
      {
        query: 'Huawei, "Tech"',
        hits: [
          {
            id: 'el-1',
            list: 'ENTITY_LIST',
            source: 'EL',
            name: 'Huawei Technologies Co., Ltd.',
            matchedName: 'Huawei Technology',
            score: 1,
            explanation: '"huawei"="huawei"',
          },
        ],
      },
      { query: 'Acme', hits: [] },
    ];
    const lines = resultsToCsv(results, 'csl@x').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('line,name,hits,best_list,best_name,matched_name,score,explanation,lists');
    expect(lines[1]).toBe(
      '1,"Huawei, ""Tech""",1,ENTITY_LIST,"Huawei Technologies Co., Ltd.",Huawei Technology,1.00,"""huawei""=""huawei""",csl@x',
    );
    expect(lines[2]).toBe('2,Acme,0,,,,,,csl@x');
  });
});
