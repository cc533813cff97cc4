/** Parallel writes per bulk action or undo: enough to be quick, few enough not to throttle a table. */
const CONCURRENCY = 10;

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** `work` on every item, CONCURRENCY at a time; one item's failure does not stop the rest. */
export async function settleInBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<Settled<R>[]> {
  const settle = async (item: T): Promise<Settled<R>> => {
    try {
      return { ok: true, value: await work(item) };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const results: Settled<R>[] = [];
  for (let start = 0; start < items.length; start += CONCURRENCY)
    results.push(...(await Promise.all(items.slice(start, start + CONCURRENCY).map(settle))));
  return results;
}

/** The errors of the items that failed. */
export function failuresOf<R>(results: Settled<R>[]): unknown[] {
  return results.flatMap((result) => (result.ok ? [] : [result.error]));
}
