import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contract/index.ts';

/**
 * One Socket.IO connection per page, same origin, authenticated by the session cookie.
 * The server puts it in the rooms its session allows (everyone, the user's own, staff).
 * After signing in or out, call reconnectSocket() so the rooms follow the new session.
 * `onResync` callbacks run after every reconnection: a page refetches what it shows,
 * so nothing that happened while the network was down is silently missed.
 *
 * The Socket.IO client (about 29 KB gzipped) is loaded on first use, after the page's own
 * code: it stays out of the shop's first load. Listeners registered before it arrives are
 * attached as soon as it does, so callers never wait for it.
 */
/** The page's socket, typed with the contract's event maps. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Listener = (...args: never[]) => void;
/** The connection's own events, beside the server's events of the contract. */
type ConnectionEvent = 'connect' | 'disconnect' | 'connect_error';

let socket: AppSocket | undefined;
let loading = false;
const listeners = new Map<string, Set<Listener>>();
const resyncListeners = new Set<() => void>();

function load(): void {
  if (loading) return;
  loading = true;
  void import('socket.io-client').then(
    ({ io }) => {
      const s: AppSocket = io({ transports: ['websocket', 'polling'], withCredentials: true });
      let connectedOnce = false;
      s.on('connect', () => {
        // A recovered connection (connection-state recovery) replays what was missed itself.
        if (connectedOnce && !s.recovered) for (const fn of resyncListeners) fn();
        connectedOnce = true;
      });
      for (const [name, fns] of listeners) for (const fn of fns) s.on(name as never, fn as never);
      socket = s;
    },
    () => {
      // The chunk could not be fetched (offline): the next listener or connectIfDown() tries again.
      loading = false;
    },
  );
}

function listen(name: string, fn: Listener): () => void {
  const fns = listeners.get(name) ?? new Set<Listener>();
  listeners.set(name, fns);
  fns.add(fn);
  if (socket) socket.on(name as never, fn as never);
  else load();
  return () => {
    fns.delete(fn);
    socket?.off(name as never, fn as never);
  };
}

/** Listens to one server event (its payload typed by the contract); returns the function that stops listening. */
export function onServerEvent<E extends keyof ServerToClientEvents>(name: E, fn: ServerToClientEvents[E]): () => void {
  return listen(name, fn as Listener);
}

/** Listens to the connection itself (connect, disconnect with its reason, connect_error). */
export function onConnectionEvent(name: ConnectionEvent, fn: (reason?: string) => void): () => void {
  return listen(name, fn as Listener);
}

/** Whether the live connection is up right now. */
export function isConnected(): boolean {
  return socket?.connected ?? false;
}

/** Opens the connection again if it is down (the browser says the network is back). */
export function connectIfDown(): void {
  if (socket && !socket.connected) socket.connect();
  else load();
}

export function reconnectSocket(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}

/** Runs after each reconnection that could not replay missed events. */
export function onResync(fn: () => void): () => void {
  resyncListeners.add(fn);
  return () => resyncListeners.delete(fn);
}

/** Whether the live connection is up right now (pages show a "reconnecting" hint otherwise). */
export function onConnectionChange(fn: (connected: boolean) => void): () => void {
  const stops = [onConnectionEvent('connect', () => fn(true)), onConnectionEvent('disconnect', () => fn(false))];
  fn(isConnected());
  return () => {
    for (const stop of stops) stop();
  };
}
