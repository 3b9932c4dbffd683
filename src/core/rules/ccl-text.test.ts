import { describe, expect, it } from 'vitest';
import { expandRange, parseControlScope, parseDestinationRule, parseParagraphList } from './ccl-text.js';

describe('CCL control scopes', () => {
  it('expands paragraph ranges', () => {
    expect(expandRange('a.1', 'a.3')).toEqual(['a.1', 'a.2', 'a.3']);
    expect(expandRange('g', 'j')).toEqual(['g', 'h', 'i', 'j']);
    expect(expandRange('a.1', 'b.3')).toBeNull();
  });
  it('reads a paragraph list with ranges, leading dots and the ECCN prefix', () => {
    expect(parseParagraphList('3B001', '3B001.a.1 to a.3, b, e, f.2 to f.4, g to j')).toEqual([
      'a.1',
      'a.2',
      'a.3',
      'b',
      'e',
      'f.2',
      'f.3',
      'f.4',
      'g',
      'h',
      'i',
      'j',
    ]);
    expect(parseParagraphList('3B001', '3B001.c.1.a, 3B001.c.1.c, and 3B001.q')).toEqual([
      'c.1.a',
      'c.1.c',
      'q',
    ]);
    expect(parseParagraphList('0A509', '0A509.a for items for ECCN 0A502')).toBeNull();
  });
  it('classifies entire-entry, except, paragraph and prose scopes', () => {
    expect(parseControlScope('1A001', 'NS applies to entire entry')).toEqual({
      reason: 'NS',
      scope: { type: 'entire' },
    });
    expect(parseControlScope('9A001', 'NS applies to entire entry except 9A001.c')).toEqual({
      reason: 'NS',
      scope: { type: 'entire_except', except: ['c'] },
    });
    expect(parseControlScope('3A090', 'RS applies to 3A090.a').scope).toEqual({
      type: 'paragraphs',
      paragraphs: ['a'],
    });
    expect(parseControlScope('5A002', 'RS applies to items controlled by 5A002.z.1.a, z.2.a').scope).toEqual({
      type: 'paragraphs',
      paragraphs: ['z.1.a', 'z.2.a'],
    });
    expect(
      parseControlScope('4A003', 'CC applies to “digital computers” for computerized finger-print equipment')
        .scope.type,
    ).toBe('unparsed');
  });
});

describe('CCL destination rules', () => {
  it('reads Country Chart columns', () => {
    expect(parseDestinationRule('NS Column 2.', 'NS')).toEqual({ type: 'column', column: 'NS2' });
  });
  it('reads "to or within Macau or D:5" and the UAE/D:1/D:4/D:5 rule with its exclusions', () => {
    expect(
      parseDestinationRule(
        'To or within Macau or a destination specified in Country Group D:5 of supplement no. 1 to part 740 of the EAR. See § 742.4(a)(4) of the EAR.',
        'NS',
      ),
    ).toEqual({
      type: 'groups',
      countries: ['MO'],
      groups: ['D:5'],
      exceptGroups: [],
    });
    expect(
      parseDestinationRule(
        'To or within the United Arab Emirates or destinations specified in Country Groups D:1, D:4, and D:5 of supplement no. 1 to part 740 of the EAR, excluding any destination also specified in Country Groups A:5 or A:6. See § 742.6(a)(6)(iii)(B) of the EAR.',
        'RS',
      ),
    ).toEqual({
      type: 'groups',
      countries: ['AE'],
      groups: ['D:1', 'D:4', 'D:5'],
      exceptGroups: ['A:5', 'A:6'],
    });
  });
  it('reads worldwide controls, EI, UN embargoes and China/Russia/Venezuela', () => {
    expect(
      parseDestinationRule('Worldwide control. See § 742.4(a)(5) and (b)(10) of the EAR.', 'NS').type,
    ).toBe('worldwide');
    expect(parseDestinationRule('Refer to § 742.15 of the EAR.', 'EI')).toEqual({
      type: 'worldwide',
      exceptCountries: ['CA'],
    });
    const un = parseDestinationRule('See § 746.1(b) for UN controls', 'UN');
    expect(un.type === 'groups' && un.countries.includes('CN')).toBe(false);
    expect(parseDestinationRule('China, Russia, or Venezuela (see § 742.6(a)(7)).', 'RS')).toMatchObject({
      countries: ['CN', 'RU', 'VE'],
    });
  });
  it('keeps what it cannot read as unparsed text', () => {
    expect(parseDestinationRule('See § 742.6(a)(11) of the EAR.', 'RS')).toEqual({
      type: 'unparsed',
      text: 'See § 742.6(a)(11) of the EAR.',
    });
  });
});
