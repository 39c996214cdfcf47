import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/contract/index.ts';

/** A client socket typed with the contract's event maps. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real Socket.IO client, authenticated by the same cookie as the HTTP client. */
export async function connectSocket(url: string, cookie?: string, extraHeaders: Record<string, string> = {}): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...extraHeaders },
    reconnection: false,
    forceNew: true,
  });
  // The server says who it sees once the rooms are joined: from then on nothing is missed.
  await new Promise<void>((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * Resolves with the disconnection's reason once the socket is cut (by the server:
 * 'io server disconnect'). The deadline only turns "never cut" into a named failure.
 */
export function disconnectedByServer(socket: Socket, deadlineMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not cut')), deadlineMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Records every event a socket receives, and waits for the one you expect. */
export class Recorder {
  readonly events: Array<{ name: string; payload: any }> = [];
  private waiters: Array<{ match: (name: string, payload: any) => boolean; resolve: (p: any) => void }> = [];

  constructor(socket: Socket) {
    socket.onAny((name: string, payload: unknown) => {
      this.events.push({ name, payload });
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(name, payload)) return true;
        w.resolve(payload);
        return false;
      });
    });
  }

  named(name: string): any[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload);
  }

  /**
   * Resolves with the first matching event. The deadline is not a speed check: it only
   * turns "never arrived" into a failure that names the event instead of a hung run.
   */
  waitFor(name: string, predicate: (payload: any) => boolean = () => true, deadlineMs = 15_000): Promise<any> {
    const seen = this.events.find((e) => e.name === name && predicate(e.payload));
    if (seen) return Promise.resolve(seen.payload);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${name}" event arrived (got: ${this.events.map((e) => e.name).join(', ') || 'nothing'})`)),
        deadlineMs,
      );
      this.waiters.push({
        match: (n, p) => n === name && predicate(p),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }
}
