import pg from 'pg';
import { AfterCommitQueue, type Database, type QueryResult, type Transaction } from './database.ts';

// int8 (counts, sums) as JS numbers: our sums are cents and counts, far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function createPgDatabase(
  connectionString: string,
  onAfterCommitError: (err: unknown) => void,
  poolSize = 10,
): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its connection (server restart) must not kill the process.
  pool.on('error', (err) => onAfterCommitError(err));

  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
    const r = await pool.query(sql, params as unknown[] | undefined);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };

  return {
    driver: 'pg',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const after = new AfterCommitQueue();
      const tx: Transaction = {
        async query<R>(sql: string, params?: readonly unknown[]) {
          const r = await client.query(sql, params as unknown[] | undefined);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        async exec(sql) {
          await client.query(sql);
        },
        afterCommit: (cb) => after.add(cb),
      };
      let result: T;
      try {
        await client.query('BEGIN');
        result = await fn(tx);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        throw err;
      }
      client.release();
      after.run(onAfterCommitError);
      return result;
    },
    async close() {
      await pool.end();
    },
  };
}
