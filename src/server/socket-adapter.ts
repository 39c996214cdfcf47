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
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on('error', (err) => logger.warn({ err }, 'socket adapter connection error'));
  // The adapter keeps one client checked out for LISTEN; we watch it to know when it listens.
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  const busy = (c: pg.PoolClient) => {
    const internal = c as unknown as { activeQuery?: unknown; queryQueue?: unknown[] };
    return Boolean(internal.activeQuery) || (internal.queryQueue?.length ?? 0) > 0;
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
        if ([...checkedOut].some((c) => !busy(c))) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      logger.warn('socket adapter not listening yet; events from other nodes may be late');
    },
    close: () => pool.end(),
  };
}
