/** "Mot de passe oublié": asks for a reset link; the answer is the same whether the address has an account or not. */

import { api, ApiError } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { accountForm, field, looksLikeEmail, problemsFromDetails, type FormProblem } from '../../shared/forms.ts';
import { errorText, withBusy } from '../../shared/ui.ts';
import { focusHeading, type PageContext } from '../router.ts';
import { m } from './account-messages.ts';

export function renderForgotPassword(ctx: PageContext): void {
  ctx.setTitle(m.t('forgot.title'));
  const panel = h('div', { class: 'panel' });
  mount(ctx.main, h('div', { class: 'container container--narrow' }, panel));
  showForm(ctx.query.get('email') ?? '');

  function showForm(prefill: string): void {
    const email = field({ name: 'email', label: m.t('forgot.email'), type: 'email', autocomplete: 'email', required: true, value: prefill || undefined });
    const { form, summary, submit } = accountForm('/forgot-password', [email], m.t('forgot.submit'));
    mount(
      panel,
      h('h1', { class: 'page-title' }, m.t('forgot.title')),
      h('p', { class: 'page-intro' }, m.t('forgot.intro')),
      form,
      h('p', { class: 'panel__footer' }, h('a', { href: '/login' }, m.t('forgot.backToLogin'))),
    );

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      summary.clear([email]);
      const value = email.input.value.trim();
      const problems: FormProblem[] = [];
      if (!value) problems.push({ field: email, message: m.t('forgot.emailRequired') });
      else if (!looksLikeEmail(value)) problems.push({ field: email, message: m.t('forgot.emailInvalid') });
      if (problems.length) {
        summary.show(problems);
        return;
      }
      void withBusy(submit, m.t('forgot.sending'), async () => {
        try {
          await api.post('/api/auth/password/forgot', { email: value }, { signal: ctx.signal });
          showSent(value);
        } catch (err) {
          if (ctx.signal.aborted) return;
          if (err instanceof ApiError && err.status === 429) {
            summary.show([{ message: m.t('forgot.rateLimited', { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)) }) }]);
          } else if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
            summary.show(problemsFromDetails(err.fieldErrors, [email]));
          } else {
            summary.show([{ message: errorText(err) }]);
          }
        }
      });
    });
  }

  function showSent(address: string): void {
    const again = h('button', { type: 'button', class: 'btn btn--secondary' }, m.t('forgot.again'));
    again.addEventListener('click', () => {
      showForm(address);
      focusHeading();
    });
    mount(
      panel,
      h('h1', { class: 'page-title' }, m.t('forgot.sentTitle')),
      h('div', { class: 'notice notice--success', role: 'status' }, h('p', null, m.t('forgot.sent', { email: address }))),
      h('p', { class: 'muted' }, m.t('forgot.spam')),
      h('p', { class: 'notice__actions' }, again, h('a', { class: 'btn btn--ghost', href: '/login' }, m.t('forgot.backToLogin'))),
    );
    focusHeading();
  }
}
