/** Median of `values[from..to)` without sorting the caller's array (copies into `scratch`). */
export function medianOf(
  values: ArrayLike<number>,
  from = 0,
  to = values.length,
  scratch?: Float64Array,
): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  const work = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  for (let i = 0; i < n; i++) work[i] = values[from + i] as number;
  return medianInPlace(work, n);
}

/** Median of the first `n` entries of `work`, reordering them (quickselect, O(n) on average). */
export function medianInPlace(work: Float64Array, n: number): number {
  if (n <= 0) return Number.NaN;
  const mid = n >> 1;
  const upper = select(work, n, mid);
  if (n % 2 === 1) return upper;
  // After selecting `mid`, everything left of it is <= it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((work[i] as number) > lower) lower = work[i] as number;
  return (lower + upper) / 2;
}

/** Median absolute deviation around `centre`, scaled by 1.4826 so it estimates a normal standard deviation. */
export function scaledMad(
  values: ArrayLike<number>,
  centre: number,
  from = 0,
  to = values.length,
  scratch?: Float64Array,
): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  const work = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  for (let i = 0; i < n; i++) work[i] = Math.abs((values[from + i] as number) - centre);
  return 1.4826 * medianInPlace(work, n);
}

function select(a: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k] as number;
  }
  return a[k] as number;
}
