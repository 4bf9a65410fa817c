// Binary search over sorted lists: the one lower bound the stages share, so that "the first item at
// or after x" is written once.

/** The first index in [lo, list.length) whose number is at least x; the list ascends. */
export function lowerBound(list: ArrayLike<number>, x: number, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [lo, list.length) whose key is at least x; the list ascends by key. */
export function lowerBoundBy<T>(list: readonly T[], x: number, key: (item: T) => number, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
