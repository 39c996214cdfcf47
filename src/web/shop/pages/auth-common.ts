/** What the sign-in and sign-up pages share, and the frame of the pages a mailed link opens. */

import { api, type AuthProvider } from '../../shared/api.ts';
import { h, mount, type Child } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { safeNext } from '../../shared/session.ts';
import { narrowPanel } from '../../shared/ui.ts';
import { focusHeading, type PageContext } from '../router.ts';

/**
 * The frame of both pages: title, intro, the content (a notice, the form), the
 * providers' buttons, and "Pas encore de compte ? Créer un compte": the way to the
 * other form, keeping `next`.
 */
export function authPage(ctx: PageContext, title: string, intro: string, content: Child, footer: string, other: [href: string, text: string]): void {
  mount(
    ctx.main,
    narrowPanel(
      h('h1', { class: 'page-title' }, title),
      h('p', { class: 'page-intro' }, intro),
      content,
      providerButtons(ctx.signal),
      h('p', { class: 'panel__footer' }, `${footer} `, h('a', { href: withNext(other[0], ctx.query) }, other[1])),
    ),
  );
}

/** Where to go once signed in: the `next` of the address when it is a path of this site. */
export function nextOf(query: URLSearchParams): string {
  return safeNext(query.get('next'), '/');
}

/** "/register" + the same `next`, so switching between the two forms keeps the destination. */
export function withNext(path: string, query: URLSearchParams): string {
  const next = query.get('next');
  return next && safeNext(next, '') ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** Buttons for the OpenID Connect providers, when the server has any. */
/** Back where the person started after the provider's page (`next`, a path of this site only). */
function oidcHref(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next ? `/api/auth/oidc/login?next=${encodeURIComponent(safeNext(next))}` : '/api/auth/oidc/login';
}

export function providerButtons(signal: AbortSignal): HTMLElement {
  const box = h('div', { class: 'providers', hidden: true });
  api
    .get<AuthProvider[]>('/api/auth/providers', { signal })
    .then((providers) => {
      if (!Array.isArray(providers) || providers.length === 0) return;
      box.hidden = false;
      box.replaceChildren(
        h('p', { class: 'providers__or' }, h('span', null, t('login.or'))),
        ...providers.map((p) =>
          h('a', { class: 'btn btn--secondary btn--block', href: oidcHref(), 'data-provider': p.id }, t('login.withProvider', { label: p.label })),
        ),
      );
    })
    .catch(() => {
      // No providers, or no answer: email and password are enough.
    });
  return box;
}

/**
 * The frame of a page a mailed link opens (/reset-password, /verify-email): the link's
 * token, a narrow panel, and `outcome` that shows in it a heading, a notice (a status for
 * success, an alert otherwise) and the ways on, then moves the focus to the heading.
 */
export function linkPage(ctx: PageContext, title: string) {
  ctx.setTitle(title);
  const panel = h('div', { class: 'panel' });
  mount(ctx.main, h('div', { class: 'container container--narrow' }, panel));
  return {
    token: ctx.query.get('token') ?? '',
    panel,
    outcome(kind: 'success' | 'error', heading: string, text: string, ...actions: Child[]): void {
      mount(
        panel,
        h('h1', { class: 'page-title' }, heading),
        h('div', { class: `notice notice--${kind}`, role: kind === 'success' ? 'status' : 'alert' }, h('p', null, text)),
        h('p', { class: 'notice__actions' }, ...actions),
      );
      focusHeading();
    },
  };
}
