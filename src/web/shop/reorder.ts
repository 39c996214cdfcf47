/**
 * "Remettre dans mon panier": the lines of a canceled or expired order go back into the cart
 * (what is still sold; each cut said in words), then the cart opens.
 */

import { api, type Cart, type Order } from '../shared/api.ts';
import { h } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { errorText, toast, withBusy } from '../shared/ui.ts';
import { reportCuts } from './add-to-cart.ts';
import { showCart } from './cart-store.ts';
import { navigate } from './router.ts';

export function reorderButton(order: Pick<Order, 'id' | 'items'>, className = 'btn btn--primary'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: className, 'data-focus-key': 'reorder' }, t('order.reorder'));
  button.addEventListener('click', () => {
    void withBusy(button, t('form.sending'), async () => {
      try {
        const cart = await api.post<Cart>(`/api/orders/${encodeURIComponent(order.id)}/reorder`);
        showCart(cart);
        const names = new Map(order.items.map((i) => [i.productId, i.name]));
        if (!reportCuts(cart, names)) toast(t('order.reordered'), 'success');
        navigate('/cart');
      } catch (err) {
        toast(errorText(err), 'error');
      }
    });
  });
  return button;
}
