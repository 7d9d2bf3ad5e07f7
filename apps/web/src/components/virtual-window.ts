export interface VirtualWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last to render (exclusive). */
  end: number;
  /** Pixels above `start`. */
  offset: number;
  /** Pixels of the whole list. */
  totalHeight: number;
}

/** Which rows of a fixed-height list a viewport shows, with `overscan` extra rows either side. */
export function virtualWindow(input: {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  overscan: number;
}): VirtualWindow {
  const { count, rowHeight, overscan } = input;
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, totalHeight: 0 };
  const scrollTop = Math.min(Math.max(0, input.scrollTop), Math.max(0, totalHeight - input.viewportHeight));
  const firstVisible = Math.floor(scrollTop / rowHeight);
  const lastVisible = Math.ceil((scrollTop + Math.max(0, input.viewportHeight)) / rowHeight);
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(count, Math.max(lastVisible, firstVisible + 1) + overscan);
  return { start, end, offset: start * rowHeight, totalHeight };
}

/** The scrollTop that brings row `index` fully into view, or undefined when it is already visible. */
export function scrollToReveal(input: {
  index: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
}): number | undefined {
  const top = input.index * input.rowHeight;
  const bottom = top + input.rowHeight;
  if (top < input.scrollTop) return top;
  if (bottom > input.scrollTop + input.viewportHeight) return bottom - input.viewportHeight;
  return undefined;
}
