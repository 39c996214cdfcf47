/**
 * The buying pages, loaded together the first time one of them is opened: the
 * catalogue's first download stays small, and one request brings the whole journey
 * (cart → checkout → payment → order).
 */
export { renderCart } from './cart.ts';
export { renderCheckout } from './checkout.ts';
export { renderPayDemo } from './pay-demo.ts';
export { renderOrders } from './orders.ts';
export { renderOrder } from './order.ts';
