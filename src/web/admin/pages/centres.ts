/**
 * Restos du Cœur centres: every centre (active and inactive), the create and edit form,
 * deactivate (no longer offered at checkout; past orders keep it) and reactivate.
 */

import { api } from '../../shared/api.ts';
import { dataTable } from '../../shared/console-ui.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import type { Field, FormProblem } from '../../shared/forms.ts';
import { getLocale } from '../../shared/i18n.ts';
import { emptyState, errorState, spinner, toast, withBusy } from '../../shared/ui.ts';
import {
  adminForm,
  badge,
  confirmDialog,
  handledAuthError,
  loadListInto,
  pageHead,
  parseDecimal,
  problemText,
  tableRegion,
  textField,
  serverProblems,
} from '../kit.ts';
import { hoursEditor } from './centre-hours.ts';
import { m, mn } from '../messages.ts';
import { navigate, setTitle, type PageContext, type PageHandle } from '../router.ts';
import type { AdminCentre } from '../../../contract/index.ts';

const activeBadge = (c: AdminCentre) => (c.active ? badge(m('centres.active'), 'ok') : badge(m('centres.inactive'), 'off'));

/** Deactivates (with confirmation) or reactivates a centre; resolves with the new centre, or null. */
async function toggleCentre(centre: AdminCentre, button: HTMLButtonElement): Promise<AdminCentre | null> {
  if (centre.active) {
    const ok = await confirmDialog({
      title: m('centres.deactivateTitle', { name: centre.name }),
      text: m('centres.deactivateText'),
      confirm: m('centres.deactivateConfirm'),
      danger: true,
    });
    if (!ok) return null;
  }
  let result: AdminCentre | null = null;
  await withBusy(button, m('form.saving'), async () => {
    try {
      result = await api.patch<AdminCentre>(`/api/admin/centres/${centre.id}`, { active: !centre.active });
      toast(result.active ? m('centres.reactivated', { name: result.name }) : m('centres.deactivated', { name: result.name }), 'success');
    } catch (err) {
      if (!handledAuthError(err)) toast(problemText(err), 'error');
    }
  });
  return result;
}

export async function centresPage(ctx: PageContext): Promise<PageHandle> {
  setTitle(m('centres.title'), m('doc.title'));
  const count = h('p', { class: 'result-count', role: 'status' });
  const results = h('div', { class: 'results' });
  mount(
    ctx.main,
    pageHead(m('centres.title'), {
      intro: m('centres.intro'),
      actions: h('a', { class: 'btn btn--primary', href: '/admin/centres/new' }, h('span', { 'aria-hidden': 'true' }, '+ '), m('centres.new')),
    }),
    count,
    results,
  );
  let centres: AdminCentre[] = [];

  function render(focusId?: string): void {
    const active = centres.filter((c) => c.active).length;
    const sentence = mn('centres.count', centres.length, { active });
    count.textContent = sentence;
    if (centres.length === 0) {
      results.replaceChildren(
        emptyState({ title: m('centres.empty'), action: h('a', { class: 'btn btn--primary', href: '/admin/centres/new' }, m('centres.new')) }),
      );
      return;
    }
    const table = dataTable({
      class: 'table',
      caption: sentence,
      columns: [
        [m('centres.col.name')],
        [m('centres.col.address')],
        [m('centres.col.hours'), 'col-hide-md'],
        [m('centres.col.state')],
        [h('span', { class: 'sr-only' }, m('centres.col.actions'))],
      ],
      rows: centres.map((c) => {
        const toggle = h(
          'button',
          { type: 'button', class: `btn btn--small ${c.active ? 'btn--ghost' : 'btn--secondary'}`, 'data-centre': c.id },
          c.active ? m('centres.deactivate') : m('centres.reactivate'),
          h('span', { class: 'sr-only' }, ` — ${c.name}`),
        );
        toggle.addEventListener('click', async () => {
          const updated = await toggleCentre(c, toggle);
          if (!updated) return;
          centres = centres.map((x) => (x.id === updated.id ? updated : x));
          render(updated.id);
        });
        return h(
          'tr',
          { class: c.active ? '' : 'is-off' },
          h('td', null, h('a', { class: 'row-link', href: `/admin/centres/${c.id}` }, c.name)),
          h('td', null, c.address, h('span', { class: 'cell-sub' }, `${c.postcode} ${c.city}`)),
          h('td', { class: 'col-hide-md' }, c.openingHours || '—'),
          h('td', null, activeBadge(c)),
          h('td', { class: 'cell-actions' }, toggle),
        );
      }),
    });
    results.replaceChildren(tableRegion(sentence, table));
    if (focusId) results.querySelector<HTMLButtonElement>(`button[data-centre="${focusId}"]`)?.focus();
  }

  const list = { path: '/api/admin/centres', loading: m('centres.loading'), signal: ctx.signal };
  await loadListInto<AdminCentre>(results, list, (items) => {
    centres = items;
    render();
  });
  return {};
}

// --- Create and edit ---------------------------------------------------------------------------

function numberText(n: number | undefined): string {
  if (n === undefined) return '';
  const text = String(n);
  return getLocale().startsWith('fr') ? text.replace('.', ',') : text;
}

function centreForm(centre: AdminCentre | undefined, onSaved: (c: AdminCentre) => void): HTMLFormElement {
  const name = textField({ name: 'name', label: m('centre.f.name'), hint: m('centre.f.nameHint'), value: centre?.name, required: true, maxlength: 120 });
  const address = textField({
    name: 'address',
    label: m('centre.f.address'),
    value: centre?.address,
    required: true,
    maxlength: 200,
    autocomplete: 'street-address',
  });
  const postcode = textField({
    name: 'postcode',
    label: m('centre.f.postcode'),
    value: centre?.postcode,
    required: true,
    inputmode: 'numeric',
    maxlength: 5,
    className: 'input--short',
    autocomplete: 'postal-code',
  });
  const city = textField({ name: 'city', label: m('centre.f.city'), value: centre?.city, required: true, maxlength: 100, autocomplete: 'address-level2' });
  const hours = hoursEditor(centre);
  const coordinate = (name: 'lat' | 'lng') =>
    textField({
      name,
      label: m(`centre.f.${name}`),
      hint: m(`centre.f.${name}Hint`),
      value: numberText(centre?.[name]),
      required: true,
      inputmode: 'decimal',
      className: 'input--short',
    });
  const lat = coordinate('lat');
  const lng = coordinate('lng');
  // Pickup slots: a new centre takes 30-minute slots of 10 orders; an empty capacity means no slots.
  const slotMinutes = textField({
    name: 'slotMinutes',
    label: m('centre.f.slotMinutes'),
    value: centre ? (centre.slotMinutes === null ? '' : String(centre.slotMinutes)) : '30',
    inputmode: 'numeric',
    className: 'input--short',
  });
  const slotCapacity = textField({
    name: 'slotCapacity',
    label: m('centre.f.slotCapacity'),
    hint: m('centre.f.slotCapacityHint'),
    value: centre ? (centre.slotCapacity === null ? '' : String(centre.slotCapacity)) : '10',
    inputmode: 'numeric',
    className: 'input--short',
  });
  const fields: Field[] = [name, address, postcode, city, lat, lng, slotMinutes, slotCapacity];
  const { form, summary, submit } = adminForm(centre ? m('centre.save') : m('centre.create'), [
    name.element,
    address.element,
    h('div', { class: 'form-row' }, postcode.element, city.element),
    hours.element,
    h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', { class: 'fieldset__legend' }, m('centre.f.position')),
      h('p', { class: 'field__hint' }, m('centre.f.positionHint')),
      h('div', { class: 'form-row' }, lat.element, lng.element),
    ),
    h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', { class: 'fieldset__legend' }, m('centre.f.slots')),
      h('div', { class: 'form-row' }, slotMinutes.element, slotCapacity.element),
    ),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const problems: FormProblem[] = [];
    const v = (f: Field) => f.input.value.trim();
    if (!v(name)) problems.push({ field: name, message: m('centre.err.name') });
    if (!v(address)) problems.push({ field: address, message: m('centre.err.address') });
    if (!/^\d{5}$/.test(v(postcode))) problems.push({ field: postcode, message: m('centre.err.postcode') });
    if (!v(city)) problems.push({ field: city, message: m('centre.err.city') });
    const la = parseDecimal(v(lat));
    const ln = parseDecimal(v(lng));
    if (la === null || la < -90 || la > 90) problems.push({ field: lat, message: m('centre.err.lat') });
    if (ln === null || ln < -180 || ln > 180) problems.push({ field: lng, message: m('centre.err.lng') });
    const noSlots = v(slotCapacity) === '';
    const minutes = noSlots ? null : Number(v(slotMinutes));
    const capacity = noSlots ? null : Number(v(slotCapacity));
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 5 || minutes > 480))
      problems.push({ field: slotMinutes, message: m('centre.err.slotMinutes') });
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 10000)) {
      problems.push({ field: slotCapacity, message: m('centre.err.slotCapacity') });
    }
    const opening = hours.read();
    if ('problem' in opening) problems.push({ message: opening.problem });
    if (problems.length) {
      summary.show(problems);
      if ('problem' in opening && problems.length === 1) opening.focus.focus();
      return;
    }
    const body = {
      name: v(name),
      address: v(address),
      postcode: v(postcode),
      city: v(city),
      lat: la,
      lng: ln,
      ...opening,
      slotMinutes: minutes,
      slotCapacity: capacity,
    };
    void withBusy(submit, m('form.saving'), async () => {
      try {
        const saved = centre ? await api.patch<AdminCentre>(`/api/admin/centres/${centre.id}`, body) : await api.post<AdminCentre>('/api/admin/centres', body);
        onSaved(saved);
      } catch (err) {
        if (handledAuthError(err)) return;
        summary.show(serverProblems(err, fields));
      }
    });
  });
  return form;
}

export function centreNewPage(ctx: PageContext): void {
  setTitle(m('centre.newTitle'), m('doc.title'));
  const form = centreForm(undefined, (saved) => {
    toast(m('centre.created', { name: saved.name }), 'success');
    navigate('/admin/centres', { replace: true });
  });
  mount(
    ctx.main,
    pageHead(m('centre.newTitle'), { back: { href: '/admin/centres', label: m('centre.back') } }),
    h('section', { class: 'panel panel--form', 'aria-label': m('centre.newTitle') }, form),
  );
}

export async function centreEditPage(ctx: PageContext): Promise<void> {
  const id = ctx.params.id ?? '';
  const back = { href: '/admin/centres', label: m('centre.back') };
  setTitle(m('centre.editTitle'), m('doc.title'));
  mount(ctx.main, spinner(m('centre.loading')));
  let centre: AdminCentre | undefined;
  try {
    // There is no GET for one centre: the list is short.
    centre = (await api.get<AdminCentre[]>('/api/admin/centres', { signal: ctx.signal })).find((c) => c.id === id);
  } catch (err) {
    if (ctx.signal.aborted || handledAuthError(err)) return;
    mount(ctx.main, pageHead(m('centre.editTitle'), { back }), errorState({ title: m('load.failed'), error: err, onRetry: () => void centreEditPage(ctx) }));
    return;
  }
  if (ctx.signal.aborted) return;
  if (!centre) {
    setTitle(m('centre.notFound'), m('doc.title'));
    mount(ctx.main, pageHead(m('centre.notFound'), { back }), h('p', null, m('centre.notFoundText')));
    return;
  }
  let shown: AdminCentre = centre;
  setTitle(shown.name, m('doc.title'));
  const head = pageHead(shown.name, {
    back,
    actions: h('a', { class: 'btn btn--ghost btn--small', href: `/admin/audit?entityType=centre&entityId=${shown.id}` }, m('centre.viewAudit')),
  });
  const stateBody = h('div', { class: 'access' });
  const renderState = (focus = false) => {
    const button = h(
      'button',
      { type: 'button', class: `btn ${shown.active ? 'btn--danger' : 'btn--secondary'}` },
      shown.active ? m('centres.deactivate') : m('centres.reactivate'),
    );
    button.addEventListener('click', async () => {
      const updated = await toggleCentre(shown, button);
      if (!updated) return;
      shown = updated;
      renderState(true);
    });
    stateBody.replaceChildren(
      h('p', null, activeBadge(shown)),
      h('p', { class: 'muted' }, shown.active ? m('centre.activeText') : m('centre.inactiveText')),
      h('p', { class: 'actions' }, button),
    );
    if (focus) button.focus();
  };
  renderState();
  const stateId = uid('h-state');
  const form = centreForm(shown, (saved) => {
    shown = saved;
    head.querySelector('h1')!.textContent = saved.name;
    setTitle(saved.name, m('doc.title'));
    toast(m('centre.saved', { name: saved.name }), 'success');
  });
  mount(
    ctx.main,
    head,
    h(
      'div',
      { class: 'product-layout' },
      h('div', { class: 'product-layout__main' }, h('section', { class: 'panel', 'aria-label': m('centre.detailsTitle') }, form)),
      h(
        'div',
        { class: 'product-layout__side' },
        h('section', { class: 'panel', 'aria-labelledby': stateId }, h('h2', { class: 'panel__title', id: stateId }, m('centre.stateTitle')), stateBody),
      ),
    ),
  );
}
