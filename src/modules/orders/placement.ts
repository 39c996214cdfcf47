import type { Transaction } from '../../db/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { PlaceOrderInput } from '../../contract/index.ts';
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
  on_sale: boolean;
}

/**
 * What one account may hold without paying (issue 15: one free account held the whole
 * catalogue for 30 minutes). Each limit is a setting, named in its refusal.
 */
export interface OrderLimits {
  /** LIMIT_UNPAID_ORDERS: unpaid orders of one account at once. */
  unpaidOrders: number;
  /** LIMIT_HELD_UNITS: units held by one account across its unpaid orders, the new one included. */
  heldUnits: number;
  /** LIMIT_ORDER_LINES: lines of one order. */
  orderLines: number;
  /** LIMIT_UNITS_PER_PRODUCT: units of one product per order, when the product sets no max_per_order. */
  unitsPerProduct: number;
  /** LIMIT_ORDER_CENTS: an order's total. */
  orderCents: number;
}

const formatEuros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

export type LimitName = 'LIMIT_UNPAID_ORDERS' | 'LIMIT_HELD_UNITS' | 'LIMIT_ORDER_LINES' | 'LIMIT_UNITS_PER_PRODUCT' | 'LIMIT_ORDER_CENTS';

/** The refusal of the contract: 409 limit_reached naming the setting and its value. */
export function limitReached(limit: LimitName, max: number, message: string): AppError {
  return new AppError('limit_reached', { message, details: { limit, max } });
}

/**
 * Serialises the placements of one account: two simultaneous orders cannot both count the
 * same unpaid orders and together pass a limit. NO KEY UPDATE so that the foreign-key checks
 * of other writes naming the account (cart lines, sessions) do not queue behind it.
 */
export async function lockCustomer(tx: Transaction, userId: string): Promise<void> {
  const { rows } = await tx.query('SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
  if (!rows[0]) throw new AppError('unauthenticated');
}

/** An order's own size, checked before anything is read: its lines… */
export function checkLineCount(lines: OrderLine[], limits: OrderLimits): void {
  if (lines.length > limits.orderLines) {
    throw limitReached('LIMIT_ORDER_LINES', limits.orderLines, `Une commande compte au plus ${limits.orderLines} lignes.`);
  }
}

/** …and, once priced, its total (a total past 32 bits once overflowed the database column). */
export function checkTotal(totalCents: number, limits: OrderLimits): void {
  if (totalCents > limits.orderCents) {
    throw limitReached('LIMIT_ORDER_CENTS', limits.orderCents, `Une commande ne peut pas dépasser ${formatEuros(limits.orderCents)}.`);
  }
}

/**
 * The limits across the account's unpaid orders (they hold stock until paid or released).
 * Runs after lockCustomer, so no concurrent placement of the same account can slip between
 * this count and the new order's insert.
 */
export async function checkAccountHoldings(tx: Transaction, userId: string, newUnits: number, limits: OrderLimits): Promise<void> {
  const { rows } = await tx.query<{ orders: number; units: number }>(
    `SELECT count(DISTINCT o.id)::int AS orders, coalesce(sum(i.quantity), 0)::int AS units
       FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
      WHERE o.user_id = $1 AND o.status = 'pending_payment'`,
    [userId],
  );
  const held = rows[0] ?? { orders: 0, units: 0 };
  if (held.orders >= limits.unpaidOrders) {
    throw limitReached(
      'LIMIT_UNPAID_ORDERS',
      limits.unpaidOrders,
      held.orders > 1
        ? `Vous avez déjà ${held.orders} commandes en attente de paiement. Payez-en ou annulez-en une avant d’en passer une autre.`
        : 'Vous avez déjà une commande en attente de paiement. Payez-la ou annulez-la avant d’en passer une autre.',
    );
  }
  if (held.units + newUnits > limits.heldUnits) {
    throw limitReached(
      'LIMIT_HELD_UNITS',
      limits.heldUnits,
      `Vos commandes en attente de paiement réserveraient plus de ${limits.heldUnits} articles : payez ou annulez d’abord une commande en attente.`,
    );
  }
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
export function priceLines(lines: OrderLine[], products: ProductForSale[], unitsPerProduct: number) {
  // A product taken off sale is refused by name (409), never dropped from the order silently.
  const offSale = products.filter((p) => !p.on_sale && lines.some((l) => l.productId === p.id));
  if (offSale.length) {
    const names = offSale.map((p) => `« ${p.name} »`).join(', ');
    throw new AppError('product_off_sale', {
      message: `${names} n’${offSale.length > 1 ? 'sont' : 'est'} plus en vente : retirez-le de votre panier pour commander.`,
      details: offSale.map((p) => ({ productId: p.id, name: p.name })),
    });
  }
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
  // A product without a cap of its own gets the shop's default cap (anti-hoarding).
  for (const [productId, units] of perProduct) {
    if (byId.get(productId)!.max_per_order === null && units > unitsPerProduct) {
      throw limitReached('LIMIT_UNITS_PER_PRODUCT', unitsPerProduct, `Au plus ${unitsPerProduct} par commande pour « ${byId.get(productId)!.name} ».`);
    }
  }

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
    pickupSlot: { start: Date; end: Date } | null;
    /** sha256 of the pickup code, for an order with lines for the customer (null: gift-only). */
    pickupCodeHash: string | null;
  },
): Promise<{ number: string; version: number }> {
  const { rows } = await tx.query<{ number: string; version: number }>(
    `WITH new_order AS (
       INSERT INTO orders (id, number, user_id, centre_id, status, donation_only, total_cents, donation_total_cents, hold_expires_at, created_at, updated_at,
                           pickup_slot_start, pickup_slot_end, pickup_code_hash)
       VALUES ($1, 'PS-' || lpad(nextval('order_number_seq')::text, 6, '0'), $2, $3, 'pending_payment', $4, $5, $6, $7, $8, $8, $17, $18, $19)
       RETURNING number, version),
     lines AS (
       INSERT INTO order_items (order_id, position, product_id, name, unit, unit_price_cents, quantity, donate, line_total_cents)
       SELECT $1, * FROM unnest($9::int[], $10::uuid[], $11::text[], $12::text[], $13::int[], $14::int[], $15::bool[], $16::bigint[])),
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
      o.pickupSlot?.start ?? null,
      o.pickupSlot?.end ?? null,
      o.pickupCodeHash,
    ],
  );
  return rows[0]!;
}
