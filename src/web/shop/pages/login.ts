/** Sign-in: email and password; 401 and 429 answered in plain words. */

import { api, ApiError, type User } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { t, tn } from '../../shared/i18n.ts';
import { errorSummary, field, looksLikeEmail, problemsFromDetails, type FormProblem } from '../../shared/forms.ts';
import { currentUser, setUser, signOut } from '../../shared/session.ts';
import { errorText, toast, withBusy } from '../../shared/ui.ts';
import { navigate, type PageContext } from '../router.ts';
import { nextOf, providerButtons, withNext } from './auth-common.ts';

export function renderLogin(ctx: PageContext): void {
  ctx.setTitle(t('login.title'));
  const next = nextOf(ctx.query);

  const email = field({ name: 'email', label: t('field.email'), type: 'email', autocomplete: 'username', required: true });
  const password = field({
    name: 'password',
    label: t('field.password'),
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    revealable: true,
  });
  const fields = [email, password];
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, t('login.submit'));
  const forgot = h('p', { class: 'form__aside' }, h('a', { href: '/forgot-password' }, t('login.forgot')));
  const form = h('form', { class: 'form', novalidate: true, action: '/login', method: 'post' }, summary.element, email.element, password.element, forgot, submit);

  const user = currentUser();
  const already = user
    ? h(
        'div',
        { class: 'notice' },
        h('p', null, t('login.already', { name: user.name })),
        h(
          'p',
          { class: 'notice__actions' },
          h('a', { class: 'btn btn--secondary btn--small', href: next }, t('login.continue')),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn--ghost btn--small',
              on: {
                click: () =>
                  void signOut().then(
                    () => already?.remove(),
                    () => toast(t('logout.failed'), 'error'),
                  ),
              },
            },
            t('nav.logout'),
          ),
        ),
      )
    : null;

  mount(
    ctx.main,
    h(
      'div',
      { class: 'container container--narrow' },
      h(
        'div',
        { class: 'panel' },
        h('h1', { class: 'page-title' }, t('login.title')),
        h('p', { class: 'page-intro' }, t('login.intro')),
        already,
        form,
        providerButtons(ctx.signal),
        h('p', { class: 'panel__footer' }, `${t('login.noAccount')} `, h('a', { href: withNext('/register', ctx.query) }, t('login.registerLink'))),
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
        const { user: me } = await api.post<{ user: User }>('/api/auth/login', { email: emailValue, password: password.input.value });
        setUser(me);
        toast(t('login.welcome', { name: me.name }), 'success');
        navigate(next, { replace: true });
      } catch (err) {
        summary.show(loginProblems(err, fields));
        if (err instanceof ApiError && err.status === 401) {
          password.input.value = '';
        }
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
