import type { Queryable } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/**
 * Login throttling, per account and per address, counted in the database so that
 * every node agrees. Returns the seconds to wait when a limit is reached.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits,
  ) {}

  private keys(email: string, ip: string): Array<{ key: string; limit: number }> {
    return [
      { key: `acct:${email.toLowerCase()}`, limit: this.limits.perAccount },
      { key: `ip:${ip}`, limit: this.limits.perAddress },
    ];
  }

  /** Seconds until the oldest counted failure leaves the window, when a limit is reached. */
  async retryAfter(email: string, ip: string): Promise<number | undefined> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.limits.windowSeconds * 1000);
    let wait: number | undefined;
    for (const { key, limit } of this.keys(email, ip)) {
      const r = await this.db.query<{ n: number; oldest: Date | null }>(
        `SELECT count(*)::int AS n, min(at) AS oldest FROM
           (SELECT at FROM auth_failures WHERE key = $1 AND at > $2 ORDER BY at DESC LIMIT $3) recent`,
        [key, since, limit],
      );
      const row = r.rows[0];
      if (row && row.n >= limit && row.oldest) {
        const seconds = Math.ceil((row.oldest.getTime() + this.limits.windowSeconds * 1000 - now.getTime()) / 1000);
        wait = Math.max(wait ?? 0, seconds, 1);
      }
    }
    return wait;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const at = this.clock.now();
    for (const { key } of this.keys(email, ip)) {
      await this.db.query('INSERT INTO auth_failures (key, at) VALUES ($1, $2)', [key, at]);
    }
  }

  /** A successful login forgives the account's failures (not the address's). */
  async clearAccount(email: string): Promise<void> {
    await this.db.query('DELETE FROM auth_failures WHERE key = $1', [`acct:${email.toLowerCase()}`]);
  }

  async prune(): Promise<void> {
    const since = new Date(this.clock.now().getTime() - this.limits.windowSeconds * 1000);
    await this.db.query('DELETE FROM auth_failures WHERE at <= $1', [since]);
  }
}
