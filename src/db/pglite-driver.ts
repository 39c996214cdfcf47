import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { AfterCommitQueue, type Database, type QueryResult, type Transaction } from './database.ts';

/**
 * Embedded PostgreSQL (WebAssembly). It has a single connection, so PGlite itself
 * queues statements and runs one transaction at a time: what is concurrent on a
 * real server is serialised here, which keeps the same SQL correct.
 */
/** The contrib extensions the migrations create (catalogue search): PGlite loads them at open. */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

export async function createPgliteDatabase(dataDir: string | undefined, onAfterCommitError: (err: unknown) => void): Promise<Database> {
  // int8 (money totals, counts, sums) as JS numbers, as the pg driver does: said here rather
  // than left to PGlite's default, which a later version could turn into BigInt.
  const parsers = { 20: (v: string) => Number(v) };
  const extensions = PGLITE_EXTENSIONS;
  const db = await PGlite.create(dataDir ? { dataDir, parsers, extensions } : { parsers, extensions });

  const shape = <T>(r: { rows: unknown[]; affectedRows?: number }): QueryResult<T> => ({
    rows: r.rows as T[],
    rowCount: r.rows.length > 0 ? r.rows.length : (r.affectedRows ?? 0),
  });

  // PGlite has no network: a "round trip" is one call into it, counted as the pg driver counts.
  let roundTrips = 0;
  return {
    driver: 'pglite',
    async query<T>(sql: string, params?: readonly unknown[]) {
      roundTrips++;
      return shape<T>(await db.query(sql, params as unknown[] | undefined));
    },
    async exec(sql) {
      roundTrips++;
      await db.exec(sql);
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const after = new AfterCommitQueue();
      roundTrips += 2; // BEGIN and COMMIT (or ROLLBACK), sent by PGlite's transaction()
      const result = await db.transaction(async (inner) => {
        const tx: Transaction = {
          async query<R>(sql: string, params?: readonly unknown[]) {
            roundTrips++;
            return shape<R>(await inner.query(sql, params as unknown[] | undefined));
          },
          async exec(sql) {
            roundTrips++;
            await inner.exec(sql);
          },
          afterCommit: (cb) => after.add(cb),
        };
        return fn(tx);
      });
      after.run(onAfterCommitError);
      return result;
    },
    async close() {
      await db.close();
    },
    roundTrips: () => roundTrips,
    async dumpDataDir() {
      // Holding the transaction lock means no transaction is half done in the copy.
      const tarball = await db._runExclusiveTransaction(() => db.dumpDataDir('gzip'));
      return new Uint8Array(await tarball.arrayBuffer());
    },
  };
}
