import type { Router, Request } from 'express';
import type { Database } from '../../db/index.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { notFound } from '../../shared/errors.ts';
import { adminRouter, createHandler, updateHandler, userOf } from '../auth/index.ts';
import { createCategoryBody, updateCategoryBody } from '../../contract/index.ts';
import { createCategoryService } from './categories.ts';

/** A slug in the URL that could never have been created is simply unknown. */
const slugParam = (req: Request): string => {
  const slug = String(req.params.slug);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 64) throw notFound();
  return slug;
};

/** Admin management of categories (role admin): list with product counts, create, rename, reorder, delete. */
export function adminCategoryRoutes(deps: { db: Database; events: EventPublisher }): Router {
  const categories = createCategoryService(deps);
  const r = adminRouter('/admin/categories');

  r.get('/admin/categories', async (_req, res) => {
    res.json(await categories.list());
  });

  r.post('/admin/categories', createHandler(createCategoryBody, categories.create));
  r.patch('/admin/categories/:slug', updateHandler(updateCategoryBody, categories.update, slugParam));

  r.delete('/admin/categories/:slug', async (req, res) => {
    await categories.remove(userOf(req), slugParam(req));
    res.status(204).end();
  });

  return r;
}
