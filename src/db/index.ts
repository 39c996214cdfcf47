export type { Database, Queryable, Transaction, QueryResult } from './database.ts';
export { migrate } from './migrate.ts';
export { DataDirLockedError } from './pglite-lock.ts';
export { isDatabaseUnavailable } from './connection-errors.ts';
export { readAll } from './read-all.ts';
export { SearchFilter, pagedSearch, type PageRequest } from './paged-search.ts';
import type { Database } from './database.ts';

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  onBackgroundError: (err: unknown) => void;
  warn?: (msg: string) => void;
  poolSize?: number;
  /** PostgreSQL: how long a statement waits for a connection before failing (database unavailable). */
  acquireTimeoutMs?: number;
  /** PostgreSQL: a connection was lost (server restart, terminated backend); the pool replaces it. */
  onConnectionLost?: (err: Error) => void;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const { createPgDatabase } = await import('./pg-driver.ts');
    return createPgDatabase(
      opts.databaseUrl,
      opts.onBackgroundError,
      { poolSize: opts.poolSize, acquireTimeoutMs: opts.acquireTimeoutMs },
      opts.onConnectionLost,
    );
  }
  const { createPgliteDatabase } = await import('./pglite-driver.ts');
  if (!opts.dataDir) return createPgliteDatabase(undefined, opts.onBackgroundError);
  const { lockDataDir } = await import('./pglite-lock.ts');
  const lock = await lockDataDir(opts.dataDir, opts.warn ?? (() => undefined));
  try {
    const db = await createPgliteDatabase(opts.dataDir, opts.onBackgroundError);
    return {
      ...db,
      async close() {
        await db.close();
        await lock.release();
      },
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
