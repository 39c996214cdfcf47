/**
 * "Mes données" (/account/data): download all my data as JSON, delete my account. The
 * profile and password forms are exported for the account page (/account).
 */

import { api, ApiError, isAbort, type User } from '../../shared/api.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import { errorSummary, field, problemsFromDetails, type Field, type FormProblem } from '../../shared/forms.ts';
import { getLang, setLang, type Lang } from '../../shared/i18n.ts';
import { setUser } from '../../shared/session.ts';
import { errorState, errorText, spinner, toast, withBusy } from '../../shared/ui.ts';
import { focusHeading, navigate, type PageContext } from '../router.ts';
import { m } from './account-messages.ts';
import './account-data.css';
import type { AccountSummary } from '../../../contract/index.ts';

export type { AccountSummary };

const minutes = (err: ApiError) => Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));

export async function renderAccountData(ctx: PageContext): Promise<void> {
  ctx.setTitle(m.t('data.title'));
  const container = h('div', { class: 'container container--narrow account-data' });
  mount(ctx.main, container);

  async function load(isRetry: boolean): Promise<void> {
    mount(container, spinner());
    let summary: AccountSummary;
    try {
      summary = await api.get<AccountSummary>('/api/account', { signal: ctx.signal });
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) {
        navigate(`/login?next=${encodeURIComponent('/account/data')}`, { replace: true });
        return;
      }
      mount(
        container,
        h('h1', { class: 'page-title' }, m.t('data.title')),
        errorState({ title: m.t('data.error'), error: err, onRetry: () => void load(true) }),
      );
      return;
    }
    if (ctx.signal.aborted) return;
    show(summary);
    if (isRetry) focusHeading();
  }

  function dangerSection(title: string, ...content: Array<Node | null>): HTMLElement {
    const el = section(title, ...content);
    el.classList.add('account-data__danger');
    return el;
  }

  function show(s: AccountSummary): void {
    mount(
      container,
      h('p', { class: 'back-row' }, h('a', { class: 'back-link', href: '/account' }, h('span', { 'aria-hidden': 'true' }, '← '), m.t('data.back'))),
      h('h1', { class: 'page-title' }, m.t('data.title')),
      h('p', { class: 'page-intro' }, m.t('data.intro')),
      exportSection(),
      deleteSection(s),
    );
  }

  function exportSection(): HTMLElement {
    return section(
      m.t('data.exportTitle'),
      h('p', null, m.t('data.exportText')),
      // A plain link: the browser downloads the file the server names (Content-Disposition).
      h('p', null, h('a', { class: 'btn btn--secondary', href: '/api/account/export', download: '' }, m.t('data.export'))),
    );
  }

  function deleteSection(s: AccountSummary): HTMLElement {
    const proof: Field = s.hasPassword
      ? field({ name: 'password', label: m.t('data.deletePassword'), type: 'password', autocomplete: 'current-password', required: true })
      : field({ name: 'confirm', label: m.t('data.deleteConfirm', { email: s.user.email }), type: 'email', autocomplete: 'off', required: true });
    const summary = errorSummary();
    const submit = h('button', { type: 'submit', class: 'btn btn--danger' }, m.t('data.deleteButton'));
    const form = h('form', { class: 'form', novalidate: true }, summary.element, proof.element, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      summary.clear([proof]);
      const value = proof.input.value;
      if (!value) {
        summary.show([{ field: proof, message: s.hasPassword ? m.t('data.currentRequired') : m.t('data.confirmMismatch') }]);
        return;
      }
      void withBusy(submit, m.t('data.deleting'), async () => {
        try {
          await api.delete('/api/account', { body: s.hasPassword ? { password: value } : { confirm: value.trim() } });
          setUser(null);
          toast(m.t('data.deleted'), 'success');
          navigate('/', { replace: true });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'confirmation_required') summary.show([{ field: proof, message: m.t('data.confirmMismatch') }]);
          else if (err instanceof ApiError && err.code === 'last_admin') summary.show([{ message: m.t('data.lastAdmin') }]);
          else summary.show(passwordProblems(err, [proof], proof));
        }
      });
    });
    return dangerSection(m.t('data.deleteTitle'), h('p', null, m.t('data.deleteText')), form);
  }

  await load(false);
}

function passwordProblems(err: unknown, fields: Field[], passwordField: Field): FormProblem[] {
  if (err instanceof ApiError) {
    if (err.code === 'wrong_password') {
      passwordField.input.value = '';
      return [{ field: passwordField, message: m.t('data.wrongPassword') }];
    }
    if (err.status === 429) return [{ message: m.t('data.rateLimited', { minutes: minutes(err) }) }];
    if (err.status === 400 && err.fieldErrors.length) return problemsFromDetails(err.fieldErrors, fields);
  }
  return [{ message: errorText(err) }];
}

export function section(title: string, ...content: Array<Node | null>): HTMLElement {
  const id = uid('data-section');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** Name and language (the site and the mails follow the language). */
export function profileSection(s: AccountSummary): HTMLElement {
  const name = field({ name: 'name', label: m.t('data.name'), autocomplete: 'name', required: true, value: s.user.name });
  const email = field({ name: 'email', label: m.t('data.email'), type: 'email', value: s.user.email, hint: m.t('data.emailFixed') });
  email.input.readOnly = true;
  const langId = uid('f-locale');
  const select = h(
    'select',
    { id: langId, name: 'locale', class: 'input' },
    h('option', { value: 'fr', selected: s.user.locale === 'fr' }, m.t('data.langFr')),
    h('option', { value: 'en', selected: s.user.locale === 'en', lang: 'en' }, m.t('data.langEn')),
  );
  // The postal address is optional: the association's tax receipts name the donor with it.
  const address = s.postalAddress;
  const line = field({ name: 'postalAddress.line', label: m.t('data.addressLine'), autocomplete: 'street-address', value: address?.line ?? '' });
  const postcode = field({ name: 'postalAddress.postcode', label: m.t('data.postcode'), autocomplete: 'postal-code', value: address?.postcode ?? '' });
  postcode.input.inputMode = 'numeric';
  const city = field({ name: 'postalAddress.city', label: m.t('data.city'), autocomplete: 'address-level2', value: address?.city ?? '' });
  const addressParts = [line, postcode, city];
  const hintId = uid('address-hint');
  const addressGroup = h(
    'fieldset',
    { class: 'account-data__address', 'aria-describedby': hintId },
    h('legend', { class: 'account-data__legend' }, m.t('data.address')),
    h('p', { class: 'field__hint', id: hintId }, m.t('data.addressHint')),
    ...addressParts.map((f) => f.element),
  );
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, m.t('data.saveProfile'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    summary.element,
    name.element,
    email.element,
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: langId }, m.t('data.language')), select),
    addressGroup,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear([name, ...addressParts]);
    const value = name.input.value.trim();
    const [lineValue, postcodeValue, cityValue] = addressParts.map((f) => f.input.value.trim());
    const problems: FormProblem[] = [];
    if (!value) problems.push({ field: name, message: m.t('data.nameRequired') });
    // All three, or none (which removes the address).
    const anyAddress = Boolean(lineValue || postcodeValue || cityValue);
    if (anyAddress && !lineValue) problems.push({ field: line, message: m.t('data.addressLineRequired') });
    if (anyAddress && !/^\d{5}$/.test(postcodeValue ?? '')) problems.push({ field: postcode, message: m.t('data.postcodeInvalid') });
    if (anyAddress && !cityValue) problems.push({ field: city, message: m.t('data.cityRequired') });
    if (problems.length) {
      summary.show(problems);
      return;
    }
    const postalAddress = anyAddress ? { line: lineValue, postcode: postcodeValue, city: cityValue } : null;
    const locale = select.value === 'en' ? 'en' : 'fr';
    void withBusy(submit, m.t('data.saving'), async () => {
      try {
        const { user } = await api.patch<{ user: User & { locale: Lang } }>('/api/account', { name: value, locale, postalAddress });
        setUser(user);
        toast(m.t('data.profileSaved'), 'success');
        // The site follows the language chosen for mails (this re-renders the page).
        if (locale !== getLang()) setLang(locale);
      } catch (err) {
        summary.show(
          err instanceof ApiError && err.fieldErrors.length ? problemsFromDetails(err.fieldErrors, [name, ...addressParts]) : [{ message: errorText(err) }],
        );
      }
    });
  });
  return section(m.t('data.profileTitle'), form);
}

/** The password, the current one asked again; the other sessions end. */
export function passwordSection(s: AccountSummary): HTMLElement {
  if (!s.hasPassword) {
    return section(
      m.t('data.passwordTitle'),
      h('p', null, m.t('data.noPassword', { providers: m.t('data.noPasswordProvider') })),
      h('p', null, h('a', { class: 'btn btn--secondary', href: `/forgot-password?email=${encodeURIComponent(s.user.email)}` }, m.t('data.setPassword'))),
    );
  }
  const current = field({ name: 'currentPassword', label: m.t('data.currentPassword'), type: 'password', autocomplete: 'current-password', required: true });
  const next = field({
    name: 'newPassword',
    label: m.t('data.newPassword'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    hint: m.t('data.newPasswordHint'),
    revealable: true,
  });
  const fields = [current, next];
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, m.t('data.changePassword'));
  const form = h('form', { class: 'form', novalidate: true }, summary.element, current.element, next.element, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const problems: FormProblem[] = [];
    if (!current.input.value) problems.push({ field: current, message: m.t('data.currentRequired') });
    if (next.input.value.length < 8) problems.push({ field: next, message: m.t('reset.tooShort') });
    if (problems.length) {
      summary.show(problems);
      return;
    }
    void withBusy(submit, m.t('data.saving'), async () => {
      try {
        await api.post('/api/account/password', { currentPassword: current.input.value, newPassword: next.input.value });
        current.input.value = '';
        next.input.value = '';
        toast(m.t('data.passwordChanged'), 'success');
      } catch (err) {
        summary.show(passwordProblems(err, fields, current));
      }
    });
  });
  return section(m.t('data.passwordTitle'), form);
}
