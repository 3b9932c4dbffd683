import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Rec } from '../types';
import {
  filterRecords,
  fold,
  queueViewParams,
  readQueueView,
  sortRecords,
  stateCounts,
  textOf,
} from './queue';

const rec = (id: string, state: string, data: unknown): Rec<unknown> => ({
  kind: 'eus_request',
  id,
  orgIds: [],
  state,
  data,
  version: 1,
  createdAt: '2026-01-01',
  updatedAt: '2026-01-01',
  retainUntil: null,
});

const rows = [
  rec('eus-1', 'submitted', { endUser: { name: 'München Werkzeug GmbH' }, items: [{ eccn: '3A001' }] }),
  rec('eus-2', 'issued', { endUser: { name: '哈尔滨工业大学' }, statementNumber: 'MOFCOM-2026-77' }),
  rec('eus-3', 'submitted', {
    endUser: { name: 'Acme Trading' },
    items: [{ eccn: '5A002', valueUsd: 1200 }],
  }),
];
const none = new Map<string, { overdue: boolean }>();

describe('queue search, filters, sort and counts', () => {
  it('finds words anywhere in the record, without case or accents, Chinese too', () => {
    const q = (query: string) =>
      filterRecords(rows, { query, state: '', overdueOnly: false, due: none }).map((r) => r.id);
    expect(q('munchen')).toEqual(['eus-1']);
    expect(q('MOFCOM-2026')).toEqual(['eus-2']);
    expect(q('工业')).toEqual(['eus-2']);
    expect(q('5a002 acme')).toEqual(['eus-3']);
    expect(q('5a002 munchen')).toEqual([]);
    expect(q('  ')).toEqual(['eus-1', 'eus-2', 'eus-3']);
    expect(fold('ÉCOLE')).toBe('ecole');
  });
  it('filters by state and by overdue', () => {
    const due = new Map([
      ['eus-3', { overdue: true }],
      ['eus-1', { overdue: false }],
    ]);
    expect(
      filterRecords(rows, { query: '', state: 'submitted', overdueOnly: false, due }).map((r) => r.id),
    ).toEqual(['eus-1', 'eus-3']);
    expect(filterRecords(rows, { query: '', state: '', overdueOnly: true, due }).map((r) => r.id)).toEqual([
      'eus-3',
    ]);
  });
  it('sorts numbers as numbers, text in order, stable, both ways', () => {
    const items = [{ n: 'la-10' }, { n: 'la-9' }, { n: 'la-100' }, { n: 'la-9' }];
    expect(sortRecords(items, (x) => x.n, 'asc').map((x) => x.n)).toEqual([
      'la-9',
      'la-9',
      'la-10',
      'la-100',
    ]);
    expect(sortRecords([3, 1, 2], (x) => x, 'desc')).toEqual([3, 2, 1]);
  });
  it('counts records per state, most first', () => {
    expect(stateCounts(rows)).toEqual([
      ['submitted', 2],
      ['issued', 1],
    ]);
  });
  it('reads the text of a rendered cell', () => {
    expect(textOf(createElement('code', null, 'eus-7'))).toBe('eus-7');
    expect(textOf(['a', 1, null, createElement('b', null, ['c', createElement('i', null, 'd')])])).toBe(
      'a1cd',
    );
    expect(textOf(createElement('span', { state: 'issued' }))).toBe('issued');
  });
});

describe('due dates and the view kept in the URL', () => {
  const due = new Map([
    ['eus-1', { dueOn: '2026-03-10', overdue: true }],
    ['eus-3', { dueOn: '2026-04-01', overdue: false }],
  ]);
  const base = { query: '', state: '', overdueOnly: false, due };
  it('keeps the records due on or before a date, leaving out those without a due date', () => {
    const ids = (dueBefore: string) => filterRecords(rows, { ...base, dueBefore }).map((r) => r.id);
    expect(ids('2026-03-09')).toEqual([]);
    expect(ids('2026-03-10')).toEqual(['eus-1']);
    expect(ids('2026-12-31')).toEqual(['eus-1', 'eus-3']);
    expect(ids('')).toEqual(['eus-1', 'eus-2', 'eus-3']);
  });
  it('writes a view into query parameters and reads the same view back, each list its own', () => {
    const view = {
      query: '哈尔滨 munchen',
      state: 'submitted',
      overdueOnly: true,
      dueBefore: '2026-03-31',
      sort: { column: -1, dir: 'desc' as const },
    };
    const params = new URLSearchParams({ lang: 'zh' });
    for (const [k, v] of Object.entries(queueViewParams('eus-requests', view))) if (v) params.set(k, v);
    expect(params.get('eus-requests.sort')).toBe('due-desc');
    const search = `?${params.toString()}`;
    expect(readQueueView(search, 'eus-requests')).toEqual(view);
    expect(readQueueView(search, 'license-applications')).toEqual({
      query: '',
      state: '',
      overdueOnly: false,
      dueBefore: '',
      sort: null,
    });
    // an empty view removes every parameter of its list
    expect(
      Object.values(
        queueViewParams('eus-requests', {
          query: '',
          state: '',
          overdueOnly: false,
          dueBefore: '',
          sort: null,
        }),
      ),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  it('ignores what is malformed in the URL', () => {
    const v = readQueueView('?x.due=31/03/2026&x.sort=abc&x.state=%3Cb%3E&x.overdue=yes', 'x');
    expect(v).toEqual({ query: '', state: '', overdueOnly: false, dueBefore: '', sort: null });
    expect(readQueueView('?x.sort=2', 'x').sort).toEqual({ column: 2, dir: 'asc' });
  });
});
