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
 * What erasing a person rewrites: only their own stored values — their email, and their
 * full name as one whole phrase — never single words of the name. A customer called
 * "Paid Canceled" or "Martin" must not rewrite a status value or the name of the staff
 * member "Sophie Martin" in a note (issue 15, finding 7).
 */
export interface PersonEraser {
  /** Free text (a note): the email anywhere, the full name as whole words. */
  inText(text: string): string;
  /** A stored value of a person field: erased only when it is the person's name or email, whole. */
  asValue(value: string): string;
}

export function personEraser(name: string, email: string): PersonEraser {
  const fullName = name.trim().replace(/\s+/g, ' ');
  const mail = email.trim();
  // A one-word name cannot be told from other people's words in free text: only a whole
  // stored value of it is erased.
  const phrases = [mail, ...(fullName.includes(' ') ? [fullName] : [])].filter(Boolean).sort((a, b) => b.length - a.length);
  const pattern = phrases.length
    ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${phrases.map((p) => reEscape(p).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_])`, 'giu')
    : undefined;
  const own = new Set([fullName.toLowerCase(), mail.toLowerCase()].filter(Boolean));
  return {
    inText: (text) => (own.has(text.trim().replace(/\s+/g, ' ').toLowerCase()) ? ERASED : pattern ? text.replace(pattern, ERASED) : text),
    asValue: (value) => (own.has(value.trim().replace(/\s+/g, ' ').toLowerCase()) ? ERASED : value),
  };
}

/** Audit fields that hold a person's name or email as a whole value. */
const PERSON_FIELDS = new Set(['name', 'email', 'customerName', 'customerEmail']);
/** Audit fields of free text written by staff. */
const FREE_TEXT_FIELDS = new Set(['note']);

/** Rewrites an audit before/after: person fields and free text only; every other value (statuses, roles…) stays. */
function scrubAudit(value: unknown, eraser: PersonEraser, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && FREE_TEXT_FIELDS.has(key)) return eraser.inText(value);
    if (key !== undefined && PERSON_FIELDS.has(key)) return eraser.asValue(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => scrubAudit(v, eraser, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubAudit(v, eraser, k)]));
  return value;
}

/**
 * The customer's own data, across modules: everything about them as one JSON download,
 * and the deletion of their account. This is the one place that erases a person, so it
 * names every table that may hold something of theirs:
 * - deleted with the account (foreign keys ON DELETE CASCADE): sessions, stock_alerts, cart_items,
 *   idempotency_keys, password_reset_tokens, email_verification_tokens, user_identities;
 * - unlinked (ON DELETE SET NULL): orders.user_id, order_events.actor_id,
 *   stock_movements.actor_id, audit_log.actor_id — orders stay, with their lines, totals,
 *   history and payments, for the accounts;
 * - rewritten: their own values where free text or a person field holds them
 *   (order_events.note, audit_log before/after of their orders and account, and any audit
 *   entry holding their email) — see personEraser: whole name and email only;
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

  async function scrubFreeText(tx: Transaction, userId: string, orderIds: string[], eraser: PersonEraser, email: string): Promise<void> {
    const notes = await tx.query<{ id: string; note: string }>(
      'SELECT id, note FROM order_events WHERE order_id = ANY($1::uuid[]) AND note IS NOT NULL FOR UPDATE',
      [orderIds],
    );
    for (const n of notes.rows) {
      const clean = eraser.inText(n.note);
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
      const before = scrubAudit(a.before, eraser);
      const after = scrubAudit(a.after, eraser);
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
      const [sessions, stockAlerts, orderIds, cart] = await Promise.all([
        db.query<{ created_at: Date; expires_at: Date; last_seen_at: Date | null; user_agent: string | null; ip: string | null }>(
          'SELECT created_at, expires_at, last_seen_at, user_agent, ip FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at',
          [userId, clock.now()],
        ),
        db.query<{ product_id: string; created_at: Date; notified_at: Date | null }>(
          'SELECT product_id, created_at, notified_at FROM stock_alerts WHERE user_id = $1 ORDER BY created_at',
          [userId],
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
          lastSeenAt: s.last_seen_at?.toISOString() ?? null,
          userAgent: s.user_agent,
          ip: s.ip,
        })),
        orders,
        cart,
        payments,
        stockAlerts: stockAlerts.rows.map((a) => ({
          productId: a.product_id,
          createdAt: a.created_at.toISOString(),
          notifiedAt: a.notified_at?.toISOString() ?? null,
        })),
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
        await scrubFreeText(tx, me.id, orderIds, personEraser(person.name, person.email), person.email);
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
