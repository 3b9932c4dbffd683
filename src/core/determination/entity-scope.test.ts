import { describe, expect, it } from 'vitest';
import { parseEntityScope, scopeForItem } from './entity-scope.js';

const understood = (text: string) => {
  const r = parseEntityScope(text);
  if (!r.understood) throw new Error(`not understood: ${r.rest}`);
  return r;
};

describe('parseEntityScope (License Requirement column of Supp. No. 4 to Part 744)', () => {
  it('reads the common phrasings, with references and footnote numerals', () => {
    for (const t of [
      'For all items subject to the EAR. (See §744.11 of the EAR).',
      'For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)',
      'For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2',
      'For all items subject to the EAR (See §744.11 of the EAR.',
      'All Items Subject to the EAR',
    ]) {
      const r = understood(t);
      expect([t, r.scope, r.carveOuts, r.condition]).toEqual([t, 'all', [], null]);
    }
    expect(
      understood('For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2').references,
    ).toEqual(['§§ 734.9(e)1 and 744.11']);
  });
  it('reads Supp. No. 2 to Part 744 scope, the §746.8(a)(4) condition, and the GOV sentence as a note', () => {
    expect(understood('For any item subject to the EAR listed in supplement no. 2 to part 744.').scope).toBe(
      'supp2',
    );
    expect(
      understood(
        'For all items subject to the EAR when used in projects specified in § 746.8(a)(4) of the EAR',
      ).condition,
    ).toMatch(/746\.8\(a\)\(4\)/);
    const gov = understood(
      'For All Items Subject to the EAR (See §744.11 of the EAR). This license requirement may be overcome by License Exception GOV under §740.11(b)(2) and (e).',
    );
    expect(gov.notes[0]).toMatch(/GOV \(§740\.11\(b\)\(2\) and \(e\)\)/);
  });
  it('reads the DJI carve-out (EAR99 technology released by the UAV operator) and applies it per item', () => {
    const r = understood(
      'For All Items Subject to the EAR (See §744.11 of the EAR), except for EAR99-designated technology for the operation, maintenance, or repair of unmanned aerial vehicles (UAV) released to this entity by the operator of the UAV.',
    );
    expect(r.carveOuts).toHaveLength(1);
    expect(r.carveOuts[0]).toMatchObject({ eccn: 'EAR99', kind: 'technology' });
    expect(scopeForItem(r, { eccn: 'EAR99', kind: 'commodity' }, false).status).toBe('covered');
    expect(scopeForItem(r, { eccn: '3A001', kind: 'technology' }, false).status).toBe('covered');
    expect(scopeForItem(r, { eccn: 'EAR99', kind: 'technology' }, false).status).toBe('depends');
  });
  it('carves out items under the HS codes of the CNOOC entry', () => {
    const r = understood(
      'All items subject to the EAR except for: crude oil, condensates under the following Harmonized System (HS) codes: 2709, 2710, 271111; or items required for the continued operation of joint ventures with persons from countries in Country Group A:1',
    );
    expect(scopeForItem(r, { eccn: 'EAR99', scheduleB: '2709.00.2010' }, false).status).toBe('carved-out');
    expect(scopeForItem(r, { eccn: 'EAR99', scheduleB: '8471300100' }, false).status).toBe('depends');
  });
  it('does not understand an unknown carve-out or trailing text (the caller flags it)', () => {
    expect(
      parseEntityScope('For all items subject to the EAR except items named in an annex').understood,
    ).toBe(false);
    expect(parseEntityScope('For all items subject to the EAR, and more').understood).toBe(false);
    expect(parseEntityScope('Items described in ECCN 3A001').understood).toBe(false);
  });
});
