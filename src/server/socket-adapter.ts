import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Server as SocketServer } from 'socket.io';
import { createResilientPool } from '../db/pg-driver.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * With a PostgreSQL server, Socket.IO fans events out to every node through
 * LISTEN/NOTIFY, so a staff screen connected to one node hears about an order placed
 * on another. PGlite is one process: the default in-memory adapter is enough there.
 *
 * What @socket.io/postgres-adapter 0.5 does, and what we add around it:
 * - It takes one client out of the pool (`pool.connect()`), runs `LISTEN` on it and keeps it.
 *   When that client's connection ends it schedules `pool.connect()` again (every 1–3 s until
 *   one succeeds) and re-runs LISTEN for every namespace: it does re-LISTEN by itself.
 * - It puts no 'error' listener on that client: a terminated backend (PostgreSQL restart,
 *   `pg_terminate_backend`) emitted an unhandled 'error' and ended the process. The pool
 *   from createResilientPool gives every client a listener.
 * - It never gives the dead client back to the pool, so each lost connection kept one of
 *   the pool's slots forever; after a few outages LISTEN (and every NOTIFY) waited for a
 *   slot that never came. And when LISTEN fails right after connecting it schedules a second
 *   reconnection on top of the one its 'end' handler schedules, which could leave two LISTEN
 *   connections and every event delivered twice. `listenConnections` below hands the adapter
 *   one LISTEN client at a time, destroys the previous one, and gives a dead one back.
 */
export function postgresSocketAdapter(databaseUrl: string, logger: Logger, acquireTimeoutMs = 5_000) {
  // A name of its own for this node's adapter connections: how ready() finds its LISTEN.
  const applicationName = `panier-socket-${randomUUID().slice(0, 8)}`;
  const pool = createResilientPool(
    { connectionString: databaseUrl, max: 3, application_name: applicationName, connectionTimeoutMillis: acquireTimeoutMs },
    (err) => logger.warn({ err: err.message }, 'socket adapter lost its database connection; it reconnects by itself'),
  );
  listenConnections(pool);
  // Every NOTIFY (and attachment insert) of the adapter is a pool.query: counted, as the
  // database driver counts its round trips (GET /api/admin/diagnostics, npm run bench).
  let roundTrips = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  pool.query = ((...args: unknown[]) => {
    roundTrips++;
    return query(...args);
  }) as typeof pool.query;
  const listening = async () => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle' AND query LIKE 'LISTEN %'`,
      [applicationName],
    );
    return rows[0]!.n > 0;
  };

  return {
    applicationName,
    /** Statements this node's adapter sent (its own check in ready() included). */
    roundTrips: () => roundTrips,
    configure(io: SocketServer) {
      // Publishing while the database is away fails (the event is not heard by other nodes); said once per failure.
      io.adapter(createAdapter(pool, { errorHandler: (err: Error) => logger.warn({ err: err.message }, 'socket adapter error') }));
    },
    /**
     * Resolves once the LISTEN connection is up. Start-up waits for it: before that, events
     * from other nodes would be missed, and a node closed during the adapter's own set-up
     * would leave that connection open (the adapter only releases a client it has finished
     * setting up).
     */
    async ready(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (await listening().catch(() => false)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      logger.warn('socket adapter not listening yet; events from other nodes may be late');
    },
    close: () => pool.end(),
  };
}

/**
 * The adapter asks for its LISTEN client with `pool.connect()` (no callback); pg-pool's own
 * `pool.query` uses the callback form, which is left alone. The promise form now keeps one
 * LISTEN client at a time and returns a client whose connection ended to the pool as broken,
 * which frees its slot.
 */
function listenConnections(pool: pg.Pool): void {
  let current: pg.PoolClient | undefined;
  const retire = (client: pg.PoolClient, reason: Error) => {
    if (client !== current) return; // already given back (by the adapter on close, or by us)
    current = undefined;
    client.release(reason);
  };
  // The adapter gives its client back itself on close: from then on it is not ours to release.
  pool.on('release', (_err: Error | undefined, client: pg.PoolClient) => {
    if (client === current) current = undefined;
  });
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args);
    if (current) retire(current, new Error('replaced by a new LISTEN connection'));
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      current = client;
      client.once('end', () => retire(client, new Error('LISTEN connection ended')));
      return client;
    });
  }) as typeof pool.connect;
}
