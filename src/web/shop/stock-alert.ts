/**
 * "Prévenez-moi" on a product out of stock: a signed-in customer asks for one mail when it
 * is back (PUT /api/stock-alerts/:productId) or withdraws the request; a visitor is offered
 * to sign in first. Hidden while the product is in stock; follows the live stock.
 */

import type { StockAlert } from '../../contract/index.ts';
import { api, ApiError } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { currentUser, loadUser } from '../shared/session.ts';
import { announce, errorText, withBusy } from '../shared/ui.ts';
import { jm } from './journey-messages.ts';

export interface StockAlertControl {
  element: HTMLElement;
  setStock(stock: number): void;
}

export function stockAlertBox(productId: string, stock: number, signal: AbortSignal): StockAlertControl {
  const element = h('div', { class: 'stock-alert', 'data-stock-alert': '' });
  const said = h('p', { class: 'stock-alert__said', role: 'status' });
  let subscribed: boolean | undefined;
  let inStock = stock > 0;

  function draw(): void {
    element.hidden = inStock && !said.textContent;
    if (inStock) {
      mount(element, said);
      return;
    }
    const user = currentUser();
    if (!user) {
      const next = encodeURIComponent(window.location.pathname);
      mount(element, h('p', null, jm.t('alert.askHint')), h('a', { class: 'btn btn--secondary', href: `/login?next=${next}` }, jm.t('alert.loginFirst')), said);
      return;
    }
    if (subscribed === undefined) {
      mount(element, said);
      return;
    }
    const button = h(
      'button',
      { type: 'button', class: subscribed ? 'btn btn--ghost' : 'btn btn--secondary', 'data-stock-alert-button': subscribed ? 'cancel' : 'ask' },
      subscribed ? jm.t('alert.cancel') : jm.t('alert.ask'),
    );
    button.addEventListener('click', () => {
      void (async () => {
        await withBusy(button, jm.t('alert.asking'), async () => {
          try {
            if (subscribed) await api.delete(`/api/stock-alerts/${productId}`, { signal });
            else await api.put<StockAlert>(`/api/stock-alerts/${productId}`, {}, { signal });
            subscribed = !subscribed;
            said.textContent = subscribed ? jm.t('alert.saved') : jm.t('alert.canceled');
          } catch (err) {
            if (signal.aborted) return;
            if (err instanceof ApiError && err.code === 'product_in_stock') inStock = true;
            said.textContent = inStock ? jm.t('alert.inStock') : errorText(err);
          }
        });
        if (signal.aborted) return;
        // Redrawn with the answer; the focus stays on the (new) button.
        draw();
        element.querySelector<HTMLButtonElement>('[data-stock-alert-button]')?.focus();
      })();
    });
    mount(element, subscribed ? null : h('p', null, jm.t('alert.askHint')), button, said);
  }

  async function load(): Promise<void> {
    const user = currentUser() === undefined ? await loadUser(signal).catch(() => null) : currentUser();
    if (!user || signal.aborted) return draw();
    try {
      const alerts = await api.get<StockAlert[]>('/api/stock-alerts', { signal });
      subscribed = alerts.some((a) => a.productId === productId);
    } catch {
      subscribed = false;
    }
    if (!signal.aborted) draw();
  }

  draw();
  void load();
  return {
    element,
    setStock(next: number) {
      const wasIn = inStock;
      inStock = next > 0;
      if (wasIn === inStock) return;
      if (inStock && subscribed) announce(jm.t('alert.inStock'));
      said.textContent = '';
      draw();
    },
  };
}
