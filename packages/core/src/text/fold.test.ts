import { describe, expect, it } from 'vitest';
import { foldText } from './fold.ts';

describe('foldText', () => {
  it.each([
    ['#MinBerättelse', '#minberattelse'],
    ['#MiHistoria', '#mihistoria'],
    ['CAFÉ Ñandú', 'cafe nandu'],
    ['Åre ÖL', 'are ol'],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});
