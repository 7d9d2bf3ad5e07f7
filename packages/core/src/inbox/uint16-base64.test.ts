import { describe, expect, it } from 'vitest';
import { decodeUint16Base64, encodeUint16Base64 } from './uint16-base64.ts';

describe('uint16 base64', () => {
  it.each([
    [[]],
    [[0]],
    [[1, 2]],
    [[65535, 0, 258]],
    [Array.from({ length: 70_001 }, (_, i) => (i * 7919) & 0xffff)],
  ])('round-trips %#', (values) => {
    const encoded = encodeUint16Base64(Uint16Array.from(values));
    expect(encoded).toMatch(/^[A-Za-z0-9+/]*=*$/);
    expect([...decodeUint16Base64(encoded)]).toEqual(values);
  });

  it('matches the standard alphabet (little-endian bytes)', () => {
    // bytes 01 00 02 00 → "AQACAA=="
    expect(encodeUint16Base64(Uint16Array.from([1, 2]))).toBe('AQACAA==');
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => decodeUint16Base64('AQ*C')).toThrow(/invalid base64/);
  });
});
