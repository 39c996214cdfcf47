import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import type { Database } from '../../db/index.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import { readSessionToken, type AuthService, type SessionUser } from '../auth/index.ts';
import { loadOrderViews, toOwnerView, type StaffOrderView } from '../orders/index.ts';
import { paymentView } from '../payments/index.ts';

export const ROOMS = {
  everyone: 'everyone',
  staff: 'staff',
  user: (id: string) => `user:${id}`,
} as const;

const isStaff = (u: SessionUser | undefined) => u?.role === 'staff' || u?.role === 'admin';

export interface Realtime {
  io: SocketServer;
  /** Maps a committed domain event to the Socket.IO events API.md names, for exactly the rooms allowed. */
  handle(event: DomainEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * Socket.IO on the same server. The session cookie authenticates the connection;
 * each socket joins "everyone", its own user room, and "staff" when its role allows.
 * Sessions are re-checked periodically, and a disabled account is disconnected at once.
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

  io.use(async (socket, next) => {
    try {
      const token = readSessionToken(socket.request.headers.cookie);
      const user = token ? await auth.userForToken(token) : undefined;
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
    void socket.join(ROOMS.everyone);
    if (user) {
      void socket.join(ROOMS.user(user.id));
      if (isStaff(user)) void socket.join(ROOMS.staff);
    }
    socket.emit('session', { user: user ? { id: user.id, role: user.role } : null });
  });

  // Sessions end (logout, expiry, disabled account): sockets re-check theirs periodically.
  const recheck = setInterval(async () => {
    try {
      for (const socket of await io.local.fetchSockets()) {
        const token = socket.data.token as string | undefined;
        if (!socket.data.user || !token) continue;
        if (!(await auth.userForToken(token))) socket.disconnect(true);
      }
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
        io.to(ROOMS.everyone).emit('catalog:changed', { productId: event.productId, categorySlug: event.categorySlug });
        return;
      case 'user.access_changed':
        io.in(ROOMS.user(event.userId)).disconnectSockets(true);
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
