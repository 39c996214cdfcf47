import { z } from 'zod';
import { LOCALES } from './enums.ts';

/** The footer's pages (issue 17): their slugs, fixed. */
export const PAGE_SLUGS = ['comment-ca-marche', 'contact', 'mentions-legales', 'cgv', 'donnees-personnelles'] as const;

export const pageLangQuery = z.object({
  lang: z.enum(LOCALES, { error: 'Langue « fr » ou « en ».' }).optional(),
});

/** One page, in one language: `body` is markdown (the shop renders it safely: no HTML, links http(s), mailto or relative). */
export const sitePage = z
  .object({
    slug: z.enum(PAGE_SLUGS),
    lang: z.enum(LOCALES),
    title: z.string(),
    body: z.string().meta({ description: 'Markdown. Raw HTML in it is shown as text, never interpreted.' }),
    custom: z.boolean().meta({ description: 'False while the page shows the text shipped with the software.' }),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'SitePage' });
export type SitePage = z.infer<typeof sitePage>;

/** The footer's list: each page's slug and title in the asked language. */
export const sitePageLink = z.object({ slug: z.enum(PAGE_SLUGS), title: z.string() }).meta({ id: 'SitePageLink' });
export type SitePageLink = z.infer<typeof sitePageLink>;

/** PUT /api/admin/pages/:slug: one language's title and markdown text. */
export const sitePageBody = z.object({
  lang: z.enum(LOCALES, { error: 'Langue « fr » ou « en ».' }),
  title: z.string().trim().min(1, 'Le titre est requis.').max(120, 'Au plus 120 caractères.'),
  body: z.string().max(20_000, 'Au plus 20 000 caractères.'),
});
export type SitePageBody = z.infer<typeof sitePageBody>;
