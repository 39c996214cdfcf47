/**
 * The footer's links to its pages (how it works, contact, legal notice, terms, personal
 * data), titled as the admin named them in the current language. The list is drawn at once
 * from what is known (the last answer, else the slugs' default titles) and refreshed from
 * GET /api/pages in the background: the footer never waits.
 */

import type { SitePageLink } from '../../contract/index.ts';
import { api } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { getLang, type Lang } from '../shared/i18n.ts';
import { jm } from './journey-messages.ts';

/** The built-in pages, with their titles in each language: shown until the server's list arrives. */
const BUILT_IN: Array<{ slug: SitePageLink['slug']; title: Record<Lang, string> }> = [
  { slug: 'comment-ca-marche', title: { fr: 'Comment ça marche', en: 'How it works' } },
  { slug: 'contact', title: { fr: 'Contact', en: 'Contact' } },
  { slug: 'mentions-legales', title: { fr: 'Mentions légales', en: 'Legal notice' } },
  { slug: 'cgv', title: { fr: 'Conditions générales de vente', en: 'Terms of sale' } },
  { slug: 'donnees-personnelles', title: { fr: 'Données personnelles', en: 'Personal data' } },
];
const fallback = (lang: Lang): SitePageLink[] => BUILT_IN.map((p) => ({ slug: p.slug, title: p.title[lang] }));
const known: Partial<Record<Lang, SitePageLink[]>> = {};

function list(links: SitePageLink[]): HTMLElement {
  return h(
    'ul',
    { class: 'site-footer__links' },
    links.map((l) => h('li', null, h('a', { href: `/pages/${l.slug}`, 'data-footer-page': l.slug }, l.title))),
  );
}

export function footerPages(): HTMLElement {
  const lang = getLang();
  const slot = h('div', null, list(known[lang] ?? fallback(lang)));
  void api
    .get<SitePageLink[]>(`/api/pages?lang=${lang}`)
    .then((links) => {
      known[lang] = links;
      if (getLang() === lang) mount(slot, list(links));
    })
    .catch(() => undefined); // The default titles stay: the links work all the same.
  return h('nav', { class: 'site-footer__pages', 'aria-label': jm.t('footer.pages') }, slot);
}
