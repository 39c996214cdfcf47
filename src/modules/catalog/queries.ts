import type { Queryable } from '../../db/index.ts';
import type { Product } from '../../contract/index.ts';
import { escapeLike, foldForSearch } from '../../shared/text.ts';
import { isUuid } from '../../shared/ids.ts';

export type { Product } from '../../contract/index.ts';

interface ProductRow {
  id: string;
  name: string;
  description: string;
  category_slug: string;
  unit: string;
  price_cents: number;
  image_path: string | null;
  stock: number;
  max_per_order: number | null;
}

const COLUMNS = 'id, name, description, category_slug, unit, price_cents, image_path, stock, max_per_order';

export const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  name: r.name,
  description: r.description,
  category: r.category_slug,
  unit: r.unit,
  priceCents: r.price_cents,
  imageUrl: r.image_path,
  stock: r.stock,
  maxPerOrder: r.max_per_order,
});

export interface ProductQuery {
  q?: string;
  category?: string;
  page: number;
  pageSize: number;
}

export async function listOnSaleProducts(db: Queryable, query: ProductQuery) {
  const where = ['on_sale'];
  const params: unknown[] = [];
  if (query.category) {
    params.push(query.category);
    where.push(`category_slug = $${params.length}`);
  }
  // Every word must appear somewhere in the name or the description.
  const words = query.q ? foldForSearch(query.q).split(' ').filter(Boolean).slice(0, 8) : [];
  for (const word of words) {
    params.push(`%${escapeLike(word)}%`);
    where.push(`search_text LIKE $${params.length} ESCAPE '\\'`);
  }
  const whereSql = where.join(' AND ');
  params.push(query.pageSize, (query.page - 1) * query.pageSize);
  const r = await db.query<ProductRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM products
      WHERE ${whereSql}
      ORDER BY name, id
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = r.rows[0]?.total ?? 0;
  if (r.rows.length === 0 && query.page > 1) {
    // Past the last page the window count is unavailable: count on its own.
    const c = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM products WHERE ${whereSql}`, params.slice(0, -2));
    total = c.rows[0]?.n ?? 0;
  }
  return { items: r.rows.map(toProduct), total };
}

export async function findOnSaleProduct(db: Queryable, id: string): Promise<Product | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1 AND on_sale`, [id]);
  return r.rows[0] && toProduct(r.rows[0]);
}

export interface NewProduct {
  slug: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  priceCents: number;
  imagePath: string | null;
  onSale?: boolean;
  maxPerOrder?: number | null;
}

/** Inserts a product with zero stock: stock only ever arrives as a movement. */
export async function insertProduct(db: Queryable, p: NewProduct): Promise<Product> {
  const r = await db.query<ProductRow>(
    `INSERT INTO products (slug, name, description, category_slug, unit, price_cents, image_path, on_sale, max_per_order, search_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [
      p.slug,
      p.name,
      p.description,
      p.category,
      p.unit,
      p.priceCents,
      p.imagePath,
      p.onSale ?? true,
      p.maxPerOrder ?? null,
      foldForSearch(`${p.name} ${p.description}`),
    ],
  );
  return toProduct(r.rows[0]!);
}
