import pg from 'pg';
import { AfterCommitQueue, type Database, type QueryResult, type Transaction } from './database.ts';
import { isDatabaseUnavailable } from './connection-errors.ts';

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

export interface PgPoolOptions {
  poolSize?: number;
  /** How long a statement waits for a connection (pool full, server unreachable) before failing. */
  acquireTimeoutMs?: number;
}

/**
 * A pool whose connections can all die (PostgreSQL restarted, `pg_terminate_backend`)
 * without taking the process with them: node-postgres emits 'error' on a client whose
 * backend went away, and an 'error' event nobody listens to ends the process. pg-pool
 * listens only while a client sits idle in the pool; a client checked out (a transaction
 * between two statements, a LISTEN connection) has nobody — so every client gets a
 * listener of its own as soon as it connects. A dead client is dropped by the pool when
 * released (it is no longer "queryable"), and the next statement opens a fresh one.
 */
export function createResilientPool(config: pg.PoolConfig, onConnectionLost: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    // A refused or unreachable server fails the statement within this time instead of queueing it forever.
    connectionTimeoutMillis: 5_000,
    // A connection whose peer vanished without closing it (network cut) is noticed by TCP keepalives.
    keepAlive: true,
    ...config,
  });
  pool.on('connect', (client) => client.on('error', onConnectionLost));
  // pg-pool also re-emits an idle client's error on the pool: already reported by the client's own listener.
  pool.on('error', () => undefined);
  return pool;
}

export function createPgDatabase(
  connectionString: string,
  onAfterCommitError: (err: unknown) => void,
  { poolSize = 10, acquireTimeoutMs = 5_000 }: PgPoolOptions = {},
  onConnectionLost: (err: Error) => void = onAfterCommitError,
): Database {
  const pool = createResilientPool(
    { connectionString, max: poolSize, connectionTimeoutMillis: acquireTimeoutMs, application_name: 'panier-solidaire' },
    onConnectionLost,
  );

  let roundTrips = 0;
  /**
   * One statement on a pooled connection. Not `pool.query`: pg-pool destroys the connection
   * after ANY error its statement gets, a refused order's (PS001) or a unique violation as
   * much as a dead link; in a rush where most buyers are refused, every refusal then cost a
   * new connection (TCP, start-up, a backend forked, the statements prepared again), and the
   * buyers behind waited for them until the acquire timeout answered 503 (issue 21's race).
   * A statement's own error leaves its connection as good as before (autocommit: nothing is
   * left open), so it goes back to the pool; only a connection that failed is dropped.
   */
  const run = async (config: string | pg.QueryConfig): Promise<pg.QueryResult> => {
    roundTrips++;
    const client = await pool.connect();
    try {
      const r = await client.query(config);
      client.release();
      return r;
    } catch (err) {
      client.release(isDatabaseUnavailable(err) ? (err as Error) : undefined);
      throw err;
    }
  };
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
    const r = await run(statement(sql, params));
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };

  return {
    driver: 'pg',
    query,
    async exec(sql) {
      await run(sql);
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const after = new AfterCommitQueue();
      const send = (config: string | pg.QueryConfig) => {
        roundTrips++;
        return client.query(config);
      };
      const tx: Transaction = {
        async query<R>(sql: string, params?: readonly unknown[]) {
          const r = await send(statement(sql, params));
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        async exec(sql) {
          await send(sql);
        },
        afterCommit: (cb) => after.add(cb),
      };
      let result: T;
      try {
        await send('BEGIN');
        result = await fn(tx);
        await send('COMMIT');
      } catch (err) {
        // On a dead connection ROLLBACK fails at once (the client is not queryable); the server
        // has rolled the transaction back already.
        await send('ROLLBACK').catch(() => undefined);
        // A connection that failed is destroyed, not returned to the pool for the next request.
        client.release(isDatabaseUnavailable(err) ? (err as Error) : undefined);
        throw err;
      }
      client.release();
      after.run(onAfterCommitError);
      return result;
    },
    async close() {
      await pool.end();
    },
    roundTrips: () => roundTrips,
  };
}
