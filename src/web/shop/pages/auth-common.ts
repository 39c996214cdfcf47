/** What the sign-in and sign-up pages share. */

import { api, type AuthProvider } from '../../shared/api.ts';
import { h } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { safeNext } from '../../shared/session.ts';

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
          h(
            'a',
            { class: 'btn btn--secondary btn--block', href: oidcHref(), 'data-provider': p.id },
            t('login.withProvider', { label: p.label }),
          ),
        ),
      );
    })
    .catch(() => {
      // No providers, or no answer: email and password are enough.
    });
  return box;
}
