import type { PersonalData } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { personEraser } from '../../shared/person-eraser.ts';
import { eraseAuditFor } from '../audit/index.ts';
import type { OwnAccount, SessionUser } from '../auth/index.ts';
import { stockAlertsExportFor } from '../stock-alerts/index.ts';
import { loadCart } from '../cart/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { givingExportFor } from '../giving/index.ts';
import { paymentsExportFor } from '../payments/index.ts';
import { receiptsExportFor } from '../receipts/index.ts';

/**
 * The customer's own data, across modules: everything about them as one JSON download,
 * and the deletion of their account. Each module reads and erases its own tables through
 * its public face (auth: own.exportFor / lockForErasure / eraseFor; orders: exportFor /
 * eraseFor; payments: paymentsExportFor; giving: givingExportFor; receipts: receiptsExportFor; audit: eraseAuditFor; cart: loadCart); this is the
 * one place that orchestrates them, in one transaction, so it names every table that may
 * hold something of theirs:
 * - deleted with the account (foreign keys ON DELETE CASCADE): sessions, stock_alerts, cart_items,
 *   idempotency_keys, password_reset_tokens, email_verification_tokens, user_identities;
 * - unlinked (ON DELETE SET NULL): orders.user_id, receipts.user_id (a tax receipt stays for the accounts), order_events.actor_id,
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
  orders: Pick<OrdersService, 'exportFor' | 'eraseFor'>;
  /** Removes what the mail module keeps for an address: queued and sent mails, the outbox's .eml files. */
  forgetMail: (address: string) => Promise<void>;
}) {
  const { db, clock, events, own, orders } = deps;

  return {
    /** Everything we hold about the person, as they would show it to someone. */
    async exportData(userId: string): Promise<PersonalData> {
      const [account, orderViews, cart] = await Promise.all([own.exportFor(userId), orders.exportFor(userId), loadCart(db, userId)]);
      const payments = await paymentsExportFor(
        db,
        orderViews.map((o) => o.id),
      );
      const giving = await givingExportFor(db, userId);
      return {
        format: 'panier-solidaire.personal-data.v1' as const,
        exportedAt: clock.now().toISOString(),
        profile: account.profile,
        sessions: account.sessions,
        orders: orderViews,
        cart,
        payments,
        giving,
        receipts: await receiptsExportFor(db, userId),
        stockAlerts: await stockAlertsExportFor(db, userId),
      };
    },

    /**
     * Deletes the account once its owner proved it is them. Orders are kept for the
     * accounts, with nothing left that names the person; the session ends.
     */
    async deleteAccount(me: SessionUser, proof: { password?: string; confirm?: string }, ip: string): Promise<void> {
      await own.confirmOwner(me, proof, ip);
      const erased = await db.transaction(async (tx) => {
        const person = await own.lockForErasure(tx, me);
        const eraser = personEraser(person.name, person.email);
        const orderIds = await orders.eraseFor(tx, me.id, eraser);
        await eraseAuditFor(tx, { userId: me.id, email: person.email, orderIds, eraser });
        await own.eraseFor(tx, me.id, person.email);
        tx.afterCommit(() => events.publish({ type: 'user.access_changed', userId: me.id }));
        return person;
      });
      await deps.forgetMail(erased.email);
    },
  };
}

export type AccountData = ReturnType<typeof createAccountData>;
