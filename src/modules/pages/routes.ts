import { Router, type Request } from 'express';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { notFound } from '../../shared/errors.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { pageLangQuery, sitePageBody, type Locale } from '../../contract/index.ts';
import { requireAdmin, userOf } from '../auth/index.ts';
import { isPageSlug, type PageSlug } from './defaults.ts';
import { createPages } from './service.ts';

/** `lang=fr|en`, else the browser's Accept-Language, else French. */
const languageOf = (req: Request): Locale => parseQuery(pageLangQuery, req.query).lang ?? (req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr');

const slugOf = (req: Request): PageSlug => {
  const slug = String(req.params.slug);
  if (!isPageSlug(slug)) throw notFound();
  return slug;
};

/**
 *   GET /api/pages?lang=   GET /api/pages/:slug?lang=   (anyone)
 *   GET /api/admin/pages   PUT /api/admin/pages/:slug   (admin; audited)
 */
export function pageRoutes(deps: { db: Database; clock: Clock }): Router {
  const pages = createPages(deps);
  const r = Router();

  r.get('/pages', async (req, res) => {
    res.setHeader('Vary', 'Accept-Language');
    res.json(await pages.links(languageOf(req)));
  });

  r.get('/pages/:slug', async (req, res) => {
    const slug = slugOf(req);
    res.setHeader('Vary', 'Accept-Language');
    res.json(await pages.get(slug, languageOf(req)));
  });

  r.get('/admin/pages', requireAdmin, async (_req, res) => {
    res.json(await pages.all());
  });

  r.put('/admin/pages/:slug', requireAdmin, async (req, res) => {
    const slug = slugOf(req);
    const body = parse(sitePageBody, req.body);
    res.json(await pages.update(userOf(req), slug, body));
  });

  return r;
}
