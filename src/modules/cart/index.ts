/**
 * The cart: per account, or per browser for a guest (a cookie), kept on the server. It holds
 * no stock — stock is held when the order is placed. Every change is capped by the product's
 * rules and says what it cut (`adjusted`); lines of products taken off sale stay, marked
 * `available: false`, until removed.
 */
import type { Cart } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import { readCart } from './store.ts';

export { createCarts, GUEST_CART_COOKIE, type Carts, type CartSettings } from './routes.ts';
export { addToCart, type CartLimits, type WantedLine } from './service.ts';

/** The cart as the API answers it (contract "Cart"). */
export type CartView = Cart;

export function loadCart(db: Database, userId: string): Promise<CartView> {
  return readCart(db, { kind: 'user', id: userId });
}
