/**
 * The admin panel's building blocks: labelled controls that plug into the shared error
 * summary, a confirmation dialog, pagination, scrollable tables, badges, dates, euros,
 * and the turning of API errors into sentences.
 */

import { api, ApiError, isAbort } from '../shared/api.ts';
import { h, mount, uid, type Child } from '../shared/dom.ts';
import { errorSummary, problemsFromDetails, type Field, type FormProblem } from '../shared/forms.ts';
import { getLocale, t } from '../shared/i18n.ts';
import { errorState, spinner } from '../shared/ui.ts';
import { m, type AdminKey } from './messages.ts';
import { setTitle, type PageContext } from './router.ts';
import type { Role } from '../../contract/index.ts';

// --- Fields ------------------------------------------------------------------------------------

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Wraps any control (select, textarea, number input) as a shared-forms `Field`, so
 * `errorSummary()` and `problemsFromDetails()` work with it. They only use the
 * control's id, focus() and aria attributes, which every control has.
 */
function asField(name: string, control: Control, element: HTMLElement, error: HTMLElement, hintId: string | null): Field {
  return {
    name,
    input: control as HTMLInputElement,
    element,
    setError(message) {
      const describedBy = [hintId, message ? error.id : null].filter(Boolean).join(' ');
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      element.classList.toggle('field--invalid', Boolean(message));
      if (describedBy) control.setAttribute('aria-describedby', describedBy);
      else control.removeAttribute('aria-describedby');
    },
  };
}

function labelled(name: string, label: string, control: Control, hint?: string): Field {
  const id = uid(`f-${name}`);
  control.id = id;
  control.name = name;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const error = h('p', { class: 'field__error', id: `${id}-error`, hidden: true });
  const element = h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: id }, label),
    hint ? h('p', { class: 'field__hint', id: hintId }, hint) : null,
    error,
    control,
  );
  return asField(name, control, element, error, hintId);
}

/** What every labelled field takes: its name in the form, its label and hint, its value, whether it is required. */
interface FieldOptions {
  name: string;
  label: string;
  hint?: string;
  value?: string;
  required?: boolean;
}

export function textField(
  opts: FieldOptions & {
    inputmode?: string;
    autocomplete?: string;
    maxlength?: number;
    className?: string;
    list?: string;
  },
): Field {
  const input = h('input', {
    type: 'text',
    class: `input ${opts.className ?? ''}`,
    required: opts.required ?? false,
    inputmode: opts.inputmode,
    autocomplete: opts.autocomplete ?? 'off',
    maxlength: opts.maxlength,
    list: opts.list,
  });
  input.value = opts.value ?? '';
  return labelled(opts.name, opts.label, input, opts.hint);
}

export function textareaField(opts: FieldOptions & { rows?: number; maxlength?: number }): Field {
  const area = h('textarea', { class: 'input textarea', rows: opts.rows ?? 4, maxlength: opts.maxlength, required: opts.required ?? false });
  area.value = opts.value ?? '';
  return labelled(opts.name, opts.label, area, opts.hint);
}

export function selectField(opts: FieldOptions & { options: Array<{ value: string; label: string }> }): Field {
  const select = h(
    'select',
    { class: 'input select', required: opts.required ?? false },
    opts.options.map((o) => h('option', { value: o.value, selected: o.value === (opts.value ?? '') }, o.label)),
  );
  select.value = opts.value ?? '';
  return labelled(opts.name, opts.label, select, opts.hint);
}

export function checkboxField(opts: { name: string; label: string; hint?: string; checked?: boolean }): { input: HTMLInputElement; element: HTMLElement } {
  const id = uid(`f-${opts.name}`);
  const hintId = opts.hint ? `${id}-hint` : undefined;
  const input = h('input', { type: 'checkbox', id, name: opts.name, class: 'check__input', 'aria-describedby': hintId });
  input.checked = opts.checked ?? false;
  const element = h(
    'div',
    { class: 'field field--check' },
    h('div', { class: 'check' }, input, h('label', { class: 'check__label', for: id }, opts.label)),
    opts.hint ? h('p', { class: 'field__hint', id: hintId }, opts.hint) : null,
  );
  return { input, element };
}

/** A file input (the image upload): a `Field` so its errors join the summary. */
export function fileField(opts: { name: string; label: string; hint?: string; accept: string }): Field {
  const input = h('input', { type: 'file', class: 'input input--file', accept: opts.accept });
  return labelled(opts.name, opts.label, input, opts.hint);
}

// --- Money --------------------------------------------------------------------------------------

/** "1,89" / "1.89" / "2" / "1 234,5 €" → cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const [whole = '0', decimals = ''] = s.split('.');
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** 189 → "1,89" (French) or "1.89" (English), for an input's value. */
export function centsToInput(cents: number): string {
  const text = (cents / 100).toFixed(2);
  return getLocale().startsWith('fr') ? text.replace('.', ',') : text;
}

/** A whole number typed by a person ("+10", "-3", " 4 "); null otherwise. */
export function parseWhole(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace('−', '-');
  if (!/^[+-]?\d{1,6}$/.test(s)) return null;
  return Number(s);
}

/** A decimal number (latitude) typed with a comma or a dot; null otherwise. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(',', '.').replace('−', '-');
  if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

// --- Dates --------------------------------------------------------------------------------------

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "26/11/2026 16:06": short, for tables. */
export function formatShortDateTime(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(new Date(iso));
}

export function timeEl(iso: string, text = formatDateTime(iso)): HTMLElement {
  return h('time', { datetime: iso }, text);
}

// --- Labels and badges ------------------------------------------------------------------------

// The status in words and as a badge: the same in the staff console.
export { statusBadge, statusLabel } from '../shared/console-ui.ts';
export const roleLabel = (role: Role | string): string => m(`role.${role}` as AdminKey);

export function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge badge--${kind}` }, text);
}

export const saleBadge = (onSale: boolean): HTMLElement => badge(onSale ? m('product.onSale') : m('product.offSale'), onSale ? 'ok' : 'off');
export const roleBadge = (role: Role): HTMLElement => badge(roleLabel(role), `role-${role}`);

// --- Page pieces -------------------------------------------------------------------------------

/** The page's title line: the <h1>, an optional line under it and actions on the right. */
export function pageHead(title: string, opts: { intro?: Child; actions?: Child; back?: { href: string; label: string } } = {}): HTMLElement {
  return h(
    'div',
    { class: 'page-head' },
    opts.back ? h('p', { class: 'page-head__back' }, h('a', { href: opts.back.href }, h('span', { 'aria-hidden': 'true' }, '← '), opts.back.label)) : null,
    h(
      'div',
      { class: 'page-head__row' },
      h(
        'div',
        { class: 'page-head__text' },
        h('h1', { class: 'page-title', tabindex: '-1' }, title),
        opts.intro ? h('p', { class: 'page-intro' }, opts.intro) : null,
      ),
      opts.actions ? h('div', { class: 'page-head__actions actions' }, opts.actions) : null,
    ),
  );
}

/**
 * A table in a region that scrolls sideways on a narrow screen. The region takes the
 * keyboard focus only when it actually scrolls (so it can be scrolled without a mouse).
 */
export function tableRegion(label: string, table: HTMLTableElement): HTMLElement {
  const wrap = h('div', { class: 'table-wrap', role: 'region', 'aria-label': label }, table);
  const check = () => {
    if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute('tabindex', '0');
    else wrap.removeAttribute('tabindex');
  };
  new ResizeObserver(check).observe(wrap);
  return wrap;
}

export function pager(opts: { page: number; pageSize: number; total: number; href: (page: number) => string }): HTMLElement | null {
  const pages = Math.max(1, Math.ceil(opts.total / opts.pageSize));
  if (pages <= 1) return null;
  const page = Math.min(opts.page, pages);
  const link = (to: number, label: string, rel: string) =>
    to < 1 || to > pages
      ? h('span', { class: 'btn btn--ghost btn--small is-disabled', 'aria-hidden': 'true' }, label)
      : h('a', { class: 'btn btn--ghost btn--small', href: opts.href(to), rel }, label);
  return h(
    'nav',
    { class: 'pager', 'aria-label': m('pager.label') },
    link(page - 1, m('pager.previous'), 'prev'),
    h('p', { class: 'pager__where', 'aria-current': 'page' }, m('pager.pageOf', { page, pages })),
    link(page + 1, m('pager.next'), 'next'),
  );
}

/** `path?query` from a record, leaving out empty values and page 1. */
export function hrefWith(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'page' && Number(v) <= 1) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function pageNumber(query: URLSearchParams): number {
  const n = Number(query.get('page'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

// --- Errors -------------------------------------------------------------------------------------

let authLost: (err: ApiError) => void = () => undefined;

/** main.ts says what to do when the session ends or loses its admin role mid-way. */
export function onAuthLost(fn: (err: ApiError) => void): void {
  authLost = fn;
}

/** A 401 (signed out) or 403 (no longer an admin) during use: the gate takes over. */
export function handledAuthError(err: unknown): boolean {
  if (err instanceof ApiError && (err.status === 401 || (err.status === 403 && err.code === 'forbidden'))) {
    authLost(err);
    return true;
  }
  return false;
}

/**
 * A record's page whose record could not be read: nothing more when the page was left or the
 * sign-in gate took over; "not found" for a 404; else the error, with a retry.
 */
export function recordLoadFailed(
  ctx: PageContext,
  err: unknown,
  page: { record: 'order' | 'user' | 'product'; title: string; back: { href: string; label: string }; retry: () => void },
): void {
  if (ctx.signal.aborted || handledAuthError(err)) return;
  if (err instanceof ApiError && err.status === 404) {
    setTitle(m(`${page.record}.notFound`), m('doc.title'));
    mount(ctx.main, pageHead(m(`${page.record}.notFound`), { back: page.back }), h('p', null, m(`${page.record}.notFoundText`)));
    return;
  }
  mount(ctx.main, pageHead(page.title, { back: page.back }), errorState({ title: m('load.failed'), error: err, onRetry: page.retry }));
}

/** The sentence to show for a failed action: ours for the codes we know, else the server's. */
export function problemText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('common.error');
  if (err.status === 0) return t('common.networkError');
  const known: Record<string, AdminKey> = {
    last_admin: 'error.last_admin',
    self_demotion: 'error.self_demotion',
    conflict: 'error.conflict',
    invalid_transition: 'error.invalid_transition',
    insufficient_stock: 'error.insufficient_stock',
    payload_too_large: 'error.payload_too_large',
    not_found: 'error.not_found',
    rate_limited: 'error.rate_limited',
    forbidden_origin: 'error.forbidden_origin',
  };
  const key = known[err.code];
  if (key) return m(key);
  if (err.status >= 400 && err.status < 500 && err.message) return err.message;
  return t('common.error');
}

/**
 * Loads what a page shows into `target` with a spinner, then an error with a retry
 * button if it fails. Returns undefined when it failed or the page was left.
 */
export async function loadInto<T>(
  target: HTMLElement,
  opts: { signal: AbortSignal; loading: string; fetch: () => Promise<T>; onRetry: () => void },
): Promise<T | undefined> {
  target.setAttribute('aria-busy', 'true');
  target.replaceChildren(spinner(opts.loading));
  try {
    const data = await opts.fetch();
    if (opts.signal.aborted) return undefined;
    target.removeAttribute('aria-busy');
    target.replaceChildren();
    return data;
  } catch (err) {
    if (isAbort(err) || opts.signal.aborted) return undefined;
    target.removeAttribute('aria-busy');
    if (handledAuthError(err)) return undefined;
    if (err instanceof ApiError && err.status === 404) {
      target.replaceChildren(h('div', { class: 'state state--error', role: 'alert' }, h('p', { class: 'state__title' }, m('error.not_found'))));
      return undefined;
    }
    target.replaceChildren(errorState({ title: m('load.failed'), error: err, onRetry: opts.onRetry }));
    return undefined;
  }
}

/**
 * The load-and-render block of a page that shows a whole list (centres, categories): the
 * list at `path` is loaded into `results` (spinner, then an error with a retry button if it
 * fails) and handed to `show`, which keeps it and draws it. Resolves once the first load is
 * over (shown, failed or left).
 */
export async function loadListInto<T>(
  results: HTMLElement,
  list: { path: string; loading: string; signal: AbortSignal },
  show: (items: T[]) => void,
): Promise<void> {
  const load = async (): Promise<void> => {
    const items = await loadInto(results, { ...list, fetch: () => api.get<T[]>(list.path, { signal: list.signal }), onRetry: () => void load() });
    if (items) show(items);
  };
  await load();
}

/**
 * An admin form: the error summary at its top (the page checks the fields and lists the
 * problems there), the content, then the submit button in the actions row.
 */
export function adminForm(submitLabel: string, content: Child[], className = 'form') {
  const summary = errorSummary();
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, submitLabel);
  const form = h('form', { class: className, novalidate: true }, summary.element, ...content, h('div', { class: 'actions' }, submit));
  return { form, summary, submit };
}

/** A refused save, for the form's error summary: the fields the server named (400), else one sentence. */
export function serverProblems(err: unknown, fields: Field[]): FormProblem[] {
  if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) return problemsFromDetails(err.fieldErrors, fields);
  return [{ message: problemText(err) }];
}

// --- Confirmation dialog ------------------------------------------------------------------------

export interface ConfirmOptions {
  title: string;
  text?: string;
  confirm: string;
  /** The label of the button that closes without acting ("Annuler" by default). */
  cancel?: string;
  danger?: boolean;
  /** Asks for a note (a reason) before confirming. */
  note?: { label: string; hint?: string; required?: boolean; requiredMessage?: string };
  /** Also offers an optional message (for the customer, say), answered as `message`. */
  message?: { label: string; hint?: string };
}

/**
 * A modal <dialog> (the browser traps the focus, Escape cancels). Resolves with the
 * note (or '') and the message (or '') when confirmed, null when cancelled; the focus goes
 * back where it was.
 */
export function confirmDialog(opts: ConfirmOptions): Promise<{ note: string; message: string } | null> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = uid('dlg-title');
  const textId = uid('dlg-text');
  const note = opts.note
    ? textareaField({ name: 'note', label: opts.note.label, hint: opts.note.hint, rows: 3, maxlength: 500, required: opts.note.required })
    : null;
  const message = opts.message ? textareaField({ name: 'message', label: opts.message.label, hint: opts.message.hint, rows: 2, maxlength: 500 }) : null;
  const cancel = h('button', { type: 'button', class: 'btn btn--ghost' }, opts.cancel ?? m('dialog.cancel'));
  const ok = h('button', { type: 'submit', class: `btn ${opts.danger ? 'btn--danger' : 'btn--primary'}` }, opts.confirm);
  const form = h(
    'form',
    { class: 'dialog__form', method: 'dialog', novalidate: true },
    h('h2', { class: 'dialog__title', id: titleId }, opts.title),
    opts.text ? h('p', { class: 'dialog__text', id: textId }, opts.text) : null,
    note?.element,
    message?.element,
    h('div', { class: 'dialog__actions actions' }, cancel, ok),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': opts.text ? textId : undefined }, form);
  document.body.appendChild(dialog);

  return new Promise((resolve) => {
    let result: { note: string; message: string } | null = null;
    const finish = () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(result);
    };
    dialog.addEventListener('close', finish, { once: true });
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = note?.input.value.trim() ?? '';
      if (note && opts.note?.required && !value) {
        note.setError(opts.note.requiredMessage ?? m('dialog.noteRequired'));
        note.input.focus();
        return;
      }
      result = { note: value, message: message?.input.value.trim() ?? '' };
      dialog.close();
    });
    dialog.showModal();
    (note?.input ?? cancel).focus();
  });
}
