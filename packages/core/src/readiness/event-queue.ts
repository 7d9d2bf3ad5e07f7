/** Binary min-heap of timed events; ties break by insertion order so a run is fully deterministic. */
export class EventQueue<T> {
  private readonly times: number[] = [];
  private readonly order: number[] = [];
  private readonly payloads: T[] = [];
  private inserted = 0;

  get size(): number {
    return this.times.length;
  }

  push(time: number, payload: T): void {
    this.times.push(time);
    this.order.push(this.inserted++);
    this.payloads.push(payload);
    this.siftUp(this.times.length - 1);
  }

  /** Time of the earliest event, or `Infinity` when empty. */
  peekTime(): number {
    return this.times.length > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** Removes and returns the earliest event. */
  pop(): { time: number; payload: T } | undefined {
    const size = this.times.length;
    if (size === 0) return undefined;
    const time = this.times[0]!;
    const payload = this.payloads[0]!;
    const lastTime = this.times.pop()!;
    const lastOrder = this.order.pop()!;
    const lastPayload = this.payloads.pop()!;
    if (size > 1) {
      this.times[0] = lastTime;
      this.order[0] = lastOrder;
      this.payloads[0] = lastPayload;
      this.siftDown(0);
    }
    return { time, payload };
  }

  private before(i: number, j: number): boolean {
    const ti = this.times[i]!;
    const tj = this.times[j]!;
    return ti < tj || (ti === tj && this.order[i]! < this.order[j]!);
  }

  private swap(i: number, j: number): void {
    const time = this.times[i]!;
    this.times[i] = this.times[j]!;
    this.times[j] = time;
    const order = this.order[i]!;
    this.order[i] = this.order[j]!;
    this.order[j] = order;
    const payload = this.payloads[i]!;
    this.payloads[i] = this.payloads[j]!;
    this.payloads[j] = payload;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const size = this.times.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < size && this.before(left, smallest)) smallest = left;
      if (right < size && this.before(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
