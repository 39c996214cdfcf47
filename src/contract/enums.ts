/**
 * The contract's closed lists, as plain constants with no dependency: the server's zod
 * schemas and state machine are built on them, and the front ends may import them at run
 * time (filters, tabs) without pulling zod or server code into their bundles.
 */

/** An order's life (the state machine in modules/orders/state-machine.ts says who moves it where). */
export const ORDER_STATUSES = ['pending_payment', 'paid', 'in_preparation', 'in_delivery', 'delivered', 'collected', 'canceled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ROLES = ['customer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The languages of the interface, mails and category names. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What an audit entry is about. */
export const ENTITY_TYPES = ['product', 'order', 'user', 'centre', 'category', 'association', 'page', 'need'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * What an audit entry records (the journal's `action`): the server writes only these, the
 * admin's journal has a label for each (a missing label does not compile). Entries written
 * before a name existed keep their own text and are shown as is.
 */
export const AUDIT_ACTIONS = [
  'category.create',
  'category.update',
  'category.delete',
  'product.create',
  'product.update',
  'product.withdraw',
  'product.stock',
  'product.image',
  'user.update',
  'centre.create',
  'centre.update',
  'order.status',
  'order.ack',
  'association.update',
  'page.update',
  'need.create',
  'need.update',
  'need.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Why a product's stock moved. */
export const STOCK_REASONS = ['initial', 'order_hold', 'order_release', 'adjustment'] as const;
export type StockReason = (typeof STOCK_REASONS)[number];

/**
 * Every page of the shop (client-side routes, patterns with `:param`). The server answers
 * any other address with the shop's page and HTTP 404 (the page then shows "not found");
 * the shop's route table is typed against this list, so a page cannot be added to one only.
 */
export const SHOP_PAGES = [
  '/',
  '/products/:id',
  '/needs',
  '/login',
  '/register',
  '/account',
  '/account/data',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/cart',
  '/checkout',
  '/pay/demo/:orderId',
  '/orders',
  '/orders/:id',
  '/pages/:slug',
  '/stock-alerts/stop',
] as const;
export type ShopPage = (typeof SHOP_PAGES)[number];

/**
 * The notes the system itself writes in an order's history (payment received, hold expired,
 * pickup reminders, offered to the centre). An order's history gives each one's code
 * (`noteCode`), so that a page renders it in its reader's language, live events included;
 * their French and English words are in orders/system-notes.ts and the shop's i18n tables.
 */
export const SYSTEM_NOTE_CODES = [
  'paymentUnavailable',
  'canceledByCustomer',
  'paymentReceived',
  'refundedAtProvider',
  'reservationExpired',
  'notPaidInTime',
  'reminderDay',
  'reminderHour',
  'offeredToCentre',
] as const;
export type SystemNoteCode = (typeof SYSTEM_NOTE_CODES)[number];
