import { describe, expect, it } from 'vitest';
import { parseSeriesTimestamp } from './series-timestamp.ts';

describe('parseSeriesTimestamp', () => {
  it.each([
    ['2015-02-26 21:42:53', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-03-03 04:37:53.000000', Date.UTC(2015, 2, 3, 4, 37, 53)],
    ['2015-02-26T21:42:53Z', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26T23:42:53+02:00', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26 21:42', Date.UTC(2015, 1, 26, 21, 42)],
    ['1424987000000', 1424987000000],
    ['2015-02-31 00:00:00', undefined],
    ['2015-13-01 00:00:00', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('%s → %s', (text, expected) => {
    expect(parseSeriesTimestamp(text)).toBe(expected);
  });
});
