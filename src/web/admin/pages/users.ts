/**
 * Accounts: search by name or email, filter by role; one account's page with its role,
 * disable / enable (with confirmation) and its orders. The server's refusals (the last
 * admin, an admin demoting or disabling themself) are shown next to the control.
 */

import { api, ApiError } from '../../shared/api.ts';
import { dataTable } from '../../shared/console-ui.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import { currentUser } from '../../shared/session.ts';
import { emptyState, spinner, toast, withBusy } from '../../shared/ui.ts';
import {
  recordLoadFailed,
  badge,
  confirmDialog,
  formatDate,
  handledAuthError,
  hrefWith,
  loadInto,
  pageHead,
  pageNumber,
  pager,
  problemText,
  roleBadge,
  roleLabel,
  selectField,
  tableRegion,
  textField,
} from '../kit.ts';
import { m, mn } from '../messages.ts';
import { setupMayHaveChanged } from '../setup.ts';
import { navigate, setTitle, type PageContext, type PageHandle } from '../router.ts';
import { ROLES } from '../../../contract/enums.ts';
import type { AdminUser, AdminUserDetail, Paged, Role } from '../../../contract/index.ts';
import { ordersTable } from './orders.ts';

const PAGE_SIZE = 25;

const stateBadge = (u: AdminUser) => (u.disabled ? badge(m('users.disabled'), 'off') : badge(m('users.active'), 'ok'));

export async function usersPage(ctx: PageContext): Promise<PageHandle> {
  setTitle(m('users.title'), m('doc.title'));
  const q = textField({ name: 'q', label: m('users.search'), hint: m('users.searchHint') });
  q.input.type = 'search';
  const role = selectField({
    name: 'role',
    label: m('users.roleFilter'),
    options: [{ value: '', label: m('users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: roleLabel(r) }))],
  });
  const clear = h('a', { class: 'btn btn--ghost btn--small', href: '/admin/users' }, m('filters.clear'));
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': m('users.filtersLabel'), action: '/admin/users', method: 'get' },
    h('div', { class: 'filters__item filters__item--grow' }, q.element),
    h('div', { class: 'filters__item' }, role.element),
    h('div', { class: 'filters__buttons actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, m('filters.apply'))),
  );
  const count = h('p', { class: 'result-count', role: 'status' });
  const results = h('div', { class: 'results' });
  mount(ctx.main, pageHead(m('users.title'), { intro: m('users.intro') }), form, h('div', { class: 'results-bar' }, count, clear), results);

  let current = ctx;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(hrefWith('/admin/users', { q: q.input.value.trim(), role: role.input.value }));
  });

  async function load(c: PageContext): Promise<void> {
    current = c;
    const text = c.query.get('q') ?? '';
    const r = ROLES.includes(c.query.get('role') as Role) ? (c.query.get('role') as string) : '';
    q.input.value = text;
    role.input.value = r;
    clear.hidden = !(text || r);
    const page = pageNumber(c.query);
    count.textContent = '';
    const data = await loadInto(results, {
      signal: c.signal,
      loading: m('users.loading'),
      fetch: () => api.get<Paged<AdminUser>>(hrefWith('/api/admin/users', { q: text, role: r, page, pageSize: PAGE_SIZE }), { signal: c.signal }),
      onRetry: () => void load(current),
    });
    if (!data) return;
    const sentence = text ? mn('users.countQuery', data.total, { q: text }) : mn('users.count', data.total);
    count.textContent = sentence;
    if (data.items.length === 0) {
      results.replaceChildren(emptyState({ title: text || r ? m('users.emptyFiltered') : m('users.empty') }));
      return;
    }
    const table = dataTable({
      class: 'table',
      caption: sentence,
      columns: [
        [m('users.col.name')],
        [m('users.col.email')],
        [m('users.col.role')],
        [m('users.col.state')],
        [m('users.col.orders'), 'num'],
        [m('users.col.created'), 'col-hide-md'],
      ],
      rows: data.items.map((u) =>
        h(
          'tr',
          { class: u.disabled ? 'is-off' : '' },
          h('td', null, h('a', { class: 'row-link', href: `/admin/users/${u.id}` }, u.name)),
          h('td', { class: 'cell-break' }, u.email),
          h('td', null, roleBadge(u.role)),
          h('td', null, stateBadge(u)),
          h('td', { class: 'num' }, String(u.orderCount)),
          h('td', { class: 'col-hide-md' }, formatDate(u.createdAt)),
        ),
      ),
    });
    results.replaceChildren(
      tableRegion(sentence, table),
      pager({ page, pageSize: PAGE_SIZE, total: data.total, href: (n) => hrefWith('/admin/users', { q: text, role: r, page: n }) }) ?? '',
    );
  }

  await load(ctx);
  return { update: (c) => load(c) };
}

/** The refusals of the account routes, in words. */
function refusal(err: unknown): string {
  if (err instanceof ApiError && err.code === 'last_admin') return m('error.last_admin');
  if (err instanceof ApiError && err.code === 'self_demotion') return m('error.self_demotion');
  return problemText(err);
}

export async function userPage(ctx: PageContext): Promise<PageHandle | void> {
  const id = ctx.params.id ?? '';
  const back = { href: '/admin/users', label: m('user.back') };
  setTitle(m('user.loadingTitle'), m('doc.title'));
  mount(ctx.main, spinner(m('user.loading')));
  let user: AdminUserDetail;
  try {
    user = await api.get<AdminUserDetail>(`/api/admin/users/${encodeURIComponent(id)}`, { signal: ctx.signal });
  } catch (err) {
    recordLoadFailed(ctx, err, { record: 'user', title: m('user.loadingTitle'), back, retry: () => void userPage(ctx) });
    return;
  }
  if (ctx.signal.aborted) return;
  setTitle(user.name, m('doc.title'));
  const isMe = currentUser()?.id === user.id;

  const facts = h('dl', { class: 'details' });
  const renderFacts = () =>
    facts.replaceChildren(
      ...(
        [
          [m('user.email'), h('a', { href: `mailto:${user.email}` }, user.email)],
          [m('user.role'), roleBadge(user.role)],
          [
            m('user.state'),
            [stateBadge(user), user.disabledAt ? h('span', { class: 'cell-sub' }, m('user.disabledSince', { date: formatDate(user.disabledAt) })) : null],
          ],
          [m('user.created'), formatDate(user.createdAt)],
          [m('user.locale'), user.locale === 'en' ? 'English' : 'Français'],
        ] as Array<[string, HTMLElement | string | Array<HTMLElement | null>]>
      ).map(([k, v]) => h('div', { class: 'details__row' }, h('dt', null, k), h('dd', null, v))),
    );
  renderFacts();

  // Role.
  const roleAlert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const role = selectField({
    name: 'role',
    label: m('user.roleLabel'),
    hint: m('user.roleHint'),
    value: user.role,
    options: ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
  });
  const roleSubmit = h('button', { type: 'submit', class: 'btn btn--primary' }, m('user.roleSave'));
  const roleForm = h('form', { class: 'form', novalidate: true }, roleAlert, role.element, h('div', { class: 'actions' }, roleSubmit));
  roleForm.addEventListener('submit', (event) => {
    event.preventDefault();
    roleAlert.hidden = true;
    const next = role.input.value as Role;
    if (next === user.role) {
      toast(m('user.roleUnchanged'), 'info');
      return;
    }
    void confirmRoleChange(next);
  });
  /** A role change is confirmed first, naming what the new role may do. */
  async function confirmRoleChange(next: Role): Promise<void> {
    const ok = await confirmDialog({
      title: m('user.roleConfirmTitle', { name: user.name, role: roleLabel(next) }),
      text: m(`user.roleMay.${next}` as const),
      confirm: m('user.roleConfirm', { role: roleLabel(next) }),
      danger: next === 'admin',
    });
    if (!ok) {
      role.input.value = user.role;
      return;
    }
    await withBusy(roleSubmit, m('form.saving'), async () => {
      try {
        const saved = await api.patch<AdminUser>(`/api/admin/users/${user.id}`, { role: next });
        setupMayHaveChanged();
        user = { ...user, ...saved };
        renderFacts();
        toast(m('user.roleSaved', { name: user.name, role: roleLabel(user.role) }), 'success');
      } catch (err) {
        if (handledAuthError(err)) return;
        role.input.value = user.role;
        roleAlert.textContent = refusal(err);
        roleAlert.hidden = false;
      }
    });
  }

  // Disable / enable.
  const accessAlert = h('div', { class: 'alert alert--error', role: 'alert', hidden: true });
  const accessBody = h('div', { class: 'access' });
  const renderAccess = (focus = false) => {
    const button = user.disabled
      ? h('button', { type: 'button', class: 'btn btn--secondary' }, m('user.enable'))
      : h('button', { type: 'button', class: 'btn btn--danger' }, m('user.disable'));
    button.addEventListener('click', () => void toggle(button));
    accessBody.replaceChildren(
      h('p', { class: 'muted' }, user.disabled ? m('user.disabledText') : m('user.activeText')),
      accessAlert,
      h('p', { class: 'actions' }, button),
    );
    if (focus) button.focus();
  };
  async function toggle(button: HTMLButtonElement): Promise<void> {
    accessAlert.hidden = true;
    const disable = !user.disabled;
    const ok = await confirmDialog(
      disable
        ? { title: m('user.disableTitle', { name: user.name }), text: m('user.disableText'), confirm: m('user.disableConfirm'), danger: true }
        : { title: m('user.enableTitle', { name: user.name }), text: m('user.enableText'), confirm: m('user.enableConfirm') },
    );
    if (!ok) return;
    let changed = false;
    await withBusy(button, m('form.saving'), async () => {
      try {
        const saved = await api.patch<AdminUser>(`/api/admin/users/${user.id}`, { disabled: disable });
        setupMayHaveChanged();
        user = { ...user, ...saved };
        changed = true;
        renderFacts();
        toast(disable ? m('user.disabledDone', { name: user.name }) : m('user.enabledDone', { name: user.name }), 'success');
      } catch (err) {
        if (handledAuthError(err)) return;
        accessAlert.textContent = refusal(err);
        accessAlert.hidden = false;
      }
    });
    if (changed) renderAccess(true);
  }
  renderAccess();

  const roleId = uid('h-role');
  const accessId = uid('h-access');
  const ordersId = uid('h-orders');
  const ordersCaption = mn('user.ordersCount', user.orders.length);
  mount(
    ctx.main,
    pageHead(user.name, {
      back,
      intro: isMe ? m('user.itsYou') : undefined,
      actions: h('a', { class: 'btn btn--ghost btn--small', href: `/admin/audit?entityType=user&entityId=${user.id}` }, m('user.viewAudit')),
    }),
    h(
      'div',
      { class: 'user-layout' },
      h('section', { class: 'panel', 'aria-label': m('user.facts') }, facts),
      h(
        'div',
        { class: 'user-layout__side' },
        h(
          'section',
          { class: 'panel', 'aria-labelledby': roleId },
          h('h2', { class: 'panel__title', id: roleId }, m('user.roleTitle')),
          isMe ? h('p', { class: 'notice' }, m('user.selfNote')) : null,
          roleForm,
        ),
        h('section', { class: 'panel', 'aria-labelledby': accessId }, h('h2', { class: 'panel__title', id: accessId }, m('user.accessTitle')), accessBody),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': ordersId },
      h('h2', { class: 'panel__title', id: ordersId }, m('user.orders')),
      user.orders.length ? ordersTable(user.orders, ordersCaption, { customer: false }) : emptyState({ title: m('user.noOrders') }),
      user.orderCount > user.orders.length ? h('p', { class: 'muted' }, m('user.ordersMore', { n: user.orders.length, total: user.orderCount })) : null,
    ),
  );
}
