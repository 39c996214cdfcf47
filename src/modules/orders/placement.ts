import type { Queryable } from '../../db/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { CentreSummary, PlaceOrderInput } from '../../contract/index.ts';
import type { OrderView } from './views.ts';

/**
 * Placing an order (issue 21): the rules — the order's size, the account lock, idempotency,
 * the centre, the products and their caps, the limits, the pickup slot's capacity, the writes
 * and the stock holds — live in one PL/pgSQL function, `place_order` (migration 022), run as
 * one statement: one round trip, its own transaction. This file shapes its input and words its
 * refusals (French, as the contract's errors are).
 */

export interface OrderLine {
  productId: string;
  quantity: number;
  donate: boolean;
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

/** Every 409 limit_reached of a placement, worded from the setting and its value. */
function limitMessage(limit: LimitName, max: number, d: { held?: number; name?: string }): string {
  switch (limit) {
    case 'LIMIT_ORDER_LINES':
      return `Une commande compte au plus ${max} lignes.`;
    case 'LIMIT_ORDER_CENTS':
      return `Une commande ne peut pas dépasser ${formatEuros(max)}.`;
    case 'LIMIT_UNITS_PER_PRODUCT':
      return `Au plus ${max} par commande pour « ${d.name} ».`;
    case 'LIMIT_UNPAID_ORDERS':
      return (d.held ?? 0) > 1
        ? `Vous avez déjà ${d.held} commandes en attente de paiement. Payez-en ou annulez-en une avant d’en passer une autre.`
        : 'Vous avez déjà une commande en attente de paiement. Payez-la ou annulez-la avant d’en passer une autre.';
    case 'LIMIT_HELD_UNITS':
      return `Vos commandes en attente de paiement réserveraient plus de ${max} articles : payez ou annulez d’abord une commande en attente.`;
  }
}

export const slotNotOffered = (): AppError =>
  new AppError('validation_failed', { details: [{ field: 'pickupSlotStart', message: 'Ce créneau n’est pas proposé par ce centre.' }] });

/** The SQLSTATE of the refusals raised by the placement functions (ps_refuse). */
const REFUSAL = 'PS001';

/**
 * The contract's error for a refusal raised by place_order or ps_claim_slot; undefined for any
 * other error (a bug or the database away: it goes on as it is).
 */
export function refusalOf(err: unknown): AppError | undefined {
  const e = err as { code?: unknown; message?: unknown; detail?: unknown };
  if (!e || e.code !== REFUSAL || typeof e.message !== 'string') return undefined;
  const details = typeof e.detail === 'string' ? (JSON.parse(e.detail) as unknown) : null;
  switch (e.message) {
    case 'limit_reached': {
      const d = details as { limit: LimitName; max: number; held?: number; name?: string };
      return limitReached(d.limit, d.max, limitMessage(d.limit, d.max, d));
    }
    case 'unknown_centre':
      return new AppError('validation_failed', { details: [{ field: 'centreId', message: 'Ce centre n’existe pas ou n’accueille plus de commandes.' }] });
    case 'product_off_sale': {
      const offSale = details as Array<{ productId: string; name: string }>;
      const names = offSale.map((p) => `« ${p.name} »`).join(', ');
      return new AppError('product_off_sale', {
        message: `${names} n’${offSale.length > 1 ? 'sont' : 'est'} plus en vente : retirez-le de votre panier pour commander.`,
        details: offSale,
      });
    }
    case 'invalid_lines': {
      const lines = details as Array<{ index: number; problem: 'unknown' | 'max_per_order'; max?: number; name?: string }>;
      return new AppError('validation_failed', {
        details: lines.map((l) =>
          l.problem === 'unknown'
            ? { field: `items.${l.index}.productId`, message: 'Ce produit n’est pas en vente.' }
            : { field: `items.${l.index}.quantity`, message: `Au plus ${l.max} par commande pour « ${l.name} ».` },
        ),
      });
    }
    case 'slot_required':
      return new AppError('validation_failed', { details: [{ field: 'pickupSlotStart', message: 'Choisissez un créneau de retrait.' }] });
    case 'slot_not_offered':
      return slotNotOffered();
    case 'slot_full':
    case 'insufficient_stock':
      return new AppError(e.message, { details });
    case 'unauthenticated':
    case 'idempotency_conflict':
      return new AppError(e.message);
    default:
      return undefined;
  }
}

/**
 * The slot a buyer asks for, as the centre's hours offer it now (orders/pickup.ts, from
 * centres/slots.ts): with the starts after it, which ps_claim_slot offers when it is full.
 */
export interface SlotChoice {
  offered: boolean;
  slotMinutes: number;
  /** Orders per slot (place_order re-reads it with the centre). */
  capacity: number;
  start?: string;
  end?: string;
  /** The offered starts after the one asked for (ISO), in time order. */
  later: string[];
}

/** What place_order needs, besides the customer's lines (merged). */
export interface PlacementInput {
  orderId: string;
  userId: string;
  centreId: string;
  lines: OrderLine[];
  donationOnly: boolean;
  now: Date;
  holdExpiresAt: Date;
  idempotencyKey?: string;
  requestHash: string;
  /** sha256 of the pickup code (null: no line for the customer, nothing to collect). */
  pickupCodeHash: string | null;
  /** The pending payment; its checkout link already when the provider makes it without the network. */
  payment: { id: string; provider: string; url: string | null; providerRef: string | null };
  limits: OrderLimits;
  /** The slot asked for, as the centre's hours offer it (undefined: none asked, or the centre takes none). */
  slot?: SlotChoice;
}

/** What place_order wrote: the answer and the staff event are made from it, without reading it back. */
export interface PlacementResult {
  number: string;
  version: number;
  items: OrderView['items'];
  totalCents: number;
  donationTotalCents: number;
  centre: CentreSummary;
  /** The slot taken (timestamps as PostgreSQL writes them in JSON). */
  pickupSlot: { start: string; end: string } | null;
  /** The stock of each product held, after the hold (for `stock:changed`). */
  stocks: Array<{ productId: string; stock: number }>;
}

/** Places the order in one statement, or answers the replay of an earlier request with the same key. */
export async function placeOrderStatement(db: Queryable, input: PlacementInput): Promise<PlacementResult | { replayOf: string }> {
  try {
    const { rows } = await db.query<{ r: PlacementResult | { replayOf: string } }>('SELECT place_order($1::jsonb) AS r', [
      JSON.stringify({ ...input, now: input.now.toISOString(), holdExpiresAt: input.holdExpiresAt.toISOString() }),
    ]);
    return rows[0]!.r;
  } catch (err) {
    throw refusalOf(err) ?? err;
  }
}
