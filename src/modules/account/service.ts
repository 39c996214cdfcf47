import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { clearAccountThrottle, resetThrottleKeys, type OwnAccount, type SessionUser } from '../auth/index.ts';
import { loadCart } from '../cart/index.ts';
import { loadOrderViews } from '../orders/index.ts';
import { listPaymentViews } from '../payments/index.ts';

/** What replaces a deleted person's name or email wherever free text quoted it. */
export const ERASED = '[supprimé]';

const reEscape = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/**
 * A pattern for the person's email, full name and each word of their name of three
 * letters or more, as whole words, ignoring case: staff notes like "Appelé Mme Dupont"
 * lose the name, "dupontel" is left alone.
 */
export function personPattern(name: string, email: string): RegExp {
  const words = name.split(/\s+/).filter((w) => [...w].length >= 3);
  const terms = [...new Set([email.trim(), name.trim(), ...words].filter(Boolean))].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.map(reEscape).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

function scrubJson(value: unknown, re: RegExp): unknown {
  if (typeof value === 'string') return value.replace(re, ERASED);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, re));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v, re)]));
  return value;
}

/**
 * The customer's own data, across modules: everything about them as one JSON download,
 * and the deletion of their account. This is the one place that erases a person, so it
 * names every table that may hold something of theirs:
 * - deleted with the account (foreign keys ON DELETE CASCADE): sessions, cart_items,
 *   idempotency_keys, password_reset_tokens, email_verification_tokens, user_identities;
 * - unlinked (ON DELETE SET NULL): orders.user_id, order_events.actor_id,
 *   stock_movements.actor_id, audit_log.actor_id — orders stay, with their lines, totals,
 *   history and payments, for the accounts;
 * - rewritten: free text that may quote the person (order_events.note, audit_log
 *   before/after of their orders and account, and any audit entry holding their email);
 * - deleted by key: auth_failures counts under their email;
 * - handed to the mail module (forgetMail, after the commit): the mail queue's rows
 *   addressed to them, sent or still waiting (those are then never sent), and the
 *   outbox's .eml files.
 */
export function createAccountData(deps: {
  db: Database;
  clock: Clock;
  events: EventPublisher;
  own: OwnAccount;
  /** Removes what the mail module keeps for an address: queued and sent mails, the outbox's .eml files. */
  forgetMail: (address: string) => Promise<void>;
}) {
  const { db, clock, events, own } = deps;

  async function orderIdsOf(q: Pick<Database, 'query'>, userId: string): Promise<string[]> {
    const { rows } = await q.query<{ id: string }>('SELECT id FROM orders WHERE user_id = $1 ORDER BY created_at DESC, number DESC', [userId]);
    return rows.map((r) => r.id);
  }

  async function scrubFreeText(tx: Transaction, userId: string, orderIds: string[], re: RegExp, email: string): Promise<void> {
    const notes = await tx.query<{ id: string; note: string }>(
      'SELECT id, note FROM order_events WHERE order_id = ANY($1::uuid[]) AND note IS NOT NULL FOR UPDATE',
      [orderIds],
    );
    for (const n of notes.rows) {
      const clean = n.note.replace(re, ERASED);
      if (clean !== n.note) await tx.query('UPDATE order_events SET note = $2 WHERE id = $1', [n.id, clean]);
    }
    const audits = await tx.query<{ id: string; before: unknown; after: unknown }>(
      `SELECT id, before, after FROM audit_log
        WHERE (entity_type = 'order' AND entity_id = ANY($1::text[])) OR (entity_type = 'user' AND entity_id = $2)
           OR strpos(lower(coalesce(before::text, '') || ' ' || coalesce(after::text, '')), lower($3)) > 0
        FOR UPDATE`,
      [orderIds, userId, email],
    );
    for (const a of audits.rows) {
      const before = scrubJson(a.before, re);
      const after = scrubJson(a.after, re);
      if (JSON.stringify(before) === JSON.stringify(a.before) && JSON.stringify(after) === JSON.stringify(a.after)) continue;
      await tx.query('UPDATE audit_log SET before = $2, after = $3 WHERE id = $1', [
        a.id,
        before === null || before === undefined ? null : JSON.stringify(before),
        after === null || after === undefined ? null : JSON.stringify(after),
      ]);
    }
  }

  return {
    /** Everything we hold about the person, as they would show it to someone. */
    async exportData(userId: string) {
      const summary = await own.summary(userId);
      const [sessions, orderIds, cart] = await Promise.all([
        db.query<{ created_at: Date; expires_at: Date; user_agent: string | null; ip: string | null }>(
          'SELECT created_at, expires_at, user_agent, ip FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at',
          [userId, clock.now()],
        ),
        orderIdsOf(db, userId),
        loadCart(db, userId),
      ]);
      const orders = await loadOrderViews(db, orderIds);
      const payments = [];
      for (const orderId of orderIds) payments.push(...(await listPaymentViews(db, { orderId, page: 1, pageSize: 100 })).items);
      return {
        format: 'panier-solidaire.personal-data.v1',
        exportedAt: clock.now().toISOString(),
        profile: { ...summary.user, createdAt: summary.createdAt, hasPassword: summary.hasPassword, identities: summary.identities },
        sessions: sessions.rows.map((s) => ({
          createdAt: s.created_at.toISOString(),
          expiresAt: s.expires_at.toISOString(),
          userAgent: s.user_agent,
          ip: s.ip,
        })),
        orders,
        cart,
        payments,
      };
    },

    /**
     * Deletes the account once its owner proved it is them. Orders are kept for the
     * accounts, with nothing left that names the person; the session ends.
     */
    async deleteAccount(me: SessionUser, proof: { password?: string; confirm?: string }, ip: string): Promise<void> {
      await own.confirmOwner(me, proof, ip);
      const erased = await db.transaction(async (tx) => {
        if (me.role === 'admin') {
          // Same lock order as the admin routes: the last active admin cannot leave.
          const admins = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
          if (admins.rows.length <= 1 && admins.rows.some((a) => a.id === me.id)) throw new AppError('last_admin');
        }
        const { rows } = await tx.query<{ name: string; email: string }>('SELECT name, email FROM users WHERE id = $1 FOR UPDATE', [me.id]);
        const person = rows[0];
        if (!person) throw new AppError('unauthenticated');
        const orderIds = await orderIdsOf(tx, me.id);
        await scrubFreeText(tx, me.id, orderIds, personPattern(person.name, person.email), person.email);
        const keys = resetThrottleKeys(person.email);
        await tx.query('DELETE FROM auth_failures WHERE key = $1 OR key = $2', [`verify-resend:${me.id}`, keys.account]);
        await clearAccountThrottle(tx, person.email);
        await tx.query('DELETE FROM users WHERE id = $1', [me.id]);
        tx.afterCommit(() => events.publish({ type: 'user.access_changed', userId: me.id }));
        return person;
      });
      await deps.forgetMail(erased.email);
    },
  };
}

export type AccountData = ReturnType<typeof createAccountData>;
