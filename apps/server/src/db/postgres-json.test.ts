import { describe, expect, it } from 'vitest';
import { toPostgresJson } from './postgres-json.ts';

describe('toPostgresJson', () => {
  it('leaves ordinary values exactly as JSON.stringify writes them', () => {
    const value = { text: 'hola ñ 🎉 "quoted" \\ back', n: 3, nested: [null, true] };
    expect(toPostgresJson(value)).toBe(JSON.stringify(value));
  });

  it('drops NUL characters and replaces lone surrogates, keeping valid pairs', () => {
    const parsed = JSON.parse(
      toPostgresJson({ a: 'x\u0000y', b: 'lone \ud800 end', c: 'pair 🎉', d: '\udc00x' }),
    ) as Record<string, string>;
    expect(parsed).toEqual({ a: 'xy', b: 'lone \ufffd end', c: 'pair 🎉', d: '\ufffdx' });
  });
});
