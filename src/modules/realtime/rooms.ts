import type { Socket } from 'socket.io';
import type { SessionUser } from '../auth/index.ts';

export const ROOMS = {
  everyone: 'everyone',
  staff: 'staff',
  user: (id: string) => `user:${id}`,
  /** Every connection opened with one session: ended together when that session ends. */
  session: (key: string) => `session:${key}`,
} as const;

export const isStaffRole = (role: string | undefined) => role === 'staff' || role === 'admin';

/**
 * The rooms a connection is entitled to, from its session as it is now (never from what
 * the connection was in before): everyone; with a live session, its user and session
 * rooms; staff events for staff and admins.
 */
export function entitledRooms(user: SessionUser | undefined, sessionKey: string | undefined): Set<string> {
  const rooms = new Set<string>([ROOMS.everyone]);
  if (user && sessionKey) {
    rooms.add(ROOMS.user(user.id));
    rooms.add(ROOMS.session(sessionKey));
    if (isStaffRole(user.role)) rooms.add(ROOMS.staff);
  }
  return rooms;
}

/** Puts the socket in exactly these rooms (and its own id room, which Socket.IO manages). */
export function applyRooms(socket: Socket, rooms: Set<string>): void {
  for (const room of socket.rooms) {
    if (room !== socket.id && !rooms.has(room)) void socket.leave(room);
  }
  for (const room of rooms) if (!socket.rooms.has(room)) void socket.join(room);
}
