/**
 * Independent checks sent together instead of one after another: against a slow target the run's
 * in-flight cap (lib/in-flight.ts) then stays busy. The verdict is what the sequential loop gave.
 */

/**
 * Runs `task` over `items`, at most `limit` at a time, and answers the first result (in the items'
 * order) that is not `undefined` — the one a loop stopping at its first finding would answer.
 * Items after a finding are not started.
 */
export async function firstFinding<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R | undefined>): Promise<R | undefined> {
  const results: Array<R | undefined> = [];
  let next = 0;
  let found = items.length;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
      while (next < found) {
        const i = next++;
        const result = await task(items[i]!);
        results[i] = result;
        if (result !== undefined && i < found) found = i;
      }
    }),
  );
  return results.slice(0, found + 1).find((r) => r !== undefined);
}

/**
 * `task` over every item, at most `limit` at a time, results in the items' order. After a task
 * throws no new item starts; the ones running finish first (their cleanup with them), then the
 * first error is thrown.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
      while (next < items.length && !failed) {
        const i = next++;
        try {
          results[i] = await task(items[i]!, i);
        } catch (error) {
          failed ??= { error };
        }
      }
    }),
  );
  if (failed) throw failed.error;
  return results;
}
