import type { Queryable } from './database.ts';

type Reads = readonly [] | readonly (() => Promise<unknown>)[];
type Results<T extends Reads> = { -readonly [K in keyof T]: T[K] extends () => Promise<infer R> ? R : never };

/**
 * Runs independent reads. On the pool (a `Database`) they go side by side, each on a
 * connection of its own; on a transaction they go one after another, because a
 * transaction is one connection and a connection runs one statement at a time —
 * node-postgres queues overlapping calls with a DeprecationWarning today and pg 9
 * refuses them. (PGlite runs one statement at a time anyway.)
 */
export async function readAll<const T extends Reads>(db: Queryable, reads: T): Promise<Results<T>> {
  if (isPool(db)) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}

/** A pool can open transactions; a transaction cannot. */
function isPool(db: Queryable): boolean {
  return typeof (db as { transaction?: unknown }).transaction === 'function';
}
