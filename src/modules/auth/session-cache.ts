import type { SessionUser } from './sessions.ts';

/**
 * The sessions this node looked up in the last `ttlMs` (SESSION_CACHE_MS): a burst of requests
 * with one cookie — a buyer's page load, an order and its answer — costs one lookup. Bounded:
 * past `max` entries it starts afresh. Forgotten at once when this node ends a session or
 * changes an account (user.access_changed, the account routes), and when another node says it
 * changed one (realtime's account:changed message); at the latest within `ttlMs`. A session
 * past its expiry is never served.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; expiresAt: number; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(token: string, now: Date): SessionUser | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (performance.now() >= e.until || now.getTime() >= e.expiresAt) {
      this.entries.delete(token);
      return undefined;
    }
    return e.user;
  }

  set(token: string, user: SessionUser, expiresAt: Date): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(token, { user, expiresAt: expiresAt.getTime(), until: performance.now() + this.ttlMs });
  }

  forgetUser(userId: string): void {
    for (const [token, e] of this.entries) if (e.user.id === userId) this.entries.delete(token);
  }
}
