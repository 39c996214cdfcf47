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
  return {
    configure(io: SocketServer) {
      io.adapter(createAdapter(pool, { errorHandler: (err: Error) => logger.warn({ err }, 'socket adapter error') }));
    },
    close: () => pool.end(),
  };
}
