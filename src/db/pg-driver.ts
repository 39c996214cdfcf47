import pg from 'pg';
import { AfterCommitQueue, type Database, type QueryResult, type Transaction } from './database.ts';

// int8 (counts, sums) as JS numbers: our sums are cents and counts, far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Parameterised statements are prepared once per connection and reused by name: the
 * server parses and plans each of our (fixed) SQL texts once instead of on every call,
 * which is most of its work for the short statements of an order. Our SQL texts are
 * constants of the code, so the set of names stays small.
 */
const statementNames = new Map<string, string>();
function statement(text: string, params?: readonly unknown[]): pg.QueryConfig {
  if (!params) return { text };
  let name = statementNames.get(text);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    if (statementNames.size < 2_000) statementNames.set(text, name);
    else return { text, values: params as unknown[] };
  }
  return { name, text, values: params as unknown[] };
}

export function createPgDatabase(
  connectionString: string,
  onAfterCommitError: (err: unknown) => void,
  poolSize = 10,
): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its connection (server restart) must not kill the process.
  pool.on('error', (err) => onAfterCommitError(err));

  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
    const r = await pool.query(statement(sql, params));
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
          const r = await client.query(statement(sql, params));
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
