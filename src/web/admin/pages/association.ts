/**
 * The association's details (/admin/association): the issuer named on proofs (name,
 * address, RNA and/or SIRET, signatory) and the contact address a disabled account is
 * given. Proofs already issued keep the details they were issued with. Below, the tax
 * receipts (issue 20): switched on here, with the legal basis and the nature of the gift the
 * association chooses (the panel says the text and eligibility are its responsibility).
 */

import { api, ApiError } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { errorSummary, problemsFromDetails, type Field } from '../../shared/forms.ts';
import { errorState, spinner, toast, withBusy } from '../../shared/ui.ts';
import { checkboxField, handledAuthError, pageHead, problemText, textareaField, textField } from '../kit.ts';
import { m } from '../messages.ts';
import { setTitle, type PageContext } from '../router.ts';
import type { Association } from '../../../contract/index.ts';

type Key = Exclude<keyof Association, 'updatedAt' | 'receiptsEnabled'>;

export async function associationPage(ctx: PageContext): Promise<void> {
  setTitle(m('assoc.title'), m('doc.title'));
  mount(ctx.main, spinner(m('assoc.loading')));
  let current: Association;
  try {
    current = await api.get<Association>('/api/admin/association', { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted || handledAuthError(err)) return;
    mount(ctx.main, pageHead(m('assoc.title')), errorState({ title: m('load.failed'), error: err, onRetry: () => void associationPage(ctx) }));
    return;
  }
  if (ctx.signal.aborted) return;

  const f = (key: Key, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name: key, label: m(`assoc.f.${key}`), value: current[key], maxlength: 300, ...extra });
  const fields: Record<Key, Field> = {
    name: f('name', { required: true, maxlength: 200, autocomplete: 'organization' }),
    address: f('address', { autocomplete: 'street-address' }),
    postcode: f('postcode', { inputmode: 'numeric', maxlength: 5, className: 'input--short', autocomplete: 'postal-code' }),
    city: f('city', { maxlength: 120, autocomplete: 'address-level2' }),
    rna: f('rna', { hint: m('assoc.f.rnaHint'), maxlength: 10, className: 'input--short' }),
    siret: f('siret', { hint: m('assoc.f.siretHint'), inputmode: 'numeric', maxlength: 17 }),
    contactEmail: f('contactEmail', { hint: m('assoc.f.contactEmailHint'), autocomplete: 'email', maxlength: 254 }),
    signatoryName: f('signatoryName', { maxlength: 200 }),
    signatoryTitle: f('signatoryTitle', { hint: m('assoc.f.signatoryTitleHint'), maxlength: 200 }),
    object: textareaField({ name: 'object', label: m('assoc.f.object'), hint: m('assoc.f.objectHint'), value: current.object, rows: 2, maxlength: 500 }),
    receiptLegalBasis: f('receiptLegalBasis', { hint: m('assoc.f.receiptLegalBasisHint') }),
    receiptNature: f('receiptNature', { hint: m('assoc.f.receiptNatureHint'), maxlength: 200 }),
  };
  const receiptsEnabled = checkboxField({
    name: 'receiptsEnabled',
    label: m('assoc.f.receiptsEnabled'),
    hint: m('assoc.f.receiptsEnabledHint'),
    checked: current.receiptsEnabled,
  });
  fields.contactEmail.input.type = 'email';
  const list = Object.values(fields);
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, m('assoc.save'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    summary.element,
    fields.name.element,
    fields.address.element,
    h('div', { class: 'form-row' }, fields.postcode.element, fields.city.element),
    h('div', { class: 'form-row' }, fields.rna.element, fields.siret.element),
    fields.object.element,
    fields.contactEmail.element,
    h('div', { class: 'form-row' }, fields.signatoryName.element, fields.signatoryTitle.element),
    h(
      'fieldset',
      { class: 'fieldset' },
      h('legend', { class: 'fieldset__legend' }, m('assoc.receipts')),
      h('p', { class: 'notice', role: 'note' }, m('assoc.receiptsNotice')),
      receiptsEnabled.element,
      fields.receiptLegalBasis.element,
      fields.receiptNature.element,
      h('p', null, h('a', { href: '/admin/receipts' }, m('assoc.receiptsList'))),
    ),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(list);
    const body: Record<string, string | boolean> = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.input.value.trim()]));
    body.receiptsEnabled = receiptsEnabled.input.checked;
    if (!body.name) {
      summary.show([{ field: fields.name, message: m('assoc.err.name') }]);
      return;
    }
    void withBusy(submit, m('form.saving'), async () => {
      try {
        current = await api.put<Association>('/api/admin/association', body);
        for (const [key, field] of Object.entries(fields)) field.input.value = current[key as Key];
        receiptsEnabled.input.checked = current.receiptsEnabled;
        toast(m('assoc.saved'), 'success');
      } catch (err) {
        if (handledAuthError(err)) return;
        summary.show(
          err instanceof ApiError && err.status === 400 && err.fieldErrors.length
            ? problemsFromDetails(err.fieldErrors, list)
            : [{ message: problemText(err) }],
        );
      }
    });
  });

  mount(
    ctx.main,
    pageHead(m('assoc.title'), {
      intro: m('assoc.intro'),
      actions: h('a', { class: 'btn btn--ghost btn--small', href: '/admin/audit?entityType=association' }, m('assoc.viewAudit')),
    }),
    h('section', { class: 'panel panel--form', 'aria-label': m('assoc.title') }, form),
  );
}
