/**
 * The plain sentence for a refusal by one of the shop's anti-hoarding limits
 * (409 limit_reached, `details: {limit, max}`), in the reader's language.
 */

import { ApiError } from '../shared/api.ts';
import { formatPrice } from '../shared/format.ts';
import { t, tn } from '../shared/i18n.ts';

export function limitText(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.code !== 'limit_reached') return undefined;
  const { limit, max } = (err.details ?? {}) as { limit?: string; max?: number };
  if (typeof max !== 'number') return undefined;
  switch (limit) {
    case 'LIMIT_UNPAID_ORDERS':
      return tn('limit.unpaidOrders', max);
    case 'LIMIT_HELD_UNITS':
      return t('limit.heldUnits', { n: max });
    case 'LIMIT_ORDER_LINES':
      return t('limit.orderLines', { n: max });
    case 'LIMIT_UNITS_PER_PRODUCT':
      return t('limit.unitsPerProduct', { n: max });
    case 'LIMIT_ORDER_CENTS':
      return t('limit.orderCents', { amount: formatPrice(max) });
    default:
      return undefined;
  }
}
