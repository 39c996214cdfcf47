import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, StockChange } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import type { DomainEvent } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import { readSessionToken, type AuthService, type SessionUser } from '../auth/index.ts';
import type { OrderViews, StaffOrderView } from '../orders/index.ts';
import { paymentView } from '../payments/index.ts';
import { guardRecovery } from './recovery.ts';
import { applyRooms, entitledRooms, ROOMS } from './rooms.ts';

export { ROOMS } from './rooms.ts';

/** What the server keeps on each socket: who opened it and with which session. */
export interface SocketData {
  user?: SessionUser;
  token?: string;
}

/** Socket.IO typed with the contract's event maps: an event name or payload off the contract does not compile. */
export type RealtimeServer = SocketServer<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface Realtime {
  io: RealtimeServer;
  /** Maps a committed domain event to the Socket.IO events API.md names, for exactly the rooms allowed. */
  handle(event: DomainEvent<StaffOrderView>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Socket.IO on the same server. The session cookie authenticates the connection, and a
 * socket's rooms always follow its session as it is now (rooms.ts): on connect, on
 * connection-state recovery (recovery.ts), whenever the account changes
 * (`user.access_changed`: each node re-reads the account for its own sockets), and on a periodic
 * re-check that catches sessions that simply expired.
 */
export function createRealtime(deps: {
  httpServer: HttpServer;
  db: Database;
  auth: AuthService;
  /** The order read model (orders' public face), for events that carry no view. */
  views: OrderViews;
  logger: Logger;
  publicOrigin: () => string;
  recheckSeconds?: number;
  configure?: (io: RealtimeServer) => void;
  /** Other nodes share this one's sockets through the adapter (PostgreSQL). */
  clustered?: boolean;
}): Realtime {
  const { db, auth, logger } = deps;
  const io: RealtimeServer = new SocketServer<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(deps.httpServer, {
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

  /** The sockets of this node in a room. */
  const localSockets = (room: string): RealtimeSocket[] => [...(io.of('/').adapter.rooms.get(room) ?? [])].flatMap((id) => io.of('/').sockets.get(id) ?? []);

  /**
   * Puts this node's sockets of an account in the rooms its state in the database gives now:
   * a socket whose session ended is cut (the client does not reconnect by itself after
   * that), the others join or leave the staff room as the role says. Runs one at a time per
   * account, each reading after the previous one applied, so an older read never undoes a
   * newer change.
   */
  const runs = new Map<string, Promise<void>>();
  function recheckAccount(userId: string): Promise<void> {
    const run = (runs.get(userId) ?? Promise.resolve()).then(() => applyAccount(userId)).catch((err) => logger.warn({ err }, 'socket session re-check failed'));
    runs.set(userId, run);
    void run.then(() => {
      if (runs.get(userId) === run) runs.delete(userId);
    });
    return run;
  }

  async function applyAccount(userId: string): Promise<void> {
    if (localSockets(ROOMS.user(userId)).length === 0) return;
    const account = await auth.accountAccess(userId);
    // Listed after the read: a socket that joined meanwhile is covered too.
    for (const socket of localSockets(ROOMS.user(userId))) {
      const before = socket.data.user;
      const token = socket.data.token;
      const key = token && auth.sessionKey(token);
      if (!account || !before || !key || !account.sessionKeys.includes(key)) {
        // The page hears why before the connection is cut (it does not reconnect by itself).
        // Sent as a local broadcast to the socket's own room: delivered at once, whereas a
        // plain emit under connection-state recovery waits for the cluster adapter's offset
        // and would arrive after the disconnection.
        if (before) io.local.to(socket.id).emit('session', { user: null, ended: account ? 'session_ended' : 'account_disabled' });
        socket.disconnect(true);
        continue;
      }
      const now: SessionUser = { ...before, role: account.role };
      applyRooms(socket, entitledRooms(now, key));
      if (before.role !== now.role) {
        socket.data.user = now;
        // The page learns its new role (the staff console leaves when it is no longer staff).
        socket.emit('session', sessionPayload(now));
      }
    }
  }

  // Account changes made through another node reach this one here (see accessChanged).
  const ACCOUNT_CHANGED = 'account:changed';
  (io.of('/') as unknown as { on(ev: string, fn: (userId: unknown) => void): void }).on(ACCOUNT_CHANGED, (userId) => {
    if (typeof userId === 'string') void recheckAccount(userId);
  });

  /** An account changed: this node re-checks its sockets, and every other node is told to. */
  async function accessChanged(userId: string): Promise<void> {
    if (deps.clustered) io.serverSideEmit(ACCOUNT_CHANGED, userId);
    await recheckAccount(userId);
  }

  // Runs for new and for recovered sockets alike: a recovered socket's data and rooms are
  // those saved at its disconnection, and are replaced here by what its cookie opens now.
  // Socket.IO ignores what a middleware returns, so the check runs detached: it cannot reject,
  // every failure is caught and handed to next().
  io.use((socket, next) => {
    void (async () => {
      try {
        const { user, token } = await access(readSessionToken(socket.request.headers.cookie));
        socket.data.user = user;
        socket.data.token = token;
        next();
      } catch (err) {
        logger.error({ err }, 'socket authentication failed');
        next(new Error('unavailable'));
      }
    })();
  });

  io.on('connection', (socket: RealtimeSocket) => {
    const user = socket.data.user;
    const token = socket.data.token;
    applyRooms(socket, entitledRooms(user, token && auth.sessionKey(token)));
    socket.emit('session', sessionPayload(user));
    // An account change committed between the middleware's read and the joins above found
    // this socket outside its account's room: one more read, now that it is in it.
    if (user) void recheckAccount(user.id);
  });

  // Expired sessions and anything an event missed: every socket re-reads its session periodically.
  const recheck = setInterval(
    async () => {
      try {
        const accounts = new Set<string>();
        for (const socket of io.of('/').sockets.values()) {
          const user = socket.data.user;
          if (user) accounts.add(user.id);
        }
        await Promise.all([...accounts].map(recheckAccount));
      } catch (err) {
        logger.warn({ err }, 'socket session re-check failed');
      }
    },
    (deps.recheckSeconds ?? 60) * 1000,
  );
  recheck.unref();

  /** The order to its owner (without staff-only details) and, as `staffEvent`, to staff. */
  async function emitOrder(orderId: string, staffEvent: 'order:created' | 'order:updated', known?: StaffOrderView): Promise<void> {
    const staffView = known ?? (await deps.views.load(db, [orderId], { withCustomer: true }))[0];
    if (!staffView) return;
    if (staffView.customer.id) io.to(ROOMS.user(staffView.customer.id)).emit('order:updated', deps.views.owner(staffView));
    io.to(ROOMS.staff).emit(staffEvent, staffView);
  }

  /**
   * A new order: its owner hears it, staff get `order:created`, every shopper the stock it held.
   * Across nodes that is one message (`order:placed`, one NOTIFY) instead of one per emit
   * (four for an order of two products); each node delivers it to its own sockets.
   */
  async function emitPlaced(orderId: string, known: StaffOrderView | undefined, stocks: StockChange[]): Promise<void> {
    const view = known ?? (await deps.views.load(db, [orderId], { withCustomer: true }))[0];
    if (!view) return;
    if (deps.clustered) io.serverSideEmit(ORDER_PLACED, { view, stocks });
    deliverPlaced(view, stocks);
  }

  /** This node's part of a new order's events; with the adapter, local emits (no NOTIFY of their own). */
  function deliverPlaced(view: StaffOrderView, stocks: StockChange[]): void {
    const to = deps.clustered ? io.local : io;
    if (view.customer.id) to.to(ROOMS.user(view.customer.id)).emit('order:updated', deps.views.owner(view));
    to.to(ROOMS.staff).emit('order:created', view);
    for (const s of stocks) to.to(ROOMS.everyone).emit('stock:changed', { productId: s.productId, stock: s.stock });
  }

  const ORDER_PLACED = 'order:placed';
  (io.of('/') as unknown as { on(ev: string, fn: (placed: { view: StaffOrderView; stocks: StockChange[] }) => void): void }).on(ORDER_PLACED, (placed) => {
    if (placed && typeof placed === 'object' && placed.view) deliverPlaced(placed.view, Array.isArray(placed.stocks) ? placed.stocks : []);
  });

  async function handle(event: DomainEvent<StaffOrderView>): Promise<void> {
    switch (event.type) {
      case 'stock.changed':
        // A new order's holds go out with the order (order.placed).
        if (event.orderId === undefined) io.to(ROOMS.everyone).emit('stock:changed', { productId: event.productId, stock: event.stock });
        return;
      case 'order.placed':
        await emitPlaced(event.orderId, event.view, event.stocks ?? []);
        return;
      case 'order.changed':
        await emitOrder(event.orderId, 'order:updated', event.view);
        return;
      case 'order.acknowledged':
        io.to(ROOMS.staff).emit('order:acknowledged', { orderId: event.orderId, acknowledgedAt: event.acknowledgedAt, acknowledgedBy: event.acknowledgedBy });
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
      case 'need.changed':
        io.to(ROOMS.everyone).emit('need:changed', { needId: event.needId, centreId: event.centreId, givenQuantity: event.givenQuantity, met: event.met });
        return;
      case 'impact.changed': {
        const { type: _, ...change } = event;
        io.to(ROOMS.everyone).emit('impact:changed', change);
        return;
      }
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
