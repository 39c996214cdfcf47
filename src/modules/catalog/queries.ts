import type { Queryable } from '../../db/index.ts';
import type { Locale, Product } from '../../contract/index.ts';
import { escapeLike, foldForSearch } from '../../shared/text.ts';
import { isUuid } from '../../shared/ids.ts';

export type { Product } from '../../contract/index.ts';

/** The columns of a product the shop reads (COLUMNS). */
export interface ProductRow {
  id: string;
  name: string;
  description: string;
  category_slug: string;
  unit: string;
  price_cents: number;
  image_path: string | null;
  stock: number;
  max_per_order: number | null;
  name_en: string | null;
  description_en: string | null;
  keywords: string[];
  keywords_en: string[];
  weight_grams: number | null;
}

const COLUMNS =
  'id, name, description, category_slug, unit, price_cents, image_path, stock, max_per_order, name_en, description_en, keywords, keywords_en, weight_grams';

/** A product as the shop shows it, in the language read (English texts fall back to the French ones). */
export const toProduct = (r: ProductRow, lang: Locale = 'fr'): Product => {
  const en = lang === 'en';
  return {
    id: r.id,
    name: (en && r.name_en) || r.name,
    description: (en && r.description_en) || r.description,
    category: r.category_slug,
    unit: r.unit,
    priceCents: r.price_cents,
    imageUrl: r.image_path,
    stock: r.stock,
    maxPerOrder: r.max_per_order,
    keywords: en && r.keywords_en.length > 0 ? r.keywords_en : r.keywords,
    weightGrams: r.weight_grams,
  };
};

export type ProductSort = 'relevance' | 'name' | 'price';

export interface ProductQuery {
  q?: string;
  category?: string;
  sort?: ProductSort;
  lang?: Locale;
  page: number;
  pageSize: number;
}

/**
 * How far a misspelt query may be from a product's name or keywords and still find it
 * (pg_trgm word similarity, 0–1): "spagetti" is 0.6 from "Spaghetti", unrelated words stay
 * well below.
 */
const TYPO_SIMILARITY = 0.45;

/**
 * The search documents of a product, made at query time (the catalogue is small: a few
 * hundred rows). French: names and keywords weigh most (A), the description least (C),
 * accents removed before stemming. English adds the English texts with the English
 * stemmer; the French document still counts, so a French word typed in English finds too.
 * `typo_text` is what a misspelt word is compared with (names and keywords, folded).
 * $1 is the language, $2 the query.
 */
const SEARCH_LATERAL = `CROSS JOIN LATERAL (
    SELECT plainto_tsquery('french', unaccent($2)) AS fr_query,
           plainto_tsquery('english', unaccent($2)) AS en_query,
           lower(unaccent($2)) AS folded_query) q
  CROSS JOIN LATERAL (
    SELECT setweight(to_tsvector('french', unaccent(p.name)), 'A')
             || setweight(to_tsvector('french', unaccent(array_to_string(p.keywords, ' '))), 'A')
             || setweight(to_tsvector('french', unaccent(p.description)), 'C') AS fr_doc,
           CASE WHEN $1 = 'en' THEN
             setweight(to_tsvector('english', unaccent(coalesce(p.name_en, ''))), 'A')
             || setweight(to_tsvector('english', unaccent(array_to_string(p.keywords_en, ' '))), 'A')
             || setweight(to_tsvector('english', unaccent(coalesce(p.description_en, ''))), 'C')
           END AS en_doc,
           lower(unaccent(p.name || ' ' || array_to_string(p.keywords, ' ')
             || CASE WHEN $1 = 'en' THEN ' ' || coalesce(p.name_en, '') || ' ' || array_to_string(p.keywords_en, ' ') ELSE '' END)) AS typo_text) d`;

/**
 * A product matches by its stemmed words, by every typed word being part of its French name
 * or description (`search_text`: what someone typing "spag" expects), or, for queries of at
 * least four letters, despite a typo. `likes` are the conditions on `search_text`.
 */
function searchMatch(likes: string[], typos: boolean): string {
  const branches = ['d.fr_doc @@ q.fr_query', 'coalesce(d.en_doc @@ q.en_query, false)'];
  if (likes.length > 0) branches.push(`(${likes.join(' AND ')})`);
  if (typos) branches.push(`word_similarity(q.folded_query, d.typo_text) >= ${TYPO_SIMILARITY}`);
  return `(${branches.join(' OR ')})`;
}

/** Fewer letters than this and a "typo" could be anything: "' OR 1=1" is not a misspelt "orange". */
const TYPO_MIN_LETTERS = 4;

const SEARCH_SCORE = `(ts_rank(d.fr_doc, q.fr_query) + coalesce(ts_rank(d.en_doc, q.en_query), 0)
    + word_similarity(q.folded_query, d.typo_text) / 2)`;

/**
 * The products on sale, a page at a time. With `q`: matched by French stemming (accents and
 * case ignored), by keywords, by English texts when reading English, or despite a typo;
 * ordered by relevance unless `sort` says otherwise.
 */
export async function listOnSaleProducts(db: Queryable, query: ProductQuery) {
  const lang: Locale = query.lang ?? 'fr';
  const q = query.q?.trim() ? query.q.trim() : undefined;
  // $1 the language (the shown name orders), $2 the query when there is one.
  const params: unknown[] = [lang];
  if (q) params.push(q);
  const where = ['p.on_sale'];
  if (query.category) {
    params.push(query.category);
    where.push(`p.category_slug = $${params.length}`);
  }
  if (q) {
    const likes: string[] = [];
    for (const word of foldForSearch(q).split(' ').filter(Boolean).slice(0, 8)) {
      params.push(`%${escapeLike(word)}%`);
      likes.push(`p.search_text LIKE $${params.length} ESCAPE '\\'`);
    }
    where.push(searchMatch(likes, q.replace(/[^\p{L}]/gu, '').length >= TYPO_MIN_LETTERS));
  }
  const from = q ? `products p ${SEARCH_LATERAL}` : 'products p';
  const shownName = `(CASE WHEN $1 = 'en' THEN coalesce(p.name_en, p.name) ELSE p.name END)`;
  const sort = query.sort ?? (q ? 'relevance' : 'name');
  const orderBy =
    sort === 'price' ? `p.price_cents, ${shownName}, p.id` : sort === 'relevance' && q ? `${SEARCH_SCORE} DESC, ${shownName}, p.id` : `${shownName}, p.id`;
  const whereSql = where.join(' AND ');
  params.push(query.pageSize, (query.page - 1) * query.pageSize);
  const r = await db.query<ProductRow & { total: number }>(
    `SELECT ${prefixed('p')}, count(*) OVER ()::int AS total FROM ${from}
      WHERE ${whereSql}
      ORDER BY ${orderBy}
      LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = r.rows[0]?.total ?? 0;
  if (r.rows.length === 0 && query.page > 1) {
    // Past the last page the window count is unavailable: count on its own ($1 is named so
    // that its type is known even when nothing else reads it).
    const c = await db.query<{ n: number }>(`SELECT count(*)::int AS n, $1::text AS lang FROM ${from} WHERE ${whereSql}`, params.slice(0, -2));
    total = c.rows[0]?.n ?? 0;
  }
  return { items: r.rows.map((row) => toProduct(row, lang)), total };
}

const prefixed = (alias: string) =>
  COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

export async function findOnSaleProduct(db: Queryable, id: string, lang: Locale = 'fr'): Promise<Product | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1 AND on_sale`, [id]);
  return r.rows[0] && toProduct(r.rows[0], lang);
}

/** Products by id, on sale or not (a centre's needs name them; an unknown id is absent). */
export async function productsByIds(db: Queryable, ids: Iterable<string>, lang: Locale = 'fr'): Promise<Map<string, Product>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const r = await db.query<ProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(r.rows.map((row) => [row.id, toProduct(row, lang)]));
}

/** The fields search reads and the impact figures weigh: written by the seed and the admin. */
export interface ProductSearchFields {
  nameEn: string | null;
  descriptionEn: string | null;
  keywords: string[];
  keywordsEn: string[];
  weightGrams: number | null;
}

export async function writeSearchFields(db: Queryable, id: string, f: ProductSearchFields): Promise<void> {
  await db.query('UPDATE products SET name_en = $2, description_en = $3, keywords = $4, keywords_en = $5, weight_grams = $6 WHERE id = $1', [
    id,
    f.nameEn,
    f.descriptionEn,
    f.keywords,
    f.keywordsEn,
    f.weightGrams,
  ]);
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
  search?: ProductSearchFields;
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
  const row = r.rows[0]!;
  if (p.search) {
    await writeSearchFields(db, row.id, p.search);
    Object.assign(row, {
      name_en: p.search.nameEn,
      description_en: p.search.descriptionEn,
      keywords: p.search.keywords,
      keywords_en: p.search.keywordsEn,
      weight_grams: p.search.weightGrams,
    });
  }
  return toProduct(row);
}
