/** The shapes of the admin API (see test/admin.test.ts and ../shared/API.md "Admin API"). */

import type { Centre, Order, OrderStatus, Role } from '../shared/api.ts';

export type { OrderStatus, Role };

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'in_preparation', 'in_delivery', 'delivered', 'canceled'];
export const ROLES: readonly Role[] = ['customer', 'staff', 'admin'];

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AdminProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  priceCents: number;
  stock: number;
  imageUrl: string | null;
  onSale: boolean;
  maxPerOrder: number | null;
  createdAt: string;
  updatedAt: string;
}

export type MovementReason = 'initial' | 'order_hold' | 'order_release' | 'adjustment';

export interface StockMovement {
  delta: number;
  reason: MovementReason | string;
  note: string | null;
  orderId: string | null;
  at: string;
  actorName: string | null;
}

export interface AdminProductDetail extends AdminProduct {
  movements: StockMovement[];
}

export interface AdminUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: string;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
  orderCount: number;
}

export interface Customer {
  id: string | null;
  name: string;
  email: string;
}

export type StaffOrder = Order & {
  customer: Customer;
  history: Array<Order['history'][number] & { actorName?: string | null }>;
};

export interface StaffOrderDetail extends StaffOrder {
  allowedTransitions: OrderStatus[];
  proofUrl?: string;
}

export interface AdminUserDetail extends AdminUser {
  orders: StaffOrder[];
}

export interface AdminCentre extends Centre {
  active: boolean;
}

export interface OrdersPage extends Paged<StaffOrder> {
  counts: Record<OrderStatus, number>;
}

export type EntityType = 'product' | 'order' | 'user' | 'centre' | 'category';
export const ENTITY_TYPES: readonly EntityType[] = ['product', 'order', 'user', 'centre', 'category'];

/** GET /api/admin/categories: a category with its names and how many products it holds. */
export interface AdminCategory {
  slug: string;
  name: string;
  nameEn: string | null;
  position: number;
  products: number;
  productsOnSale: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/admin/setup: what a fresh install still lacks (the first-run checklist). */
export interface SetupCounts {
  categories: number;
  centres: number;
  productsOnSale: number;
  staff: number;
  done: boolean;
}

export interface AuditEntry {
  id: string;
  actor: { id: string | null; name: string | null; role: string };
  action: string;
  entityType: EntityType;
  entityId: string;
  before: unknown;
  after: unknown;
  at: string;
}
