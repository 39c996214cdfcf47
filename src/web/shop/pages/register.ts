/** Sign-up: name, email, password; the server's field errors shown next to each field. */

import { api, ApiError, type SignInAnswer } from '../../shared/api.ts';
import { cartNames } from '../cart-store.ts';
import { reportCuts } from '../add-to-cart.ts';
import { getLang, t } from '../../shared/i18n.ts';
import { accountForm, field, looksLikeEmail, problemsFromDetails, type Field, type FormProblem } from '../../shared/forms.ts';
import { setUser } from '../../shared/session.ts';
import { errorText, toast, withBusy } from '../../shared/ui.ts';
import { navigate, type PageContext } from '../router.ts';
import { authPage, nextOf } from './auth-common.ts';

export function renderRegister(ctx: PageContext): void {
  ctx.setTitle(t('register.title'));
  const next = nextOf(ctx.query);

  const name = field({ name: 'name', label: t('field.name'), autocomplete: 'name', required: true });
  const email = field({
    name: 'email',
    label: t('field.email'),
    type: 'email',
    autocomplete: 'email',
    required: true,
    hint: t('field.emailHint'),
  });
  const password = field({
    name: 'password',
    label: t('field.password'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    hint: t('field.passwordHint'),
    revealable: true,
  });
  const fields = [name, email, password];
  const { form, summary, submit } = accountForm('/register', fields, t('register.submit'));

  authPage(ctx, t('register.title'), t('register.intro'), form, t('register.haveAccount'), ['/login', t('register.loginLink')]);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    summary.clear(fields);
    const values = { name: name.input.value.trim(), email: email.input.value.trim(), password: password.input.value };
    const problems: FormProblem[] = [];
    if (!values.name) problems.push({ field: name, message: t('error.nameRequired') });
    if (!values.email) problems.push({ field: email, message: t('error.emailRequired') });
    else if (!looksLikeEmail(values.email)) problems.push({ field: email, message: t('error.emailInvalid') });
    if (!values.password) problems.push({ field: password, message: t('error.passwordRequired') });
    else if (values.password.length < 8) problems.push({ field: password, message: t('error.passwordShort') });
    if (problems.length) {
      summary.show(problems);
      return;
    }
    void withBusy(submit, t('form.sending'), async () => {
      try {
        const names = cartNames();
        const { user, cart } = await api.post<SignInAnswer>('/api/auth/register', { ...values, locale: getLang() });
        setUser(user);
        toast(t('register.welcome', { name: user.name }), 'success');
        if (cart) reportCuts(cart, names);
        navigate(next, { replace: true });
      } catch (err) {
        summary.show(registerProblems(err, fields, email));
      }
    });
  });
}

function registerProblems(err: unknown, fields: Field[], email: Field): FormProblem[] {
  if (err instanceof ApiError) {
    if (err.code === 'email_taken') return [{ field: email, message: t('error.emailTaken') }];
    if (err.status === 400 && err.fieldErrors.length) return problemsFromDetails(err.fieldErrors, fields);
  }
  return [{ message: errorText(err) }];
}
