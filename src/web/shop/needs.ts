/**
 * What the centres need (issue 20): gauges of given / target, filled live (`need:changed`),
 * the chosen centre's needs first then by urgency (the server's order: end date, fill
 * ratio); « J'offre » puts the product in the cart as a gift and proposes that centre at
 * checkout. A met need says thank you and stops asking. Also the live public impact counter.
 */
import type { Centre, Impact, Need } from '../../contract/index.ts';
import { api } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { getLocale, t } from '../shared/i18n.ts';
import { onResync, onServerEvent } from '../shared/socket.ts';
import { errorText, toast, withBusy } from '../shared/ui.ts';
import { cartErrorText, reportCuts } from './add-to-cart.ts';
import { cartLine, loadCart, setLine } from './cart-store.ts';
import { readChoice, saveChoice } from './checkout-choice.ts';

function gauge(n: Pick<Need, 'givenQuantity' | 'targetQuantity'>): HTMLElement {
  return h('progress', { class: 'need__gauge', max: String(n.targetQuantity), value: String(Math.min(n.givenQuantity, n.targetQuantity)) });
}

/** Great-circle distance in km (haversine). */
function kmBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(x));
}

const dayText = (day: string) => new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

/** A list of needs (all, one centre's, or the first `limit`), kept live; `destroy` stops listening. */
export function needsList(opts: { limit?: number; centreId?: string; signal?: AbortSignal }): { element: HTMLElement; destroy(): void } {
  const list = h('ul', { class: 'needs__list' });
  const element = h('div', { class: 'needs', 'data-needs': '' }, h('p', { class: 'needs__state' }, t('needs.loading')), list);
  let needs: Need[] = [];
  let centres = new Map<string, Centre>();
  const rows = new Map<string, { gauge: HTMLElement; count: HTMLElement; action: HTMLElement; need: Need }>();

  function action(n: Need, centreName: string): HTMLElement {
    if (n.givenQuantity >= n.targetQuantity) return h('p', { class: 'need__thanks' }, t('needs.met'));
    const button = h(
      'button',
      { type: 'button', class: 'btn btn--primary need__give', 'aria-label': t('needs.giveLabel', { name: n.product.name, centre: centreName }) },
      t('needs.give'),
    );
    button.addEventListener('click', () => {
      void withBusy(button, t('needs.give'), async () => {
        try {
          await loadCart();
          const quantity = (cartLine(n.product.id)?.quantity ?? 0) + 1;
          const cart = await setLine(n.product.id, quantity, true);
          saveChoice({ ...readChoice(), centreId: n.centreId, donationOnly: readChoice().donationOnly });
          if (!reportCuts(cart, new Map([[n.product.id, n.product.name]]))) toast(t('needs.added', { name: n.product.name, centre: centreName }), 'success');
        } catch (err) {
          toast(cartErrorText(err, n.product), 'error');
        }
      });
    });
    return button;
  }

  function render(): void {
    const chosen = readChoice().centreId;
    const from = chosen ? centres.get(chosen) : undefined;
    // With a chosen centre: nearest centres first (the chosen one at 0 km), urgency within
    // each (the server's order, kept by the stable sort); without one, urgency alone.
    const away = (n: Need) => {
      const c = centres.get(n.centreId);
      return from && c ? kmBetween(from, c) : 0;
    };
    const ordered = [...needs].sort((a, b) => away(a) - away(b));
    const shown = opts.limit ? ordered.slice(0, opts.limit) : ordered;
    rows.clear();
    element.querySelector('.needs__state')?.remove();
    if (shown.length === 0) {
      element.prepend(h('p', { class: 'needs__state' }, t('needs.empty')));
      mount(list);
      return;
    }
    mount(
      list,
      shown.map((n) => {
        const centre = centres.get(n.centreId);
        const centreName = centre ? `${centre.name} (${centre.city})` : '';
        const g = gauge(n);
        const count = h('span', { class: 'need__count' }, t('needs.gauge', { given: n.givenQuantity, target: n.targetQuantity }));
        const act = action(n, centreName);
        const row = h(
          'li',
          { class: 'need', 'data-need-id': n.id },
          h('p', { class: 'need__product', lang: 'fr' }, n.product.name, h('span', { class: 'need__unit' }, ` · ${n.product.unit}`)),
          h(
            'p',
            { class: 'need__centre' },
            // Each centre's own needs are a page of their own (/needs?centre=…).
            opts.centreId ? centreName : h('a', { href: `/needs?centre=${encodeURIComponent(n.centreId)}`, 'data-centre-needs': n.centreId }, centreName),
            n.centreId === chosen ? h('span', { class: 'tag' }, ` ${t('needs.yourCentre')}`) : null,
          ),
          n.note ? h('p', { class: 'need__note', lang: 'fr' }, n.note) : null,
          n.until ? h('p', { class: 'need__until' }, t('needs.until', { date: dayText(n.until) })) : null,
          h('div', { class: 'need__meter' }, g, count),
          act,
        );
        g.setAttribute('aria-label', `${n.product.name} — ${centreName}`);
        rows.set(n.id, { gauge: g, count, action: act, need: n });
        return row;
      }),
    );
  }

  const stop = onServerEvent('need:changed', (c) => {
    if (!c || typeof c.needId !== 'string') return;
    const row = rows.get(c.needId);
    const need = needs.find((n) => n.id === c.needId);
    if (!need) return;
    need.givenQuantity = c.givenQuantity;
    need.met = c.met;
    if (!row) return;
    (row.gauge as HTMLProgressElement).value = Math.min(c.givenQuantity, need.targetQuantity);
    row.count.textContent = t('needs.gauge', { given: c.givenQuantity, target: need.targetQuantity });
    const centre = centres.get(need.centreId);
    const next = action(need, centre ? `${centre.name} (${centre.city})` : '');
    row.action.replaceWith(next);
    row.action = next;
  });

  void (async () => {
    try {
      const [list, all] = await Promise.all([
        api.get<Need[]>(opts.centreId ? `/api/needs?centreId=${encodeURIComponent(opts.centreId)}` : '/api/needs', { signal: opts.signal }),
        api.get<Centre[]>('/api/centres', { signal: opts.signal }),
      ]);
      needs = list;
      centres = new Map(all.map((c) => [c.id, c]));
      const only = opts.centreId ? centres.get(opts.centreId) : undefined;
      if (only) element.prepend(h('h2', { class: 'needs__centre', lang: 'fr' }, t('needs.ofCentre', { name: only.name, city: only.city })));
      render();
    } catch (err) {
      if (opts.signal?.aborted) return;
      element.querySelector('.needs__state')?.replaceWith(h('p', { class: 'needs__state' }, `${t('needs.error')} ${errorText(err)}`));
    }
  })();

  return { element, destroy: stop };
}

/**
 * « 1 284 kg offerts ce mois-ci aux Restos du Cœur »: read at first, then moved live by
 * `impact:changed` (every paid gift, tied to a need or not, and every paid gift taken back),
 * and read again after a reconnection that missed events.
 */
export function impactCounter(signal?: AbortSignal): { element: HTMLElement; destroy(): void } {
  const figure = h('p', { class: 'impact__figure', 'data-impact': '' });
  const meals = h('p', { class: 'impact__meals' });
  const element = h('div', { class: 'impact', role: 'status', 'aria-live': 'polite' }, figure, meals);
  const show = (i: { kilograms: number; meals: number; kgPerMeal: number }) => {
    figure.textContent = t('impact.counter', { kg: Math.round(i.kilograms) });
    meals.textContent = t('impact.meals', { meals: i.meals, kgPerMeal: i.kgPerMeal });
  };
  async function refresh(): Promise<void> {
    // This month in Paris, as the server counts it (and as `impact:changed` carries it).
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date());
    const from = `${month}-01`;
    try {
      show(await api.get<Impact>(`/api/impact?from=${from}`, { signal }));
    } catch {
      // The counter is a bonus: without it the page works the same.
    }
  }
  void refresh();
  const stops = [onServerEvent('impact:changed', show), onResync(() => void refresh())];
  const stop = () => {
    for (const s of stops) s();
  };
  return { element, destroy: stop };
}
