/** The page a reset link opens (/reset-password?token=…): a new password, then every session is closed. */

import { api, ApiError } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { accountForm, field, problemsFromDetails, type FormProblem } from '../../shared/forms.ts';
import { setUser } from '../../shared/session.ts';
import { errorText, withBusy } from '../../shared/ui.ts';
import type { PageContext } from '../router.ts';
import { linkPage } from './auth-common.ts';
import { m } from './account-messages.ts';

export function renderResetPassword(ctx: PageContext): void {
  const { token, panel, outcome } = linkPage(ctx, m.t('reset.title'));

  if (!token) {
    showProblem(m.t('reset.missing'));
    return;
  }

  const password = field({
    name: 'password',
    label: m.t('reset.password'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    hint: m.t('reset.passwordHint'),
    revealable: true,
  });
  const confirm = field({ name: 'confirm', label: m.t('reset.confirm'), type: 'password', autocomplete: 'new-password', required: true });
  const fields = [password, confirm];
  const { form, summary, submit } = accountForm('/reset-password', fields, m.t('reset.submit'));
  mount(panel, h('h1', { class: 'page-title' }, m.t('reset.title')), h('p', { class: 'page-intro' }, m.t('reset.intro')), form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const problems: FormProblem[] = [];
    if (password.input.value.length < 8) problems.push({ field: password, message: m.t('reset.tooShort') });
    else if (confirm.input.value !== password.input.value) problems.push({ field: confirm, message: m.t('reset.mismatch') });
    if (problems.length) {
      summary.show(problems);
      return;
    }
    void withBusy(submit, m.t('reset.sending'), async () => {
      try {
        await api.post('/api/auth/password/reset', { token, password: password.input.value }, { signal: ctx.signal });
        // Every session of the account ended, this browser's too.
        setUser(null);
        outcome('success', m.t('reset.doneTitle'), m.t('reset.done'), h('a', { class: 'btn btn--primary', href: '/login' }, m.t('reset.login')));
      } catch (err) {
        if (ctx.signal.aborted) return;
        if (err instanceof ApiError && err.code === 'invalid_token') showProblem(m.t('reset.invalid'));
        else if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) summary.show(problemsFromDetails(err.fieldErrors, fields));
        else summary.show([{ message: errorText(err) }]);
      }
    });
  });

  function showProblem(text: string): void {
    outcome('error', m.t('reset.invalidTitle'), text, h('a', { class: 'btn btn--primary', href: '/forgot-password' }, m.t('reset.askAgain')));
  }
}
