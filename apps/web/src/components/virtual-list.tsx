import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { scrollToReveal, virtualWindow } from './virtual-window.ts';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  itemKey: (item: T) => string;
  renderItem: (item: T, index: number, active: boolean) => ReactNode;
  activeIndex: number;
  onActiveIndexChange: (index: number) => void;
  /** Called with the last rendered index, so the owner can fetch more near the end. */
  onRangeChange?: (end: number) => void;
  label: string;
  idPrefix: string;
  overscan?: number;
}

/**
 * A keyboard-driven list box that renders only the rows in view, so 100,000 items scroll as
 * smoothly as 100. Arrow keys, Page Up/Down, Home and End move the active row.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, activeIndex, onActiveIndexChange, onRangeChange } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setViewportHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    // One state update per animation frame, however many scroll events arrive.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (viewport.current) setScrollTop(viewport.current.scrollTop);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const slice = virtualWindow({
    count: items.length,
    rowHeight,
    scrollTop,
    viewportHeight,
    overscan: props.overscan ?? 8,
  });

  useEffect(() => {
    onRangeChange?.(slice.end);
  }, [slice.end, onRangeChange]);

  const moveTo = (index: number) => {
    if (items.length === 0) return;
    const next = Math.min(items.length - 1, Math.max(0, index));
    onActiveIndexChange(next);
    const element = viewport.current;
    if (!element) return;
    const target = scrollToReveal({
      index: next,
      rowHeight,
      scrollTop: element.scrollTop,
      viewportHeight: element.clientHeight,
    });
    if (target !== undefined) {
      element.scrollTop = target;
      setScrollTop(target);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: items.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  const rows: ReactNode[] = [];
  for (let index = slice.start; index < slice.end; index += 1) {
    const item = items[index];
    if (item === undefined) continue;
    const active = index === activeIndex;
    rows.push(
      <div
        key={props.itemKey(item)}
        id={`${props.idPrefix}-${index}`}
        role="option"
        aria-selected={active}
        aria-posinset={index + 1}
        aria-setsize={items.length}
        className={active ? 'virtual-row is-active' : 'virtual-row'}
        style={{ height: rowHeight }}
        onClick={() => moveTo(index)}
      >
        {props.renderItem(item, index, active)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="virtual-viewport"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={
        activeIndex >= slice.start && activeIndex < slice.end ? `${props.idPrefix}-${activeIndex}` : undefined
      }
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-rendered-rows={slice.end - slice.start}
      data-total-rows={items.length}
    >
      <div style={{ height: slice.totalHeight, position: 'relative' }}>
        <div style={{ transform: `translateY(${slice.offset}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
