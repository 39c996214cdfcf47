import type { Transaction } from '../../db/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { PlaceOrderInput } from './schema.ts';
import type { OrderView } from './views.ts';

/** The pieces of placing an order that are not about transactions or events. */

export interface OrderLine {
  productId: string;
  quantity: number;
  donate: boolean;
}

export interface ProductForSale {
  id: string;
  name: string;
  unit: string;
  price_cents: number;
  max_per_order: number | null;
}

/** One line per product and kind (kept / offered): "2 for me + 1 offered" stays two lines. */
export function mergeLines(input: PlaceOrderInput): OrderLine[] {
  const merged = new Map<string, OrderLine>();
  for (const item of input.items) {
    const donate = input.donationOnly || item.donate;
    const key = `${item.productId}:${donate}`;
    merged.set(key, { productId: item.productId, donate, quantity: (merged.get(key)?.quantity ?? 0) + item.quantity });
  }
  return [...merged.values()];
}

/**
 * Prices the lines at today's prices (copied into the order, so later price changes never
 * touch it) and checks each product is on sale and within its per-order limit; a 400
 * names every line at fault.
 */
export function priceLines(lines: OrderLine[], products: ProductForSale[]) {
  const byId = new Map(products.map((p) => [p.id, p]));
  const perProduct = new Map<string, number>();
  for (const l of lines) perProduct.set(l.productId, (perProduct.get(l.productId) ?? 0) + l.quantity);
  const problems = lines.flatMap((l, i) => {
    const p = byId.get(l.productId);
    if (!p) return [{ field: `items.${i}.productId`, message: 'Ce produit n’est pas en vente.' }];
    if (p.max_per_order !== null && perProduct.get(l.productId)! > p.max_per_order) {
      return [{ field: `items.${i}.quantity`, message: `Au plus ${p.max_per_order} par commande pour « ${p.name} ».` }];
    }
    return [];
  });
  if (problems.length) throw new AppError('validation_failed', { details: problems });

  const items: OrderView['items'] = lines.map((l) => {
    const p = byId.get(l.productId)!;
    return {
      productId: l.productId,
      name: p.name,
      unit: p.unit,
      unitPriceCents: p.price_cents,
      quantity: l.quantity,
      donate: l.donate,
      lineTotalCents: p.price_cents * l.quantity,
    };
  });
  return {
    items,
    /** Units per product, kept and offered together: what the stock must hold. */
    perProduct,
    totalCents: items.reduce((s, l) => s + l.lineTotalCents, 0),
    donationTotalCents: items.filter((l) => l.donate).reduce((s, l) => s + l.lineTotalCents, 0),
  };
}

/**
 * Writes the order, its lines and the first event of its history in one statement (one
 * round trip; the lines' foreign key is checked at the end of the statement). The number
 * is drawn from the sequence inside the INSERT.
 */
export async function writeOrderRows(
  tx: Transaction,
  o: {
    id: string;
    userId: string;
    centreId: string;
    donationOnly: boolean;
    items: OrderView['items'];
    totalCents: number;
    donationTotalCents: number;
    holdExpiresAt: Date;
    createdAt: Date;
  },
): Promise<{ number: string; version: number }> {
  const { rows } = await tx.query<{ number: string; version: number }>(
    `WITH new_order AS (
       INSERT INTO orders (id, number, user_id, centre_id, status, donation_only, total_cents, donation_total_cents, hold_expires_at, created_at, updated_at)
       VALUES ($1, 'PS-' || lpad(nextval('order_number_seq')::text, 6, '0'), $2, $3, 'pending_payment', $4, $5, $6, $7, $8, $8)
       RETURNING number, version),
     lines AS (
       INSERT INTO order_items (order_id, position, product_id, name, unit, unit_price_cents, quantity, donate, line_total_cents)
       SELECT $1, * FROM unnest($9::int[], $10::uuid[], $11::text[], $12::text[], $13::int[], $14::int[], $15::bool[], $16::int[])),
     first_event AS (
       INSERT INTO order_events (order_id, status, actor_id, actor_role, note, at) VALUES ($1, 'pending_payment', $2, 'customer', NULL, $8))
     SELECT number, version FROM new_order`,
    [
      o.id,
      o.userId,
      o.centreId,
      o.donationOnly,
      o.totalCents,
      o.donationTotalCents,
      o.holdExpiresAt,
      o.createdAt,
      o.items.map((_, i) => i),
      o.items.map((l) => l.productId),
      o.items.map((l) => l.name),
      o.items.map((l) => l.unit),
      o.items.map((l) => l.unitPriceCents),
      o.items.map((l) => l.quantity),
      o.items.map((l) => l.donate),
      o.items.map((l) => l.lineTotalCents),
    ],
  );
  return rows[0]!;
}
