import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './route';

describe('screen URLs', () => {
  it('reads desk, tab and record from the path', () => {
    expect(parseRoute('/')).toEqual({});
    expect(parseRoute('/bis')).toEqual({ desk: 'bis' });
    expect(parseRoute('/bis/queue')).toEqual({ desk: 'bis', tab: 'queue' });
    expect(parseRoute('/bis/queue/la-3')).toEqual({ desk: 'bis', tab: 'queue', record: 'la-3' });
    expect(parseRoute('/exporter/cases/TX%3A1/')).toEqual({ desk: 'exporter', tab: 'cases', record: 'TX:1' });
  });
  it('ignores what cannot be a segment', () => {
    expect(parseRoute('/bis/%E0%A4%A/x')).toEqual({ desk: 'bis' });
    expect(parseRoute('/bis/<script>/x')).toEqual({ desk: 'bis' });
    expect(parseRoute(`/${'a'.repeat(81)}`)).toEqual({});
  });
  it('writes a path that reads back the same', () => {
    for (const r of [{}, { desk: 'mofcom' }, { desk: 'exporter', tab: 'cases', record: 'tx 1/2' }])
      expect(parseRoute(routePath(r))).toEqual(
        'record' in r ? { desk: 'exporter', tab: 'cases' } : r, // a slash or space is not a segment
      );
    expect(routePath({ desk: 'bis', tab: 'queue', record: 'la-3' })).toBe('/bis/queue/la-3');
    expect(routePath({ tab: 'queue' })).toBe('/');
  });
});
