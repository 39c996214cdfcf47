import { Router } from 'express';
import {
  createNeedBody,
  needsQuery,
  updateNeedBody,
  type CreateNeedBody,
  type Need,
  type NeedGift,
  type OrderNeed,
  type UpdateNeedBody,
} from '../../contract/index.ts';
import type { Database, Queryable, Transaction } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { requireStaff, userOf } from '../auth/index.ts';
import { findOnSaleProduct, productsByIds } from '../catalog/index.ts';
import { findActiveCentre } from '../centres/index.ts';
import type { OrderViews, StaffOrderView, StatusChange } from '../orders/index.ts';

/**
 * What the centres need (issue 20): a product, a target quantity, an optional last day and a
 * short why. Paid gifts of that product to that centre fill it (in the payment's own
 * transaction, through orders' status listener); a cancellation takes back what its order
 * gave. A met need stops asking but never refuses more gifts. Owns `needs` and `need_gifts`.
 */

interface NeedRow {
  id: string;
  centre_id: string;
  product_id: string;
  target_quantity: number;
  given_quantity: number;
  until: string | null;
  note: string;
}

const COLUMNS = `id, centre_id, product_id, target_quantity, given_quantity, to_char(until, 'YYYY-MM-DD') AS until, note`;

async function toNeeds(db: Queryable, rows: NeedRow[]): Promise<Need[]> {
  const products = await productsByIds(
    db,
    rows.map((r) => r.product_id),
  );
  return rows.flatMap((r) => {
    const product = products.get(r.product_id);
    if (!product) return [];
    return [
      {
        id: r.id,
        centreId: r.centre_id,
        product,
        targetQuantity: r.target_quantity,
        givenQuantity: r.given_quantity,
        until: r.until,
        note: r.note,
        met: r.given_quantity >= r.target_quantity,
      },
    ];
  });
}

/** The needs of one centre, or of every centre: still asking first, the nearest end date first, then the emptiest. */
export async function listNeeds(db: Queryable, centreId?: string): Promise<Need[]> {
  const params: unknown[] = [];
  const where = centreId ? `WHERE centre_id = $${params.push(centreId)}` : '';
  const { rows } = await db.query<NeedRow>(
    `SELECT ${COLUMNS} FROM needs ${where}
      ORDER BY (given_quantity >= target_quantity), until ASC NULLS LAST, given_quantity::float8 / target_quantity, created_at, id`,
    params,
  );
  return toNeeds(db, rows);
}

/** Which needs an order's gifts went to, and how many of them (traceability: the proof, the staff console). */
export async function needsOfOrder(db: Queryable, orderId: string): Promise<OrderNeed[]> {
  const { rows } = await db.query<NeedRow & { quantity: number }>(
    `SELECT g.quantity, n.id, n.centre_id, n.product_id, n.target_quantity, n.given_quantity, to_char(n.until, 'YYYY-MM-DD') AS until, n.note
       FROM need_gifts g JOIN needs n ON n.id = g.need_id
      WHERE g.order_id = $1
      ORDER BY n.until ASC NULLS LAST, n.created_at, n.id`,
    [orderId],
  );
  const products = await productsByIds(
    db,
    rows.map((r) => r.product_id),
  );
  return rows.map((r) => ({
    needId: r.id,
    centreId: r.centre_id,
    productId: r.product_id,
    productName: products.get(r.product_id)?.name ?? '',
    quantity: r.quantity,
    targetQuantity: r.target_quantity,
    givenQuantity: r.given_quantity,
    until: r.until,
    note: r.note,
  }));
}

async function needOrNotFound(db: Queryable, id: string): Promise<void> {
  if (!isUuid(id) || (await db.query('SELECT 1 FROM needs WHERE id = $1', [id])).rowCount === 0) throw notFound();
}

async function lockNeed(tx: Queryable, id: string): Promise<NeedRow> {
  if (!isUuid(id)) throw notFound();
  const { rows } = await tx.query<NeedRow>(`SELECT ${COLUMNS} FROM needs WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound();
  return rows[0];
}

const changeOf = (r: NeedRow) => ({ needId: r.id, centreId: r.centre_id, givenQuantity: r.given_quantity, met: r.given_quantity >= r.target_quantity });

export function createNeeds(deps: { db: Database; events: EventPublisher; views: OrderViews }) {
  const { db, events } = deps;
  const published = (tx: Transaction, r: NeedRow) => tx.afterCommit(() => events.publish({ type: 'need.changed', ...changeOf(r) }));

  async function create(actor: AuditActor, centreId: string, body: CreateNeedBody): Promise<Need> {
    if (!isUuid(centreId) || !(await findActiveCentre(db, centreId))) throw notFound();
    if (!(await findOnSaleProduct(db, body.productId))) {
      throw new AppError('validation_failed', { details: [{ field: 'productId', message: 'Ce produit n’est pas en vente.' }] });
    }
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<NeedRow>(
        `INSERT INTO needs (centre_id, product_id, target_quantity, until, note) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [centreId, body.productId, body.targetQuantity, body.until ?? null, body.note ?? ''],
      );
      const row = rows[0]!;
      await recordAudit(tx, { actor, action: 'need.create', entityType: 'need', entityId: row.id, after: row });
      published(tx, row);
      return (await toNeeds(tx, [row]))[0]!;
    });
  }

  async function update(actor: AuditActor, id: string, body: UpdateNeedBody): Promise<Need> {
    return db.transaction(async (tx) => {
      const before = await lockNeed(tx, id);
      const { rows } = await tx.query<NeedRow>(
        `UPDATE needs SET target_quantity = $2, until = $3, note = $4, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, body.targetQuantity ?? before.target_quantity, body.until === undefined ? before.until : body.until, body.note ?? before.note],
      );
      const row = rows[0]!;
      await recordAudit(tx, { actor, action: 'need.update', entityType: 'need', entityId: id, before, after: row });
      published(tx, row);
      return (await toNeeds(tx, [row]))[0]!;
    });
  }

  async function remove(actor: AuditActor, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const before = await lockNeed(tx, id);
      await tx.query('DELETE FROM needs WHERE id = $1', [id]);
      await recordAudit(tx, { actor, action: 'need.delete', entityType: 'need', entityId: id, before });
    });
  }

  /**
   * Orders' status listener: a paid order's gifts fill the need of their centre and product
   * (the one still asking with the nearest end date, else the latest); a paid order canceled
   * takes back what it gave. Runs in the payment's (or cancellation's) own transaction.
   */
  async function onStatusChange(tx: Transaction, change: StatusChange): Promise<void> {
    if (change.to === 'paid' && change.from === 'pending_payment') {
      const gifts = new Map<string, number>();
      for (const i of change.order.items) if (i.donate) gifts.set(i.productId, (gifts.get(i.productId) ?? 0) + i.quantity);
      for (const [productId, quantity] of gifts) {
        const { rows } = await tx.query<{ id: string }>(
          `SELECT id FROM needs WHERE centre_id = $1 AND product_id = $2
            ORDER BY (given_quantity >= target_quantity), until ASC NULLS LAST, created_at DESC, id LIMIT 1 FOR UPDATE`,
          [change.order.centre.id, productId],
        );
        if (!rows[0]) continue;
        const updated = await tx.query<NeedRow>(
          `UPDATE needs SET given_quantity = given_quantity + $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
          [rows[0].id, quantity],
        );
        await tx.query('INSERT INTO need_gifts (need_id, order_id, quantity) VALUES ($1, $2, $3)', [rows[0].id, change.orderId, quantity]);
        published(tx, updated.rows[0]!);
      }
    } else if (change.to === 'canceled' && change.from !== 'pending_payment') {
      const { rows } = await tx.query<{ need_id: string; quantity: number }>('DELETE FROM need_gifts WHERE order_id = $1 RETURNING need_id, quantity', [
        change.orderId,
      ]);
      for (const g of rows) {
        const updated = await tx.query<NeedRow>(
          `UPDATE needs SET given_quantity = greatest(given_quantity - $2, 0), updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
          [g.need_id, g.quantity],
        );
        if (updated.rows[0]) published(tx, updated.rows[0]);
      }
    }
  }

  /** The paid orders whose gifts counted toward a need (staff), oldest payment first. */
  async function giftsOf(id: string): Promise<NeedGift[]> {
    await needOrNotFound(db, id);
    const { rows } = await db.query<{ order_id: string; quantity: number }>('SELECT order_id, quantity FROM need_gifts WHERE need_id = $1', [id]);
    const quantities = new Map(rows.map((r) => [r.order_id, r.quantity]));
    const orders = await deps.views.load(db, [...quantities.keys()], { withCustomer: true });
    const firstAt = (o: StaffOrderView, status: string) => o.history.find((e) => e.status === status)?.at ?? null;
    return orders
      .map((o) => ({
        orderId: o.id,
        number: o.number,
        status: o.status,
        customerName: o.customer.name,
        quantity: quantities.get(o.id) ?? 0,
        paidAt: firstAt(o, 'paid'),
        deliveredAt: firstAt(o, 'delivered'),
        collectedAt: firstAt(o, 'collected'),
      }))
      .sort((a, b) => (a.paidAt ?? '').localeCompare(b.paidAt ?? '') || a.number.localeCompare(b.number));
  }

  const publicRoutes = Router();
  publicRoutes.get('/needs', async (req, res) => {
    const query = parseQuery(needsQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await listNeeds(db, query.centreId));
  });

  const staffRoutes = Router();
  staffRoutes.post('/staff/centres/:id/needs', requireStaff, async (req, res) => {
    res.status(201).json(await create(userOf(req), String(req.params.id), parse(createNeedBody, req.body)));
  });
  staffRoutes.patch('/staff/needs/:id', requireStaff, async (req, res) => {
    res.json(await update(userOf(req), String(req.params.id), parse(updateNeedBody, req.body)));
  });
  staffRoutes.get('/staff/needs/:id/gifts', requireStaff, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await giftsOf(String(req.params.id)));
  });
  staffRoutes.get('/staff/orders/:id/needs', requireStaff, async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    res.setHeader('Cache-Control', 'no-store');
    res.json(await needsOfOrder(db, id));
  });
  staffRoutes.delete('/staff/needs/:id', requireStaff, async (req, res) => {
    await remove(userOf(req), String(req.params.id));
    res.status(204).end();
  });

  return { create, update, remove, onStatusChange, giftsOf, routers: [publicRoutes, staffRoutes] };
}

export type Needs = ReturnType<typeof createNeeds>;
