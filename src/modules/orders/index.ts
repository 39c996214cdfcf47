export {
  createOrdersService,
  type OrdersService,
  type PickupNotice,
  type PickupNoticeListener,
  type StatusChange,
  type StatusChangeListener,
} from './service.ts';
export { orderRoutes } from './routes.ts';
export { createPickupCodes, loadPickupKey } from './pickup-code.ts';
export type { PaymentGateway, PaymentSummaries, PayableOrder, NewCheckout, Actor } from './ports.ts';
export { ORDER_STATUSES, allowedTransitions, isProcessed, type OrderStatus } from './state-machine.ts';
export { toOwnerView, type OrderViews, type OrderView, type StaffOrderView } from './views.ts';
export { staffOrderRoutes, adminOrderRoutes } from './staff-routes.ts';
export { searchStaffOrders } from './search.ts';
export { orderIdsOfCustomer, orderCountsByCustomer, orderNumbersByIds, orderOwner, isOrderOf, orderIdsMatching, orderPartiesByIds } from './customers.ts';
export { paidGiftLines, type PaidGiftLine } from './gifts.ts';
export { pickupDay, parisDateOf, PICKUP_WAITING, PICKUP_DONE } from './pickups.ts';
export { SYSTEM_NOTES, historyInLanguage } from './system-notes.ts';
