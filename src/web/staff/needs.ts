/**
 * Needs (/staff/needs, issue 20): staff publish what a centre needs — a product, a target,
 * an optional last day, a short why — and edit or remove it; the gauges follow paid gifts live.
 */

import type { Centre, Need, NeedGift, ProductPage } from '../../contract/index.ts';
import { api } from '../shared/api.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { onServerEvent } from '../shared/socket.ts';
import { announce, errorState, errorText, spinner } from '../shared/ui.ts';
import type { ConsoleApp } from './context.ts';
import { formatDateTime, statusBadge } from './format.ts';
import { m } from './messages.ts';
import type { View, ViewContext } from './router.ts';

export function needsView(ctx: ViewContext, _app: ConsoleApp): View {
  const heading = h('h1', { class: 'page-title', tabindex: '-1' });
  const centreId = uid('needs-centre');
  const centreSelect = h('select', { id: centreId, class: 'input' });
  const listSlot = h('div', { 'aria-live': 'polite' });
  const giftsSlot = h('div', { 'aria-live': 'polite' });
  const said = h('p', { role: 'status' });
  const productSelect = h('select', { id: uid('need-product'), class: 'input', required: '' });
  const target = h('input', { id: uid('need-target'), class: 'input input--short', type: 'number', min: '1', required: '' });
  const until = h('input', { id: uid('need-until'), class: 'input', type: 'date' });
  const note = h('input', { id: uid('need-note'), class: 'input', maxlength: '200' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' });
  const field = (label: string, input: HTMLElement) => h('p', { class: 'field' }, h('label', { for: input.id }, label), input);
  const formTitle = h('h2');
  const form = h('form', { class: 'panel needs-form' }, formTitle, null);
  let editing: Need | undefined;
  let centres: Centre[] = [];
  let needs: Need[] = [];

  function renderForm(): void {
    formTitle.textContent = editing ? m('needs.edit', { name: editing.product.name }) : m('needs.publish');
    submit.textContent = editing ? m('needs.save') : m('needs.publishButton');
    productSelect.disabled = editing !== undefined;
    mount(
      form,
      formTitle,
      field(m('needs.product'), productSelect),
      field(m('needs.target'), target),
      field(m('needs.until'), until),
      field(m('needs.note'), note),
      h('p', { class: 'actions' }, submit),
      said,
    );
  }

  function renderList(): void {
    if (needs.length === 0) {
      mount(listSlot, h('p', null, m('needs.none')));
      return;
    }
    mount(
      listSlot,
      h(
        'table',
        { class: 'table' },
        h('caption', null, m('needs.listCaption')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [m('needs.product'), m('needs.given'), m('needs.until'), m('needs.note'), m('needs.actions')].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          needs.map((n) => {
            const edit = h('button', { type: 'button', class: 'btn btn--secondary btn--small' }, m('needs.editButton'));
            edit.addEventListener('click', () => {
              editing = n;
              target.value = String(n.targetQuantity);
              until.value = n.until ?? '';
              note.value = n.note;
              renderForm();
              target.focus();
            });
            const remove = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, m('needs.remove'));
            remove.addEventListener('click', () => {
              if (!window.confirm(m('needs.removeConfirm', { name: n.product.name }))) return;
              void api.delete(`/api/staff/needs/${n.id}`).then(
                () => void load(),
                (err: unknown) => announce(errorText(err)),
              );
            });
            const gifts = h('button', { type: 'button', class: 'btn btn--ghost btn--small', 'data-need-gifts': n.id }, m('needs.giftsButton'));
            gifts.addEventListener('click', () => void showGifts(n));
            return h(
              'tr',
              { 'data-need-id': n.id },
              h('th', { scope: 'row' }, n.product.name),
              h('td', { 'data-given': '' }, `${n.givenQuantity} / ${n.targetQuantity}${n.met ? ` — ${m('needs.met')}` : ''}`),
              h('td', null, n.until ?? '—'),
              h('td', null, n.note),
              h('td', null, gifts, ' ', edit, ' ', remove),
            );
          }),
        ),
      ),
    );
  }

  /** Traceability: the paid orders whose gifts filled this need, each a link to its order. */
  async function showGifts(n: Need): Promise<void> {
    mount(giftsSlot, spinner());
    try {
      const gifts = await api.get<NeedGift[]>(`/api/staff/needs/${encodeURIComponent(n.id)}/gifts`, { signal: ctx.signal });
      const titleId = uid('need-gifts');
      const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
      mount(
        giftsSlot,
        h(
          'section',
          { class: 'panel need-gifts', 'aria-labelledby': titleId, 'data-gifts-of': n.id },
          h('h2', { id: titleId, tabindex: '-1' }, m('needs.giftsTitle', { name: n.product.name })),
          gifts.length === 0
            ? h('p', null, m('needs.giftsNone'))
            : h(
                'table',
                { class: 'table' },
                h('caption', null, m('needs.giftsCaption')),
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    [
                      m('needs.giftOrder'),
                      m('needs.giftStatus'),
                      m('needs.giftCustomer'),
                      m('needs.giftQuantity'),
                      m('needs.giftPaid'),
                      m('needs.giftDelivered'),
                      m('needs.giftCollected'),
                    ].map((c) => h('th', { scope: 'col' }, c)),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  gifts.map((g) =>
                    h(
                      'tr',
                      { 'data-gift-order': g.orderId },
                      h('th', { scope: 'row' }, h('a', { href: `/staff/orders/${encodeURIComponent(g.orderId)}` }, g.number)),
                      h('td', null, statusBadge(g.status)),
                      h('td', null, g.customerName),
                      h('td', null, String(g.quantity)),
                      h('td', null, when(g.paidAt)),
                      h('td', null, when(g.deliveredAt)),
                      h('td', null, when(g.collectedAt)),
                    ),
                  ),
                ),
              ),
        ),
      );
      giftsSlot.querySelector<HTMLElement>('h2')?.focus();
    } catch (err) {
      if (ctx.signal.aborted) return;
      mount(giftsSlot, h('p', { role: 'alert' }, errorText(err)));
    }
  }

  async function load(): Promise<void> {
    needs = await api.get<Need[]>(`/api/needs?centreId=${encodeURIComponent(centreSelect.value)}`, { signal: ctx.signal });
    renderList();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { targetQuantity: Number(target.value), until: until.value || null, note: note.value.trim() };
    const request = editing
      ? api.patch<Need>(`/api/staff/needs/${editing.id}`, body)
      : api.post<Need>(`/api/staff/centres/${encodeURIComponent(centreSelect.value)}/needs`, { ...body, productId: productSelect.value });
    void request.then(
      () => {
        said.textContent = m('needs.saved');
        editing = undefined;
        target.value = '';
        until.value = '';
        note.value = '';
        renderForm();
        void load();
      },
      (err: unknown) => {
        said.textContent = errorText(err);
      },
    );
  });
  centreSelect.addEventListener('change', () => void load());
  const stop = onServerEvent('need:changed', (c) => {
    if (c && needs.some((n) => n.id === c.needId)) void load();
  });

  function render(): void {
    heading.textContent = m('needs.title');
    ctx.setTitle(m('needs.title'));
    renderForm();
    renderList();
  }

  mount(ctx.main, spinner());
  void (async () => {
    try {
      const [all, products] = await Promise.all([
        api.get<Centre[]>('/api/centres', { signal: ctx.signal }),
        api.get<ProductPage>('/api/products?pageSize=100&sort=name', { signal: ctx.signal }),
      ]);
      centres = all;
      mount(
        centreSelect,
        centres.map((c) => h('option', { value: c.id }, `${c.name} (${c.city})`)),
      );
      mount(
        productSelect,
        products.items.map((p) => h('option', { value: p.id }, `${p.name} · ${p.unit}`)),
      );
      mount(
        ctx.main,
        h(
          'div',
          { class: 'container' },
          heading,
          h('p', { class: 'field' }, h('label', { for: centreId }, m('needs.centre')), centreSelect),
          listSlot,
          giftsSlot,
          form,
        ),
      );
      // From an order's page (/staff/needs?need=…): that need's centre, and its gifts.
      const asked = ctx.query.get('need');
      const wanted = asked ? (await api.get<Need[]>('/api/needs', { signal: ctx.signal })).find((n) => n.id === asked) : undefined;
      if (wanted) centreSelect.value = wanted.centreId;
      render();
      await load();
      if (wanted) await showGifts(wanted);
    } catch (err) {
      if (ctx.signal.aborted) return;
      mount(ctx.main, errorState({ error: err, onRetry: () => void load() }));
    }
  })();

  return { render, destroy: stop };
}
