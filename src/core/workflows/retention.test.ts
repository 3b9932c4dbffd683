import { describe, expect, it } from 'vitest';
import type { HttError } from '../errors.js';
import {
  afterExport,
  afterReexport,
  afterTermination,
  fiveYearsAfter,
  holdCovers,
  releaseLegalHold,
  retainUntil,
  type LegalHoldData,
} from './retention.js';

describe('Part 762 retention (15 CFR 762.6(a))', () => {
  it('is five years after the event; 29 February rolls to 1 March', () => {
    expect(fiveYearsAfter('2024-06-15')).toBe('2029-06-15');
    expect(fiveYearsAfter('2024-02-29')).toBe('2029-03-01');
    expect(fiveYearsAfter('2024-06-15T10:00:00.000Z')).toBe('2029-06-15');
  });

  it('runs from the latest event, or is null (kept) while none has happened', () => {
    expect(retainUntil(['2024-06-15', '2025-02-01', undefined])).toBe('2030-02-01');
    expect(retainUntil([null, undefined])).toBeNull();
  });

  it('(a)(1) an export starts the clock of a record that had none, and moves a later one forward', () => {
    expect(afterExport(null, '2025-03-01')).toBe('2030-03-01');
    expect(afterExport('2030-03-01', '2026-01-10')).toBe('2031-01-10');
  });

  it('never moves back: a back-dated export earlier than the last one leaves the date as it is', () => {
    expect(afterExport('2031-01-10', '2025-12-20')).toBe('2031-01-10');
  });

  it('(a)(2) a known reexport and (a)(3) a termination move it the same way', () => {
    expect(afterReexport('2029-05-01', '2025-02-01')).toBe('2030-02-01');
    expect(afterTermination(null, '2025-04-30')).toBe('2030-04-30');
    // a Statement cancelled after it supported a later export keeps the export's date
    expect(afterTermination('2031-01-10', '2025-04-30')).toBe('2031-01-10');
  });
});

describe('legal holds (15 CFR 762.6(b))', () => {
  const record = { kind: 'transaction', id: 'tx-1', orgIds: ['org-a', 'org-b'] };
  it('cover one record, or every record naming the organisation', () => {
    expect(holdCovers({ kind: 'transaction', id: 'tx-1' }, record)).toBe(true);
    expect(holdCovers({ kind: 'transaction', id: 'tx-2' }, record)).toBe(false);
    expect(holdCovers({ kind: 'hold', id: 'tx-1' }, record)).toBe(false);
    expect(holdCovers({ orgId: 'org-b' }, record)).toBe(true);
    expect(holdCovers({ orgId: 'org-c' }, record)).toBe(false);
  });
});

describe('releasing a legal hold', () => {
  const data = (role: 'bis_officer' | 'compliance_officer'): LegalHoldData => ({
    scope: { orgId: 'org-exp' },
    basis: 'agency_request',
    authority: 'BIS Office of Export Enforcement',
    reason: 'records requested',
    placedBy: {
      userId: 'u-1',
      role,
      orgId: role === 'bis_officer' ? 'org-bis' : 'org-exp',
      on: '2025-01-02',
    },
  });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as HttError).code;
    }
    return 'ok';
  };
  const bis2 = { userId: 'u-2', role: 'bis_officer' as const, orgId: 'org-bis' };
  it('needs the written authorization, the placing agency, and another person', () => {
    expect(code(() => releaseLegalHold('open', data('bis_officer'), bis2, '2025-03-01', '', 'done'))).toBe(
      'INPUT.INVALID',
    );
    const exporterAdmin = { userId: 'u-3', role: 'admin' as const, orgId: 'org-exp' };
    expect(
      code(() => releaseLegalHold('open', data('bis_officer'), exporterAdmin, '2025-03-01', 'L-1', 'done')),
    ).toBe('CASE.FORBIDDEN');
    expect(
      code(() =>
        releaseLegalHold('open', data('bis_officer'), { ...bis2, userId: 'u-1' }, '2025-03-01', 'L', 'd'),
      ),
    ).toBe('CASE.FORBIDDEN');
    expect(releaseLegalHold('open', data('bis_officer'), bis2, '2025-03-01', 'L-1', 'done')).toMatchObject({
      state: 'released',
      retainUntil: '2030-03-01',
      data: { released: { userId: 'u-2', authorization: 'L-1' } },
    });
    expect(
      releaseLegalHold('open', data('compliance_officer'), exporterAdmin, '2025-03-01', 'L-2', 'done').state,
    ).toBe('released');
    expect(code(() => releaseLegalHold('released', data('bis_officer'), bis2, '2025-03-01', 'L', 'd'))).toBe(
      'CASE.INVALID_TRANSITION',
    );
  });
});
