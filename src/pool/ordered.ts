// Work started in input order, several at a time, its results taken back in the same order: the
// CLI writes one line per input, in the order given, while the pool works on the next ones.

/**
 * Runs `start` on each item with at most `width` results pending, and calls `take` with each
 * result in input order. `start` must not throw: a failure is a value of the result type.
 */
export async function inOrder<I, R>(items: AsyncIterable<I>, width: number, start: (item: I) => Promise<R>,
  take: (result: R) => Promise<void> | void): Promise<void> {
  const pending: Promise<R>[] = [];
  for await (const item of items) {
    pending.push(start(item));
    if (pending.length >= width) await take(await pending.shift()!);
  }
  while (pending.length) await take(await pending.shift()!);
}
