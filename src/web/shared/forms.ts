import { api, ApiError, type FieldError, type SignInAnswer, type User } from './api.ts';
import { h, uid, type Attrs, type Child } from './dom.ts';
import { t, tn } from './i18n.ts';
import { errorText, withBusy } from './ui.ts';

/** One labelled input with its hint and its error message, wired for screen readers. */
export interface Field {
  name: string;
  input: HTMLInputElement;
  element: HTMLElement;
  setError(message: string | null): void;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search';
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  value?: string;
  /** Adds a show/hide toggle to a password field. */
  revealable?: boolean;
}

/** A search box (shop catalogue, checkout's centre filter, staff board): no autocomplete list over the results. */
export function searchInput(attrs: Attrs & { id: string }): HTMLInputElement {
  return h('input', { class: 'input input--search', type: 'search', autocomplete: 'off', ...attrs });
}

export function field(opts: FieldOptions): Field {
  const id = uid(`f-${opts.name}`);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const input = h('input', {
    id,
    name: opts.name,
    type: opts.type ?? 'text',
    class: 'input',
    autocomplete: opts.autocomplete,
    required: opts.required ?? false,
    value: opts.value,
    'aria-describedby': opts.hint ? hintId : undefined,
    spellcheck: opts.type === 'email' || opts.type === 'password' ? 'false' : undefined,
    autocapitalize: opts.type === 'email' || opts.type === 'password' ? 'off' : undefined,
  });
  const error = h('p', { class: 'field__error', id: errorId, hidden: true });
  let control: HTMLElement = input;
  if (opts.revealable && opts.type === 'password') {
    const toggleText = h('span', null, t('form.show'));
    const toggle = h(
      'button',
      { type: 'button', class: 'btn btn--ghost btn--small field__reveal', 'aria-controls': id },
      toggleText,
      h('span', { class: 'sr-only' }, ` ${t('form.thePassword')}`),
    );
    toggle.addEventListener('click', () => {
      const shown = input.type === 'text';
      input.type = shown ? 'password' : 'text';
      toggleText.textContent = shown ? t('form.show') : t('form.hide');
    });
    control = h('div', { class: 'field__control' }, input, toggle);
  }
  const element = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: id }, opts.label),
    opts.hint ? h('p', { class: 'field__hint', id: hintId }, opts.hint) : null,
    error,
    control,
  );
  return {
    name: opts.name,
    input,
    element,
    setError(message) {
      const describedBy = [opts.hint ? hintId : null, message ? errorId : null].filter(Boolean).join(' ');
      if (message) {
        error.textContent = message;
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        element.classList.add('field--invalid');
      } else {
        error.textContent = '';
        error.hidden = true;
        input.removeAttribute('aria-invalid');
        element.classList.remove('field--invalid');
      }
      if (describedBy) input.setAttribute('aria-describedby', describedBy);
      else input.removeAttribute('aria-describedby');
    },
  };
}

export interface FormProblem {
  /** The field the problem belongs to, if any. */
  field?: Field;
  message: string;
}

/**
 * The summary of a form's errors: a live region at the top of the form that lists
 * every problem, each linked to its field. The first faulty field gets the focus.
 */
export function errorSummary(): { element: HTMLElement; show(problems: FormProblem[]): void; clear(fields: Field[]): void } {
  const element = h('div', { class: 'form-errors', 'aria-live': 'assertive', 'aria-atomic': 'true' });
  return {
    element,
    show(problems) {
      element.replaceChildren();
      if (problems.length === 0) {
        element.classList.remove('is-visible');
        return;
      }
      element.classList.add('is-visible');
      const onlyGeneral = problems.every((p) => !p.field);
      if (onlyGeneral) {
        for (const p of problems) element.appendChild(h('p', { class: 'form-errors__message' }, p.message));
      } else {
        element.appendChild(h('p', { class: 'form-errors__title' }, tn('form.errorsTitle', problems.length)));
        element.appendChild(
          h(
            'ul',
            { class: 'form-errors__list' },
            problems.map((p) =>
              h(
                'li',
                null,
                p.field
                  ? h(
                      'a',
                      {
                        href: `#${p.field.input.id}`,
                        class: 'form-errors__link',
                        on: {
                          click: (e) => {
                            e.preventDefault();
                            p.field?.input.focus();
                          },
                        },
                      },
                      p.message,
                    )
                  : p.message,
              ),
            ),
          ),
        );
      }
      for (const p of problems) p.field?.setError(p.message);
      const first = problems.find((p) => p.field)?.field;
      first?.input.focus();
    },
    clear(fields) {
      element.replaceChildren();
      element.classList.remove('is-visible');
      for (const f of fields) f.setError(null);
    },
  };
}

/** Maps the server's `details: [{field, message}]` onto our fields. */
export function problemsFromDetails(details: FieldError[], fields: Field[]): FormProblem[] {
  return details.map((d) => ({ field: fields.find((f) => f.name === d.field), message: d.message }));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const looksLikeEmail = (value: string): boolean => EMAIL.test(value.trim());

// --- The sign-in form ------------------------------------------------------------------------

/**
 * The email and password sign-in form of the shop (/login) and of the staff console
 * (/staff, signed out): checked here first, then POST /api/auth/login; wrong
 * credentials (401), too many tries (429) and a disabled account answered in plain words.
 */
/**
 * A form of the account pages: the error summary, the fields (and `aside` before the button),
 * a full-width submit button; `action` is where it would go without script.
 */
export function accountForm(action: string, fields: Field[], submitLabel: string, aside?: Child) {
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, submitLabel);
  const form = h('form', { class: 'form', novalidate: true, action, method: 'post' }, summary.element, ...fields.map((f) => f.element), aside, submit);
  return { form, summary, submit };
}

export function signInForm(
  /** Where the form would go without script. */
  action: string,
  submitLabel: string,
  /** `cart`: the account's cart when the browser's guest cart was merged into it (with any cuts). */
  onSignedIn: (user: User, cart?: SignInAnswer['cart']) => void,
  /** Shown between the password and the button (the shop's "forgotten password" link). */
  aside?: Child,
): HTMLFormElement {
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
  const { form, summary, submit } = accountForm(action, fields, submitLabel, aside);

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
        const { user, cart } = await api.post<SignInAnswer>('/api/auth/login', { email: emailValue, password: password.input.value });
        onSignedIn(user, cart);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) password.input.value = '';
        summary.show(loginProblems(err, fields));
      }
    });
  });
  return form;
}

function loginProblems(err: unknown, fields: Field[]): FormProblem[] {
  if (err instanceof ApiError) {
    if (err.status === 401) return [{ message: t('error.invalidCredentials') }];
    if (err.status === 429) {
      const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
      return [{ message: tn('error.rateLimited', minutes) }];
    }
    if (err.code === 'account_disabled') {
      const contact = (err.details as { contact?: unknown } | null)?.contact;
      return [{ message: typeof contact === 'string' ? t('error.accountDisabledContact', { contact }) : t('error.accountDisabled') }];
    }
    if (err.status === 400 && err.fieldErrors.length) return problemsFromDetails(err.fieldErrors, fields);
  }
  return [{ message: errorText(err) }];
}
