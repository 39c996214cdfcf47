import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import type { Server as SocketServer } from 'socket.io';
import type { Logger } from '../../shared/logger.ts';

/** What Socket.IO's adapter hands back for a connection that asks to resume (`auth: {pid, offset}`). */
interface RestoredSession {
  sid: string;
  rooms: string[];
  missedPackets: unknown[];
}

/** The namespace method that restores a session and builds the socket (socket.io 4.x, not public). */
type CreateSocket = (client: { request: IncomingMessage }, auth: Record<string, unknown>) => Promise<unknown>;

/**
 * Connection-state recovery, only for connections still entitled to what they missed.
 *
 * When a client reconnects with `auth: {pid, offset}`, Socket.IO asks the adapter for the
 * saved session, and the Socket constructor puts the socket back in the saved rooms and
 * sends the missed packets at once, BEFORE any middleware runs. The saved rooms are those
 * of the session as it was at the disconnection: a staff member disabled or demoted since,
 * or anyone who only learnt the pid, would get the staff events back. So the adapter's
 * answer is checked first: the session is restored only when the connection's own cookie,
 * read against the database now, entitles it to every saved room; otherwise the connection
 * starts afresh (no replay) and its rooms come from its cookie like any new one.
 *
 * The adapter only sees (pid, offset): the cookie of the connection asking is carried to it
 * through an AsyncLocalStorage set around the namespace's socket creation.
 */
export function guardRecovery(io: SocketServer, deps: { entitledRooms: (cookie: string | undefined) => Promise<Set<string>>; logger: Logger }): void {
  const nsp = io.of('/') as unknown as {
    _createSocket?: CreateSocket;
    adapter: { restoreSession: (pid: string, offset: string) => Promise<RestoredSession | null> | null };
  };
  const adapter = nsp.adapter;
  const create = nsp._createSocket;
  if (typeof create !== 'function') {
    // Socket.IO changed inside: recovery cannot be checked, so it is not offered at all.
    deps.logger.error('socket.io internals changed: connection-state recovery is turned off');
    adapter.restoreSession = () => null;
    return;
  }
  const asking = new AsyncLocalStorage<{ cookie: string | undefined }>();
  nsp._createSocket = (client, auth) => asking.run({ cookie: client.request.headers.cookie }, () => create.call(nsp, client, auth));

  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session = await restore(pid, offset);
    if (!session) return null;
    const connection = asking.getStore();
    if (!connection) return null;
    const allowed = await deps.entitledRooms(connection.cookie);
    const lost = session.rooms.filter((room) => room !== session.sid && !allowed.has(room));
    if (lost.length === 0) return session;
    deps.logger.info({ sid: session.sid, rooms: lost.filter((r) => !r.startsWith('session:')) }, 'socket recovery refused: no longer entitled to its rooms');
    return null;
  };
}
