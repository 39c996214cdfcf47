import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Server as SocketServer } from 'socket.io';
import type { Logger } from '../shared/logger.ts';

/**
 * With a PostgreSQL server, Socket.IO fans events out to every node through
 * LISTEN/NOTIFY, so a staff screen connected to one node hears about an order placed
 * on another. PGlite is one process: the default in-memory adapter is enough there.
 */
export function postgresSocketAdapter(databaseUrl: string, logger: Logger) {
  // A name of its own for this node's adapter connections: how ready() finds its LISTEN.
  const applicationName = `panier-socket-${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: applicationName });
  pool.on('error', (err) => logger.warn({ err }, 'socket adapter connection error'));
  const listening = async () => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle' AND query LIKE 'LISTEN %'`,
      [applicationName],
    );
    return rows[0]!.n > 0;
  };

  return {
    configure(io: SocketServer) {
      io.adapter(createAdapter(pool, { errorHandler: (err: Error) => logger.warn({ err }, 'socket adapter error') }));
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
