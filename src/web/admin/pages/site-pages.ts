/**
 * Pages: the shop's footer pages (how it works, contact, legal notice, terms of sale,
 * personal data), each in French and English. The admin writes markdown; the preview below
 * each text is the shop's own safe rendering (shared/markdown.ts). Saving is audited.
 */

import type { SitePage } from '../../../contract/index.ts';
import { api } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { createMessages } from '../../shared/i18n.ts';
import { renderMarkdown } from '../../shared/markdown.ts';
import { toast, withBusy } from '../../shared/ui.ts';
import { handledAuthError, loadInto, pageHead, problemText, textareaField, textField } from '../kit.ts';
import { m } from '../messages.ts';
import { setTitle, type PageContext } from '../router.ts';

const pm = createMessages(
  {
    title: 'Pages',
    intro:
      'Les pages du pied de la boutique. Écrivez en markdown : ## pour un intertitre, **gras**, - pour une liste, [texte](https://…) pour un lien. Le HTML est affiché tel quel, jamais interprété. Une page jamais modifiée montre le texte fourni avec le logiciel.',
    loading: 'Chargement des pages…',
    fr: 'Français',
    en: 'Anglais',
    pageTitle: 'Titre',
    body: 'Texte (markdown)',
    preview: 'Aperçu',
    save: 'Enregistrer ({lang})',
    saving: 'Enregistrement…',
    saved: 'Page « {title} » enregistrée.',
    default: 'Texte fourni avec le logiciel',
    custom: 'Modifié le {date}',
    view: 'Voir dans la boutique',
  },
  {
    title: 'Pages',
    intro:
      'The shop’s footer pages. Write markdown: ## for a heading, **bold**, - for a list, [text](https://…) for a link. HTML is shown as typed, never interpreted. A page never changed shows the text shipped with the software.',
    loading: 'Loading the pages…',
    fr: 'French',
    en: 'English',
    pageTitle: 'Title',
    body: 'Text (markdown)',
    preview: 'Preview',
    save: 'Save ({lang})',
    saving: 'Saving…',
    saved: 'Page “{title}” saved.',
    default: 'Text shipped with the software',
    custom: 'Changed on {date}',
    view: 'View in the shop',
  },
);

function pageForm(page: SitePage, onSaved: (p: SitePage) => void): HTMLElement {
  const lang = pm.t(page.lang);
  const title = textField({
    name: `title-${page.slug}-${page.lang}`,
    label: `${pm.t('pageTitle')} (${lang})`,
    value: page.title,
    required: true,
    maxlength: 120,
  });
  const body = textareaField({ name: `body-${page.slug}-${page.lang}`, label: `${pm.t('body')} (${lang})`, value: page.body, rows: 14, maxlength: 20_000 });
  const preview = h('div', { class: 'site-page-preview', 'data-preview': '' }, renderMarkdown(page.body));
  body.input.addEventListener('input', () => mount(preview, renderMarkdown(body.input.value)));
  const state = h(
    'p',
    { class: 'cell-sub' },
    page.custom && page.updatedAt ? pm.t('custom', { date: new Date(page.updatedAt).toLocaleString() }) : pm.t('default'),
  );
  const problem = h('p', { class: 'notice notice--problem', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, pm.t('save', { lang }));
  const form = h(
    'form',
    { class: 'form site-page-form', novalidate: true, lang: page.lang, 'data-page-form': `${page.slug}:${page.lang}` },
    h('h3', null, lang),
    state,
    problem,
    title.element,
    body.element,
    h('details', { open: true }, h('summary', null, pm.t('preview')), preview),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    problem.hidden = true;
    void withBusy(submit, pm.t('saving'), async () => {
      try {
        const saved = await api.put<SitePage>(`/api/admin/pages/${page.slug}`, { lang: page.lang, title: title.input.value, body: body.input.value });
        toast(pm.t('saved', { title: saved.title }), 'success');
        onSaved(saved);
      } catch (err) {
        if (handledAuthError(err)) return;
        problem.textContent = problemText(err);
        problem.hidden = false;
      }
    });
  });
  return form;
}

export async function sitePagesPage(ctx: PageContext): Promise<void> {
  setTitle(pm.t('title'), m('doc.title'));
  const results = h('div', { class: 'results site-pages' });
  mount(ctx.main, pageHead(pm.t('title'), { intro: pm.t('intro') }), results);
  const pages = await loadInto(results, {
    signal: ctx.signal,
    loading: pm.t('loading'),
    fetch: () => api.get<SitePage[]>('/api/admin/pages', { signal: ctx.signal }),
    onRetry: () => void sitePagesPage(ctx),
  });
  if (!pages) return;
  const slugs = [...new Set(pages.map((p) => p.slug))];
  mount(
    results,
    slugs.map((slug) => {
      const fr = pages.find((p) => p.slug === slug && p.lang === 'fr')!;
      const en = pages.find((p) => p.slug === slug && p.lang === 'en')!;
      const headingId = `page-${slug}`;
      const forms = h('div', { class: 'site-page-forms' });
      const draw = (f: SitePage, e: SitePage) =>
        mount(
          forms,
          pageForm(f, (saved) => draw(saved, e)),
          pageForm(e, (saved) => draw(f, saved)),
        );
      draw(fr, en);
      return h(
        'section',
        { class: 'panel', id: headingId, 'aria-labelledby': `${headingId}-title` },
        h('h2', { id: `${headingId}-title` }, fr.title),
        h('p', null, h('a', { href: `/pages/${slug}`, target: '_blank', rel: 'noopener' }, pm.t('view'))),
        forms,
      );
    }),
  );
}
