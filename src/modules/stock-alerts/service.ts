import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Queryable, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import type { Logger } from '../../shared/logger.ts';
import type { StockAlert } from '../../contract/index.ts';
import { backInStockMail, type MailMessage, type Recipient } from '../mail/index.ts';

export interface StockAlertsDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: () => string;
  /** Who to write to, in which language (undefined: the account is gone or disabled). */
  recipient(q: Queryable, userId: string): Promise<Recipient | undefined>;
  /** Queues a mail in the transaction (the durable mail queue). */
  queue(message: MailMessage, tx: Transaction): Promise<void>;
}

const KEY_NAME = 'stock_alert_key';

/** A person's requests, mailed or not, for their data export. */
export async function stockAlertsExportFor(db: Queryable, userId: string) {
  const { rows } = await db.query<{ product_id: string; created_at: Date; notified_at: Date | null }>(
    'SELECT product_id, created_at, notified_at FROM stock_alerts WHERE user_id = $1 ORDER BY created_at',
    [userId],
  );
  return rows.map((a) => ({ productId: a.product_id, createdAt: a.created_at.toISOString(), notifiedAt: a.notified_at?.toISOString() ?? null }));
}

/**
 * "Prévenez-moi" (issue 17, 12c): a signed-in customer asks, on an out-of-stock product, for
 * one mail when it is back. When a committed stock change leaves the product above zero
 * (an admin adjustment, a cancellation or an expired hold returning units), the waiting
 * requests are claimed in one statement (notified_at set) and their mails written to the
 * mail queue in the same transaction: each request gives at most one mail, whichever node
 * sees the change. The mail's link to stop alerts is signed (HMAC of the account's id under a
 * key kept in app_secrets), so it works in one click without signing in.
 *
 * Reads `products` (stock, name, on sale) and `users` through the recipient callback: see
 * ARCHITECTURE.md's known exceptions.
 */
export function createStockAlerts(deps: StockAlertsDeps) {
  const { db, clock, logger } = deps;
  let key: Promise<Buffer> | undefined;
  const signingKey = () =>
    (key ??= (async () => {
      await db.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [KEY_NAME, randomBytes(32).toString('base64')]);
      const { rows } = await db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [KEY_NAME]);
      return Buffer.from(rows[0]!.value, 'base64');
    })().catch((err: unknown) => {
      key = undefined;
      throw err;
    }));
  const mac = async (userId: string) =>
    createHmac('sha256', await signingKey())
      .update('stock-alerts:stop:v1:')
      .update(userId)
      .digest()
      .subarray(0, 24);

  async function unsubscribeToken(userId: string): Promise<string> {
    return `${userId}.${(await mac(userId)).toString('base64url')}`;
  }

  async function verify(token: string): Promise<string | undefined> {
    const [userId, sig, ...rest] = token.split('.');
    if (rest.length || !isUuid(userId) || !sig || !/^[A-Za-z0-9_-]{32}$/.test(sig)) return undefined;
    const given = Buffer.from(sig, 'base64url');
    const expected = await mac(userId);
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId.toLowerCase() : undefined;
  }

  const toAlert = (r: { product_id: string; created_at: Date }): StockAlert => ({ productId: r.product_id, createdAt: r.created_at.toISOString() });

  /** Claims the waiting requests of a product now in stock and queues their mails, in one transaction. */
  async function notify(productId: string): Promise<number> {
    const waiting = await db.query('SELECT 1 FROM stock_alerts WHERE product_id = $1 AND notified_at IS NULL LIMIT 1', [productId]);
    if (!waiting.rows.length) return 0;
    // Read before the transaction: the key's own statements go through the pool (one connection on PGlite).
    await signingKey();
    return db.transaction(async (tx) => {
      const { rows: products } = await tx.query<{ name: string }>('SELECT name FROM products WHERE id = $1 AND on_sale AND stock > 0', [productId]);
      const product = products[0];
      if (!product) return 0;
      const claimed = await tx.query<{ user_id: string }>(
        'UPDATE stock_alerts SET notified_at = $2 WHERE product_id = $1 AND notified_at IS NULL RETURNING user_id',
        [productId, clock.now()],
      );
      const productUrl = `${deps.publicUrl()}/products/${productId}`;
      let queued = 0;
      for (const { user_id } of claimed.rows) {
        const to = await deps.recipient(tx, user_id);
        if (!to) continue;
        const stop = `${deps.publicUrl()}/stock-alerts/stop?token=${encodeURIComponent(await unsubscribeToken(user_id))}`;
        await deps.queue(backInStockMail(to, product.name, productUrl, stop), tx);
        queued++;
      }
      return queued;
    });
  }

  return {
    async list(userId: string): Promise<StockAlert[]> {
      const { rows } = await db.query<{ product_id: string; created_at: Date }>(
        'SELECT product_id, created_at FROM stock_alerts WHERE user_id = $1 AND notified_at IS NULL ORDER BY created_at',
        [userId],
      );
      return rows.map(toAlert);
    },

    /**
     * Asks for the mail. Only while the product is out of stock (409 product_in_stock
     * otherwise): the product's row is share-locked, so a restock committing at the same
     * moment either comes first (and this is refused) or waits for this request (and mails it).
     * Asking again after a mail re-arms the request.
     */
    async subscribe(userId: string, productId: string): Promise<StockAlert> {
      if (!isUuid(productId)) throw notFound();
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1 AND on_sale FOR SHARE', [productId]);
        if (!rows[0]) throw notFound();
        if (rows[0].stock > 0) throw new AppError('product_in_stock');
        const { rows: saved } = await tx.query<{ product_id: string; created_at: Date }>(
          `INSERT INTO stock_alerts (user_id, product_id, created_at) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, product_id) DO UPDATE SET notified_at = NULL,
             created_at = CASE WHEN stock_alerts.notified_at IS NULL THEN stock_alerts.created_at ELSE EXCLUDED.created_at END
           RETURNING product_id, created_at`,
          [userId, productId, clock.now()],
        );
        return toAlert(saved[0]!);
      });
    },

    async unsubscribe(userId: string, productId: string): Promise<void> {
      if (!isUuid(productId)) throw notFound();
      await db.query('DELETE FROM stock_alerts WHERE user_id = $1 AND product_id = $2', [userId, productId]);
    },

    /** The mail's one-click link: every pending request of the token's account ends. 400 invalid_token for a forged one. */
    async stopAll(token: string): Promise<number> {
      const userId = await verify(token);
      if (!userId) throw new AppError('invalid_token');
      return (await db.query('DELETE FROM stock_alerts WHERE user_id = $1 AND notified_at IS NULL', [userId])).rowCount;
    },

    /** Listener of committed stock changes: a product above zero mails its waiting requests. */
    onStockChanged(change: { productId: string; stock: number }): Promise<number> {
      if (change.stock <= 0) return Promise.resolve(0);
      return notify(change.productId).catch((err: unknown) => {
        logger.error({ err, productId: change.productId }, 'back-in-stock mails not queued');
        return 0;
      });
    },
  };
}

export type StockAlerts = ReturnType<typeof createStockAlerts>;
