import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contract/index.ts';

/**
 * One Socket.IO connection per page, same origin, authenticated by the session cookie.
 * The server puts it in the rooms its session allows (everyone, the user's own, staff).
 * After signing in or out, call reconnectSocket() so the rooms follow the new session.
 * `onResync` callbacks run after every reconnection: a page refetches what it shows,
 * so nothing that happened while the network was down is silently missed.
 */
/** The page's socket, typed with the contract's event maps. */
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;
const resyncListeners = new Set<() => void>();

export function getSocket(): AppSocket {
  if (!socket) {
    socket = io({ transports: ['websocket', 'polling'], withCredentials: true });
    let connectedOnce = false;
    socket.on('connect', () => {
      // A recovered connection (connection-state recovery) replays what was missed itself.
      if (connectedOnce && !socket?.recovered) for (const fn of resyncListeners) fn();
      connectedOnce = true;
    });
  }
  return socket;
}

export function reconnectSocket(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}

/** Listens to one server event (its payload typed by the contract); returns the function that stops listening. */
export function onServerEvent<E extends keyof ServerToClientEvents>(name: E, fn: ServerToClientEvents[E]): () => void {
  const s = getSocket();
  s.on(name, fn as never);
  return () => s.off(name, fn as never);
}

/** Runs after each reconnection that could not replay missed events. */
export function onResync(fn: () => void): () => void {
  resyncListeners.add(fn);
  return () => resyncListeners.delete(fn);
}

/** Whether the live connection is up right now (pages show a "reconnecting" hint otherwise). */
export function onConnectionChange(fn: (connected: boolean) => void): () => void {
  const s = getSocket();
  const up = () => fn(true);
  const down = () => fn(false);
  s.on('connect', up);
  s.on('disconnect', down);
  fn(s.connected);
  return () => {
    s.off('connect', up);
    s.off('disconnect', down);
  };
}
