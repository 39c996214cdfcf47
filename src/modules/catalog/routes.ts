import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import { parseQuery } from '../../shared/validate.ts';
import { findOnSaleProduct, listOnSaleProducts } from './queries.ts';
import { listCategories } from './categories.ts';
import { readingLanguage } from '../../shared/language.ts';
import { productListQuery } from '../../contract/index.ts';
import { ResponseCache } from './response-cache.ts';

/** How long another node's changes may take to show in catalogue pages; product pages are always fresh. */
const LIST_TTL_MS = 1_000;

/** URLs already validated and mapped to their cache key; bounded, since URLs come from outside. */
const MAX_KNOWN_URLS = 2_000;

export interface CatalogueReads {
  router: Router;
  /**
   * The cached answer for this exact request URL (`/api/products?…`) and Accept-Language, when the full route
   * has already validated that URL and its page is fresh; undefined otherwise.
   */
  cachedAnswer(url: string, acceptLanguage: string | undefined): { bytes: Buffer; etag: string } | undefined;
}

/** The answer depends on the URL and, without `lang=`, on Accept-Language: both make the key. */
const urlKey = (url: string, acceptLanguage: string | undefined) => `${acceptLanguage ?? ''}\n${url}`;

export function catalogRoutes(db: Database, opts: { onCatalogChange: (listener: () => void) => void }): CatalogueReads {
  const r = Router();
  const cache = new ResponseCache(LIST_TTL_MS, 500);
  const keyOfUrl = new Map<string, string>();
  opts.onCatalogChange(() => cache.clear());

  r.get('/products', async (req, res) => {
    const query = parseQuery(productListQuery, req.query);
    const q = query.q?.trim() || undefined;
    const category = query.category || undefined;
    const lang = readingLanguage(req);
    const sort = query.sort ?? (q ? 'relevance' : 'name');
    const key = JSON.stringify([q ?? '', category ?? '', sort, lang, query.page, query.pageSize]);
    const { bytes, etag } = await cache.get(key, async () => {
      const { items, total } = await listOnSaleProducts(db, { q, category, sort, lang, page: query.page, pageSize: query.pageSize });
      return { items, total, page: query.page, pageSize: query.pageSize };
    });
    if (keyOfUrl.size >= MAX_KNOWN_URLS) keyOfUrl.clear();
    keyOfUrl.set(urlKey(req.originalUrl, req.headers['accept-language']), key);
    res.setHeader('Vary', 'Accept-Language');
    res.setHeader('ETag', etag);
    res.type('application/json').send(bytes);
  });

  r.get('/products/:id', async (req, res) => {
    res.setHeader('Vary', 'Accept-Language');
    const product = await findOnSaleProduct(db, req.params.id, readingLanguage(req));
    if (!product) throw notFound();
    res.json(product);
  });

  r.get('/categories', async (req, res) => {
    res.setHeader('Vary', 'Accept-Language');
    res.json(await listCategories(db, readingLanguage(req)));
  });

  return {
    router: r,
    cachedAnswer(url, acceptLanguage) {
      const key = keyOfUrl.get(urlKey(url, acceptLanguage));
      return key === undefined ? undefined : cache.peek(key);
    },
  };
}
