/**
 * "Mes sessions ouvertes" on the account page (ASVS 7.4.3, 7.5.2): each signed-in device
 * with when it signed in and was last active, this one marked; end any other, or all of
 * them at once. Their open connections are cut by the server.
 */

import type { AccountSession } from '../../contract/index.ts';
import { api, isAbort } from '../shared/api.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { getLocale } from '../shared/i18n.ts';
import { announce, errorState, errorText, spinner, toast, withBusy } from '../shared/ui.ts';
import { jm } from './journey-messages.ts';

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser/, 'Samsung Internet'],
  [/Firefox\/|FxiOS/, 'Firefox'],
  [/Chrome\/|CriOS|Chromium/, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox sur Linux" from a User-Agent; the raw text is never shown (it is noise to most people). */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return jm.t('sessions.unknownDevice');
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const os = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && os) return jm.t('sessions.on', { browser, os });
  return browser ?? os ?? jm.t('sessions.unknownDevice');
}

const when = (iso: string) => new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export function sessionsSection(signal: AbortSignal): HTMLElement {
  const headingId = uid('sessions');
  const body = h('div', { class: 'sessions' });
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': headingId, 'data-sessions': '' },
    h('h2', { id: headingId }, jm.t('sessions.title')),
    h('p', null, jm.t('sessions.intro')),
    body,
  );

  async function load(): Promise<void> {
    mount(body, spinner());
    let sessions: AccountSession[];
    try {
      sessions = await api.get<AccountSession[]>('/api/account/sessions', { signal });
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      mount(body, errorState({ title: jm.t('sessions.error'), error: err, onRetry: () => void load() }));
      return;
    }
    if (!signal.aborted) show(sessions);
  }

  function show(sessions: AccountSession[]): void {
    const others = sessions.filter((s) => !s.current);
    const items = sessions.map((s) => {
      const device = deviceName(s.userAgent);
      const end = s.current
        ? null
        : h('button', { type: 'button', class: 'btn btn--secondary btn--small', 'aria-label': jm.t('sessions.endLabel', { device }) }, jm.t('sessions.end'));
      end?.addEventListener('click', () => {
        void withBusy(end, jm.t('sessions.ending'), async () => {
          try {
            await api.delete(`/api/account/sessions/${encodeURIComponent(s.id)}`, { signal });
            toast(jm.t('sessions.ended', { device }), 'success');
            await load();
            section.querySelector<HTMLElement>('h2')?.focus();
          } catch (err) {
            if (!signal.aborted) announce(errorText(err));
          }
        });
      });
      return h(
        'li',
        { class: 'sessions__item', 'data-session': s.current ? 'current' : 'other' },
        h(
          'div',
          { class: 'sessions__what' },
          h(
            'p',
            { class: 'sessions__device' },
            h('strong', null, device),
            s.current ? h('span', { class: 'sessions__current' }, jm.t('sessions.current')) : null,
          ),
          h(
            'p',
            { class: 'sessions__dates' },
            jm.t('sessions.opened', { date: when(s.createdAt) }),
            ' · ',
            jm.t('sessions.lastSeen', { date: when(s.lastSeenAt) }),
          ),
        ),
        end,
      );
    });
    const endOthers = others.length ? h('button', { type: 'button', class: 'btn btn--danger', 'data-end-others': '' }, jm.t('sessions.endOthers')) : null;
    endOthers?.addEventListener('click', () => {
      void withBusy(endOthers, jm.t('sessions.ending'), async () => {
        try {
          await api.post('/api/account/sessions/end-others', {}, { signal });
          toast(jm.t('sessions.othersEnded'), 'success');
          await load();
          section.querySelector<HTMLElement>('h2')?.focus();
        } catch (err) {
          if (!signal.aborted) announce(errorText(err));
        }
      });
    });
    mount(body, h('ul', { class: 'sessions__list' }, items), others.length ? h('p', { class: 'actions' }, endOthers) : h('p', null, jm.t('sessions.none')));
  }

  section.querySelector('h2')?.setAttribute('tabindex', '-1');
  void load();
  return section;
}
