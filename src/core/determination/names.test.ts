import { describe, expect, it } from 'vitest';
import { sameName, sameParty } from './names.js';

describe('exact-name matching', () => {
  it('never matches on a parenthesised place alone', () => {
    for (const same of [sameName, sameParty]) {
      expect(
        same(['Example Semiconductor (Shanghai) Co., Ltd.'], ['Other Trading (Shanghai) Co., Ltd.']),
      ).toBe(false);
      expect(same(['Example Semiconductor (Shanghai)'], ['Shanghai'])).toBe(false);
      expect(same(['Shanghai'], ['Example Semiconductor (Shanghai)'])).toBe(false);
      expect(same(['CNOOC Limited (a subsidiary of X)'], ['Y Co. (a subsidiary of X)'])).toBe(false);
    }
  });

  it('keeps names that differ only in their parentheses apart', () => {
    expect(sameName(['Hynix Semiconductor (China) Ltd.'], ['Hynix Semiconductor (Wuxi) Ltd.'])).toBe(false);
    expect(sameParty(['Hynix Semiconductor (China) Ltd.'], ['Hynix Semiconductor (Wuxi) Ltd.'])).toBe(false);
  });

  it('matches the whole name, forgiving case, punctuation and spacing', () => {
    expect(
      sameParty(['example semiconductor (shanghai) co ltd'], ['Example Semiconductor (Shanghai) Co., Ltd.']),
    ).toBe(true);
  });

  it('takes a parenthesised acronym as a name of its own', () => {
    const smic = ['Semiconductor Manufacturing International Corporation (SMIC)'];
    expect(sameParty(['SMIC'], smic)).toBe(true);
    expect(sameParty(['Semiconductor Manufacturing International Corporation'], smic)).toBe(true);
  });

  it('lets a list entry be found under its name without a qualifier, but a party must be the named party', () => {
    const listed = ['Example Semiconductor (Shanghai) Co., Ltd.'];
    expect(sameName(['Example Semiconductor Co., Ltd.'], listed)).toBe(true);
    expect(sameParty(['Example Semiconductor Co., Ltd.'], listed)).toBe(false);
  });
});
