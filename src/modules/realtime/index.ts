import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import type { Database } from '../../db/index.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import { readSessionToken, type AuthService, type SessionUser } from '../auth/index.ts';
import { loadOrderViews, toOwnerView, type StaffOrderView } from '../orders/index.ts';
import { paymentView } from '../payments/index.ts';
import { guardRecovery } from './recovery.ts';
import { applyRooms, entitledRooms, isStaffRole, ROOMS } from './rooms.ts';

export { ROOMS } from './rooms.ts';

export interface Realtime {
  io: SocketServer;
  /** Maps a committed domain event to the Socket.IO events API.md names, for exactly the rooms allowed. */
  handle(event: DomainEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * Socket.IO on the same server. The session cookie authenticates the connection, and a
 * socket's rooms always follow its session as it is now (rooms.ts): on connect, on
 * connection-state recovery (recovery.ts), whenever the account changes
 * (`user.access_changed`, applied on every node through the adapter), and on a periodic
 * re-check that catches sessions that simply expired.
 */
export function createRealtime(deps: {
  httpServer: HttpServer;
  db: Database;
  auth: AuthService;
  logger: Logger;
  publicOrigin: () => string;
  recheckSeconds?: number;
  configure?: (io: SocketServer) => void;
}): Realtime {
  const { db, auth, logger } = deps;
  const io = new SocketServer(deps.httpServer, {
    serveClient: false,
    // A silently dead network is noticed within ~20 s (defaults: 45 s): a staff screen must know it is offline.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Cross-site pages may not open a socket with our visitors' cookies.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const own = [deps.publicOrigin(), `http://${req.headers.host}`, `https://${req.headers.host}`];
      callback(null, origin === undefined || own.includes(origin));
    },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  deps.configure?.(io);

  /** Who a session token opens now, and the rooms that entitles to. */
  async function access(token: string | undefined): Promise<{ user?: SessionUser; token?: string; rooms: Set<string> }> {
    const user = token ? await auth.userForToken(token) : undefined;
    const live = user ? token : undefined;
    return { user, token: live, rooms: entitledRooms(user, live && auth.sessionKey(live)) };
  }

  guardRecovery(io, { entitledRooms: async (cookie) => (await access(readSessionToken(cookie))).rooms, logger });

  const sessionPayload = (user: SessionUser | undefined) => ({ user: user ? { id: user.id, role: user.role } : null });

  /**
   * Re-reads a socket's session and puts it in the rooms that entitles to now. A socket
   * whose session ended is cut (the client does not reconnect by itself after that).
   */
  async function refresh(socket: Socket): Promise<void> {
    const before = socket.data.user as SessionUser | undefined;
    const now = await access(socket.data.token as string | undefined);
    if (before && !now.user) {
      socket.disconnect(true);
      return;
    }
    applyRooms(socket, now.rooms);
    socket.data.user = now.user;
    if (before?.role !== now.user?.role) socket.emit('session', sessionPayload(now.user));
  }

  // Runs for new and for recovered sockets alike: a recovered socket's data and rooms are
  // those saved at its disconnection, and are replaced here by what its cookie opens now.
  io.use(async (socket, next) => {
    try {
      const { user, token } = await access(readSessionToken(socket.request.headers.cookie));
      socket.data.user = user;
      socket.data.token = token;
      next();
    } catch (err) {
      logger.error({ err }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket: Socket) => {
    const user = socket.data.user as SessionUser | undefined;
    const token = socket.data.token as string | undefined;
    applyRooms(socket, entitledRooms(user, token && auth.sessionKey(token)));
    socket.emit('session', sessionPayload(user));
    // An account change committed between the middleware's read and the joins above was
    // announced to rooms this socket was not in yet: one more read, now that it is in them.
    if (user) refresh(socket).catch((err) => logger.warn({ err }, 'socket session re-check failed'));
  });

  /**
   * Applies an account change to its sockets on every node, with operations the adapter
   * carries to the other nodes: sockets of ended sessions are cut, the others join or
   * leave the staff room as the role now says.
   */
  async function accessChanged(userId: string): Promise<void> {
    const access = await auth.accountAccess(userId);
    const sockets = io.in(ROOMS.user(userId));
    if (!access || access.sessionKeys.length === 0) {
      sockets.disconnectSockets(true);
      return;
    }
    io.in(ROOMS.user(userId))
      .except(access.sessionKeys.map((key) => ROOMS.session(key)))
      .disconnectSockets(true);
    if (isStaffRole(access.role)) sockets.socketsJoin(ROOMS.staff);
    else sockets.socketsLeave(ROOMS.staff);
    io.to(ROOMS.user(userId)).emit('session', { user: { id: userId, role: access.role } });
  }

  // Expired sessions and anything an event missed: every socket re-reads its session periodically.
  const recheck = setInterval(async () => {
    try {
      await Promise.all([...io.of('/').sockets.values()].map(refresh));
    } catch (err) {
      logger.warn({ err }, 'socket session re-check failed');
    }
  }, (deps.recheckSeconds ?? 60) * 1000);
  recheck.unref();

  /** The order to its owner (without staff-only details) and, as `staffEvent`, to staff. */
  async function emitOrder(orderId: string, staffEvent: 'order:created' | 'order:updated', known?: StaffOrderView): Promise<void> {
    const staffView = known ?? (await loadOrderViews(db, [orderId], { withCustomer: true }))[0];
    if (!staffView) return;
    if (staffView.customer.id) io.to(ROOMS.user(staffView.customer.id)).emit('order:updated', toOwnerView(staffView));
    io.to(ROOMS.staff).emit(staffEvent, staffView);
  }

  async function handle(event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'stock.changed':
        io.to(ROOMS.everyone).emit('stock:changed', { productId: event.productId, stock: event.stock });
        return;
      case 'order.placed':
        await emitOrder(event.orderId, 'order:created', event.view);
        return;
      case 'order.changed':
        await emitOrder(event.orderId, 'order:updated', event.view);
        return;
      case 'payment.recorded': {
        const view = await paymentView(db, event.paymentId);
        if (!view) return;
        io.to(ROOMS.staff).emit(event.status === 'succeeded' ? 'payment:received' : 'payment:updated', view);
        // A failed or refunded attempt may leave the order's status as it was: its page still
        // shows the payment, so the owner hears of it too.
        if (event.status !== 'succeeded') await emitOrder(event.orderId, 'order:updated');
        return;
      }
      case 'catalog.changed':
        io.to(ROOMS.everyone).emit('catalog:changed', { productId: event.productId });
        return;
      case 'user.access_changed':
        await accessChanged(event.userId);
        return;
    }
  }

  return {
    io,
    handle,
    async close() {
      clearInterval(recheck);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
