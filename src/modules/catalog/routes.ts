import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import { parse } from '../../shared/validate.ts';
import { findOnSaleProduct, listCategories, listOnSaleProducts } from './queries.ts';
import { productListQuery } from './schema.ts';

export function catalogRoutes(db: Database): Router {
  const r = Router();

  r.get('/products', async (req, res) => {
    const query = parse(productListQuery, req.query);
    const { items, total } = await listOnSaleProducts(db, {
      q: query.q?.trim() || undefined,
      category: query.category || undefined,
      page: query.page,
      pageSize: query.pageSize,
    });
    res.json({ items, total, page: query.page, pageSize: query.pageSize });
  });

  r.get('/products/:id', async (req, res) => {
    const product = await findOnSaleProduct(db, req.params.id);
    if (!product) throw notFound();
    res.json(product);
  });

  r.get('/categories', async (_req, res) => {
    res.json(await listCategories(db));
  });

  return r;
}
