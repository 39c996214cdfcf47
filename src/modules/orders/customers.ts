import type { Queryable } from '../../db/index.ts';
import { isUuid } from '../../shared/ids.ts';
import { escapeLike, foldForSearch } from '../../shared/text.ts';
import { namesByIds, userIdsMatching } from '../auth/index.ts';
import { centresByIds } from '../centres/index.ts';
import type { PersonEraser } from '../../shared/person-eraser.ts';

/**
 * What other modules may know of a person's orders, asked through orders' public face
 * instead of reading the orders table (the admin's account pages, the account module).
 */

/** A customer's order ids, newest first. */
export async function orderIdsOfCustomer(db: Queryable, userId: string, limit?: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM orders WHERE user_id = $1 ORDER BY created_at DESC, number DESC${limit ? ' LIMIT $2' : ''}`,
    limit ? [userId, limit] : [userId],
  );
  return rows.map((r) => r.id);
}

/** How many orders each of these people placed (0 for none). */
export async function orderCountsByCustomer(db: Queryable, userIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return counts;
  const { rows } = await db.query<{ user_id: string; n: number }>(
    'SELECT user_id, count(*)::int AS n FROM orders WHERE user_id = ANY($1::uuid[]) GROUP BY user_id',
    [userIds],
  );
  for (const r of rows) counts.set(r.user_id, r.n);
  return counts;
}

/** The numbers of these orders (the payment list shows them), by id. */
export async function orderNumbersByIds(db: Queryable, orderIds: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(orderIds)];
  if (unique.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; number: string }>('SELECT id, number FROM orders WHERE id = ANY($1::uuid[])', [unique]);
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The owner of an order, or undefined when there is no such order. */
export async function orderOwner(db: Queryable, orderId: string): Promise<{ userId: string | null } | undefined> {
  if (!isUuid(orderId)) return undefined;
  const r = await db.query<{ user_id: string | null }>('SELECT user_id FROM orders WHERE id = $1', [orderId]);
  return r.rows[0] ? { userId: r.rows[0].user_id } : undefined;
}

/**
 * The one owner check: true when the order exists and is this person's. Callers answer
 * 404 otherwise — someone else's order is indistinguishable from no order.
 */
export async function isOrderOf(db: Queryable, orderId: string, userId: string): Promise<boolean> {
  const owner = await orderOwner(db, orderId);
  return owner !== undefined && owner.userId === userId;
}

/**
 * Erasing a customer (inside the account's deletion transaction): their orders stay for the
 * accounts (the database unlinks them when the account goes), and the history notes that
 * quote their name or email are rewritten. Returns their order ids, newest first.
 */
export async function eraseCustomerFromOrders(tx: Queryable, userId: string, eraser: PersonEraser): Promise<string[]> {
  const orderIds = await orderIdsOfCustomer(tx, userId);
  // Free text written about them: staff's internal notes and the messages for the customer.
  const notes = await tx.query<{ id: string; note: string | null; customer_message: string | null }>(
    'SELECT id, note, customer_message FROM order_events WHERE order_id = ANY($1::uuid[]) AND (note IS NOT NULL OR customer_message IS NOT NULL) FOR UPDATE',
    [orderIds],
  );
  for (const n of notes.rows) {
    const note = n.note === null ? null : eraser.inText(n.note);
    const message = n.customer_message === null ? null : eraser.inText(n.customer_message);
    if (note !== n.note || message !== n.customer_message) {
      await tx.query('UPDATE order_events SET note = $2, customer_message = $3 WHERE id = $1', [n.id, note, message]);
    }
  }
  return orderIds;
}

/**
 * The orders a payments list narrows to (issue 18): those at a centre and/or whose number,
 * or customer's name or email, matches `q` (accents and capitals ignored).
 */
export async function orderIdsMatching(db: Queryable, where: { centreId?: string; q?: string }): Promise<string[]> {
  const filter: string[] = [];
  const params: unknown[] = [];
  if (where.centreId) filter.push(`centre_id = $${params.push(where.centreId)}`);
  if (where.q) {
    const number = `$${params.push(`%${escapeLike(foldForSearch(where.q))}%`)}`;
    const people = `$${params.push(await userIdsMatching(db, where.q))}`;
    filter.push(`(lower(number) LIKE ${number} OR user_id = ANY(${people}::uuid[]))`);
  }
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM orders ${filter.length ? `WHERE ${filter.join(' AND ')}` : ''}`, params);
  return rows.map((r) => r.id);
}

/** Who and where of orders (the payments export): number, customer's name (null once erased), centre's name. */
export async function orderPartiesByIds(
  db: Queryable,
  orderIds: Iterable<string>,
): Promise<Map<string, { number: string; customerName: string | null; centreName: string }>> {
  const unique = [...new Set(orderIds)];
  if (unique.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; number: string; user_id: string | null; centre_id: string }>(
    'SELECT id, number, user_id, centre_id FROM orders WHERE id = ANY($1::uuid[])',
    [unique],
  );
  const people = await namesByIds(
    db,
    rows.flatMap((r) => (r.user_id ? [r.user_id] : [])),
  );
  const centres = await centresByIds(
    db,
    rows.map((r) => r.centre_id),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { number: r.number, customerName: (r.user_id && people.get(r.user_id)?.name) || null, centreName: centres.get(r.centre_id)?.name ?? '' },
    ]),
  );
}
