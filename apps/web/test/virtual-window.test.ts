import { describe, expect, it } from 'vitest';
import { scrollToReveal, virtualWindow } from '../src/components/virtual-window.ts';

describe('virtualWindow', () => {
  it.each([
    ['empty list', { count: 0, scrollTop: 0 }, { start: 0, end: 0, offset: 0, totalHeight: 0 }],
    [
      'top of a long list',
      { count: 100_000, scrollTop: 0 },
      { start: 0, end: 18, offset: 0, totalHeight: 6_400_000 },
    ],
    [
      'middle of a long list',
      { count: 100_000, scrollTop: 640_000 },
      { start: 9_992, end: 10_018, offset: 639_488, totalHeight: 6_400_000 },
    ],
    [
      'scrolled past the end (clamped)',
      { count: 100_000, scrollTop: 99_999_999 },
      { start: 99_982, end: 100_000, offset: 6_398_848, totalHeight: 6_400_000 },
    ],
    [
      'shorter than the viewport',
      { count: 3, scrollTop: 0 },
      { start: 0, end: 3, offset: 0, totalHeight: 192 },
    ],
    [
      'negative scroll (overscroll bounce)',
      { count: 50, scrollTop: -40 },
      { start: 0, end: 18, offset: 0, totalHeight: 3200 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(virtualWindow({ rowHeight: 64, viewportHeight: 640, overscan: 8, ...input })).toEqual(expected);
  });

  it('renders a bounded number of rows wherever the list is scrolled', () => {
    for (let scrollTop = 0; scrollTop < 6_400_000; scrollTop += 123_457) {
      const slice = virtualWindow({
        count: 100_000,
        rowHeight: 64,
        scrollTop,
        viewportHeight: 640,
        overscan: 8,
      });
      expect(slice.end - slice.start).toBeLessThanOrEqual(10 + 2 * 8 + 1);
      expect(slice.offset).toBeLessThanOrEqual(scrollTop);
    }
  });
});

describe('scrollToReveal', () => {
  it.each([
    ['already visible', 5, 0, undefined],
    ['above the viewport', 2, 640, 128],
    ['below the viewport', 20, 0, 20 * 64 + 64 - 640],
    ['partly hidden at the bottom', 10, 60, 64],
  ])('%s', (_name, index, scrollTop, expected) => {
    expect(scrollToReveal({ index, rowHeight: 64, scrollTop, viewportHeight: 640 })).toBe(expected);
  });
});
