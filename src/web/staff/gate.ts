/**
 * Before the console: a sign-in form for signed-out visitors (right here, no detour
 * through the shop) and a clear refusal page for customer accounts.
 */

import { api, ApiError, type User } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { errorSummary, field, looksLikeEmail, problemsFromDetails, type FormProblem } from '../shared/forms.ts';
import { t, tn } from '../shared/i18n.ts';
import { errorText, withBusy } from '../shared/ui.ts';
import { m } from './messages.ts';

export function renderSignIn(main: HTMLElement, opts: { expired?: boolean; onSignedIn(user: User): void }): void {
  document.title = `${m('signin.title')} — ${t('title.suffix')}`;
  const email = field({ name: 'email', label: t('field.email'), type: 'email', autocomplete: 'username', required: true });
  const password = field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'current-password', required: true, revealable: true });
  const fields = [email, password];
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, m('signin.submit'));
  const form = h('form', { class: 'form', novalidate: true, action: '/staff', method: 'post' }, summary.element, email.element, password.element, submit);

  mount(
    main,
    h(
      'div',
      { class: 'container container--narrow' },
      h(
        'div',
        { class: 'panel' },
        h('h1', { class: 'page-title', tabindex: '-1' }, m('signin.title')),
        opts.expired ? h('p', { class: 'notice', role: 'status' }, m('session.expired')) : null,
        h('p', { class: 'page-intro' }, m('signin.intro')),
        form,
      ),
    ),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const problems: FormProblem[] = [];
    const emailValue = email.input.value.trim();
    if (!emailValue) problems.push({ field: email, message: t('error.emailRequired') });
    else if (!looksLikeEmail(emailValue)) problems.push({ field: email, message: t('error.emailInvalid') });
    if (!password.input.value) problems.push({ field: password, message: t('error.passwordRequired') });
    if (problems.length) {
      summary.show(problems);
      return;
    }
    void withBusy(submit, t('form.sending'), async () => {
      try {
        const { user } = await api.post<{ user: User }>('/api/auth/login', { email: emailValue, password: password.input.value });
        opts.onSignedIn(user);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) password.input.value = '';
        summary.show(loginProblems(err, fields));
      }
    });
  });
}

function loginProblems(err: unknown, fields: ReturnType<typeof field>[]): FormProblem[] {
  if (err instanceof ApiError) {
    if (err.status === 401) return [{ message: t('error.invalidCredentials') }];
    if (err.status === 429) {
      const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
      return [{ message: tn('error.rateLimited', minutes) }];
    }
    if (err.code === 'account_disabled') return [{ message: t('error.accountDisabled') }];
    if (err.status === 400 && err.fieldErrors.length) return problemsFromDetails(err.fieldErrors, fields);
  }
  return [{ message: errorText(err) }];
}

export function renderForbidden(main: HTMLElement, opts: { user: User; onSignOut(): void }): void {
  document.title = `${m('forbidden.title')} — ${t('title.suffix')}`;
  const signOut = h('button', { type: 'button', class: 'btn btn--secondary' }, m('forbidden.signOut'));
  signOut.addEventListener('click', () => opts.onSignOut());
  mount(
    main,
    h(
      'div',
      { class: 'container container--narrow' },
      h(
        'div',
        { class: 'panel' },
        h('h1', { class: 'page-title', tabindex: '-1' }, m('forbidden.title')),
        h('p', null, m('forbidden.text', { name: opts.user.name })),
        h('p', { class: 'muted' }, m('forbidden.hint')),
        h('p', { class: 'actions' }, h('a', { class: 'btn btn--primary', href: '/' }, m('forbidden.toShop')), signOut),
      ),
    ),
  );
}
