import { describe, expect, it } from 'vitest';
import { datedCitations, indexCitationDates, membershipOn } from './list-history.js';

const table = indexCitationDates({
  sources: [{ id: 'test', what: 'test' }],
  entries: [
    { cite: '85 FR 51596', published: '2020-08-20' },
    { cite: '85 FR 83416', published: '2020-12-22' },
    { cite: '85 FR 83900', published: '2020-12-28' },
    { cite: '85 FR 83950', published: '2020-12-01', outOfOrderWith: ['85 FR 83900'] },
  ],
});

describe('list history from Federal Register citations', () => {
  it('dates a citation from the table, by page order, from the entry, or by volume year', () => {
    expect(datedCitations('85 FR 51596', table)[0]).toMatchObject({
      from: '2020-08-20',
      to: '2020-08-20',
      how: 'table',
    });
    expect(datedCitations('85 FR 83420', table)[0]).toMatchObject({
      from: '2020-12-22',
      to: '2020-12-28',
      how: 'page order',
    });
    expect(datedCitations('72 F.R. 6712 2/13/07')[0]).toMatchObject({ from: '2007-02-13', how: 'entry' });
    expect(datedCitations('84 FR 22961')[0]).toMatchObject({
      from: '2019-01-01',
      to: '2019-12-31',
      how: 'volume year',
    });
    // a date out of page order is not relied on
    expect(datedCitations('85 FR 83950', table)[0]?.how).toBe('page order');
  });
  it('takes the earliest citation as the addition and compares it with asOf', () => {
    const fr = '85 FR 83420; 85 FR 51596';
    expect(membershipOn(fr, '2020-08-19', table).status).toBe('not-yet');
    expect(membershipOn(fr, '2020-08-20', table)).toMatchObject({
      status: 'listed',
      added: { cite: '85 FR 51596' },
    });
    expect(membershipOn('85 FR 83420', '2020-12-24', table).status).toBe('unconfirmed');
    expect(membershipOn('85 FR 83420', '2020-12-28', table).status).toBe('listed');
    expect(membershipOn(undefined, '2020-12-28', table).status).toBe('undated');
  });
});
