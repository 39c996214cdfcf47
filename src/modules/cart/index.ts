import { Router } from 'express';
import { cartItemBody as putBody, type Cart } from '../../contract/index.ts';
import type { Database, Queryable } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse } from '../../shared/validate.ts';
import { requireUser, userOf } from '../auth/index.ts';

/**
 * The cart lives on the server, per account: it survives signing out and follows the
 * person to another device. It holds no stock — stock is held when the order is placed.
 */
/** The cart as the API answers it (contract "Cart"). */
export type CartView = Cart;

export async function loadCart(db: Database, userId: string): Promise<CartView> {
  const { rows } = await db.query<{
    product_id: string;
    name: string;
    unit: string;
    image_path: string | null;
    price_cents: number;
    quantity: number;
    donate: boolean;
    stock: number;
    max_per_order: number | null;
  }>(
    `SELECT c.product_id, p.name, p.unit, p.image_path, p.price_cents, c.quantity, c.donate, p.stock, p.max_per_order
       FROM cart_items c JOIN products p ON p.id = c.product_id
      WHERE c.user_id = $1 AND p.on_sale ORDER BY c.added_at, p.name`,
    [userId],
  );
  const items = rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    unit: r.unit,
    imageUrl: r.image_path,
    priceCents: r.price_cents,
    quantity: r.quantity,
    donate: r.donate,
    lineTotalCents: r.price_cents * r.quantity,
    stock: r.stock,
    maxPerOrder: r.max_per_order,
  }));
  return {
    items,
    totalCents: items.reduce((s, i) => s + i.lineTotalCents, 0),
    donationTotalCents: items.filter((i) => i.donate).reduce((s, i) => s + i.lineTotalCents, 0),
  };
}

/** Empties a customer's cart, in the caller's transaction (an order was just placed from it). */
export async function emptyCart(tx: Queryable, userId: string): Promise<void> {
  await tx.query('DELETE FROM cart_items WHERE user_id = $1', [userId]);
}

/** Takes a product out of every cart, in the caller's transaction (it went off sale). */
export async function removeFromAllCarts(tx: Queryable, productId: string): Promise<void> {
  await tx.query('DELETE FROM cart_items WHERE product_id = $1', [productId]);
}

/**
 * `unitsPerProduct` is LIMIT_UNITS_PER_PRODUCT: a product without a cap of its own may not
 * have more in the cart than an order would accept.
 */
export function cartRoutes(db: Database, limits: { unitsPerProduct: number }): Router {
  const r = Router();
  r.use('/cart', requireUser);

  r.get('/cart', async (req, res) => {
    res.json(await loadCart(db, userOf(req).id));
  });

  r.put('/cart/items/:productId', async (req, res) => {
    const userId = userOf(req).id;
    const { productId } = req.params;
    const body = parse(putBody, req.body);
    if (!isUuid(productId)) throw notFound();
    if (body.quantity === 0) {
      await db.query('DELETE FROM cart_items WHERE user_id = $1 AND product_id = $2', [userId, productId]);
      res.json(await loadCart(db, userId));
      return;
    }
    const { rows } = await db.query<{ stock: number; max_per_order: number | null; name: string }>(
      'SELECT stock, max_per_order, name FROM products WHERE id = $1 AND on_sale',
      [productId],
    );
    const product = rows[0];
    if (!product) throw notFound();
    if (product.max_per_order !== null && body.quantity > product.max_per_order) {
      throw new AppError('validation_failed', {
        details: [{ field: 'quantity', message: `Au plus ${product.max_per_order} par commande pour « ${product.name} ».` }],
      });
    }
    if (body.quantity > product.stock) {
      throw new AppError('insufficient_stock', { details: [{ productId, available: product.stock }] });
    }
    if (product.max_per_order === null && body.quantity > limits.unitsPerProduct) {
      throw new AppError('limit_reached', {
        message: `Au plus ${limits.unitsPerProduct} par commande pour « ${product.name} ».`,
        details: { limit: 'LIMIT_UNITS_PER_PRODUCT', max: limits.unitsPerProduct },
      });
    }
    await db.query(
      `INSERT INTO cart_items (user_id, product_id, quantity, donate) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity,
         donate = CASE WHEN $5 THEN EXCLUDED.donate ELSE cart_items.donate END`,
      [userId, productId, body.quantity, body.donate ?? false, body.donate !== undefined],
    );
    res.json(await loadCart(db, userId));
  });

  r.delete('/cart', async (req, res) => {
    await db.query('DELETE FROM cart_items WHERE user_id = $1', [userOf(req).id]);
    res.status(204).end();
  });

  return r;
}
