import { describe, expect, it } from 'vitest';
import { addressLike, splitTrailingAddress } from './address.js';

describe('splitTrailingAddress (a name followed by an address)', () => {
  it('cuts at the first part that reads as an address, districts before it included', () => {
    expect(
      splitTrailingAddress(
        'Huawei Technologies Co., Ltd., Bantian, Longgang District, Shenzhen 518129, China',
      ),
    ).toEqual({
      name: 'Huawei Technologies Co., Ltd.',
      address: 'Bantian, Longgang District, Shenzhen 518129, China',
      country: 'CN',
    });
    expect(splitTrailingAddress('Example Trading Ltd, Hong Kong')).toMatchObject({
      name: 'Example Trading Ltd',
      country: 'HK',
    });
  });
  it('finds an address without commas after a legal form', () => {
    expect(splitTrailingAddress('Example Technology Co Ltd No. 8 Keyuan Road Shenzhen')).toMatchObject({
      name: 'Example Technology Co Ltd',
      address: 'No. 8 Keyuan Road Shenzhen',
    });
  });
  it('reads a Chinese address after a space', () => {
    expect(splitTrailingAddress('华为技术有限公司 深圳市龙岗区坂田')).toMatchObject({
      name: '华为技术有限公司',
      address: '深圳市龙岗区坂田',
    });
  });
  it('leaves names alone: legal forms, numbered units, names without an address', () => {
    expect(splitTrailingAddress('Huawei Technologies Co., Ltd.')).toBeUndefined();
    expect(
      splitTrailingAddress('China Electronics Technology Group Corporation, 14th Research Institute'),
    ).toBeUndefined();
    expect(splitTrailingAddress('Beijing Institute of Technology')).toBeUndefined();
    expect(addressLike('Ltd.')).toBe(false);
    expect(addressLike('中国电子科技集团公司')).toBe(false);
  });
});
