import type { Locale } from '../../contract/index.ts';
import type { Database, Queryable, Transaction } from '../../db/index.ts';
import { AppError, notFound, sqlState } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Categories: the shelves of the shop. Admins create, rename (French and English) and
 * reorder them; a category that still holds products cannot be deleted. The SQL and the
 * rules live here; category-routes.ts only parses, authorizes and answers.
 */

/** Serialises every change of the display order, so two admins moving categories at once keep positions 0…n-1. */
const ORDER_LOCK = 4242_0008;

export type Language = Locale;

interface CategoryRow {
  slug: string;
  name: string;
  name_en: string | null;
  position: number;
  created_at: Date;
  updated_at: Date;
  products: number;
  products_on_sale: number;
}

const toAdminCategory = (r: CategoryRow) => ({
  slug: r.slug,
  name: r.name,
  nameEn: r.name_en,
  position: r.position,
  /** Every product filed under it, on sale or not: what stops a deletion. */
  products: r.products,
  productsOnSale: r.products_on_sale,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
export type AdminCategory = ReturnType<typeof toAdminCategory>;

const ADMIN_SELECT = `
  SELECT c.slug, c.name, c.name_en, c.position, c.created_at, c.updated_at,
         count(p.id)::int AS products,
         count(p.id) FILTER (WHERE p.on_sale)::int AS products_on_sale
    FROM categories c LEFT JOIN products p ON p.category_slug = c.slug`;
const DISPLAY_ORDER = 'ORDER BY c.position, c.name, c.slug';

/** The shop's categories in display order, named in the visitor's language (French when no English name was given). */
export async function listCategories(db: Queryable, lang: Language = 'fr'): Promise<Array<{ slug: string; name: string }>> {
  const r = await db.query<{ slug: string; name: string; name_en: string | null }>(`SELECT c.slug, c.name, c.name_en FROM categories c ${DISPLAY_ORDER}`);
  return r.rows.map((c) => ({ slug: c.slug, name: lang === 'en' && c.name_en ? c.name_en : c.name }));
}

export async function listAdminCategories(db: Queryable): Promise<AdminCategory[]> {
  const r = await db.query<CategoryRow>(`${ADMIN_SELECT} GROUP BY c.slug ${DISPLAY_ORDER}`);
  return r.rows.map(toAdminCategory);
}

export async function countCategories(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM categories');
  return r.rows[0]?.n ?? 0;
}

/** Products a customer can actually buy: on sale, with stock. */
export async function countProductsForSale(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products WHERE on_sale AND stock > 0');
  return r.rows[0]?.n ?? 0;
}

/** Used by the seed: creates or renames a category in place, without the admin's audit trail. */
export async function upsertCategory(db: Queryable, c: { slug: string; name: string; nameEn?: string | null; position: number }) {
  await db.query(
    `INSERT INTO categories (slug, name, name_en, position) VALUES ($1, $2, $3, $4)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, position = EXCLUDED.position, updated_at = now()`,
    [c.slug, c.name, c.nameEn ?? null, c.position],
  );
}

async function findLocked(tx: Queryable, slug: string): Promise<AdminCategory> {
  // Lock the row first (FOR UPDATE cannot go with GROUP BY), then read it with its counts.
  const locked = await tx.query('SELECT slug FROM categories WHERE slug = $1 FOR UPDATE', [slug]);
  if (locked.rowCount === 0) throw notFound();
  const r = await tx.query<CategoryRow>(`${ADMIN_SELECT} WHERE c.slug = $1 GROUP BY c.slug`, [slug]);
  return toAdminCategory(r.rows[0]!);
}

/**
 * Puts `slug` at `index` in the display order (or only renumbers when slug is undefined),
 * and writes positions 0…n-1: positions stay dense, so "move up" is simply index - 1.
 */
async function renumber(tx: Transaction, slug?: string, index?: number): Promise<void> {
  const { rows } = await tx.query<{ slug: string; position: number }>(`SELECT c.slug, c.position FROM categories c ${DISPLAY_ORDER}`);
  const order = rows.map((r) => r.slug).filter((s) => s !== slug);
  if (slug !== undefined) order.splice(Math.min(index ?? order.length, order.length), 0, slug);
  const current = new Map(rows.map((r) => [r.slug, r.position]));
  for (const [position, s] of order.entries()) {
    if (current.get(s) !== position) await tx.query('UPDATE categories SET position = $2 WHERE slug = $1', [s, position]);
  }
}

export interface CategoryActor {
  id: string;
  role: string;
}

export function createCategoryService(deps: { db: Database; events: EventPublisher }) {
  const { db, events } = deps;
  /** Catalogue caches (the shop's product pages) and live clients hear of every category change. */
  const announce = (tx: Transaction, slug: string) => tx.afterCommit(() => events.publish({ type: 'catalog.changed', categorySlug: slug }));

  return {
    list: () => listAdminCategories(db),

    async create(actor: CategoryActor, input: { slug: string; name: string; nameEn?: string | null; position?: number }): Promise<AdminCategory> {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ORDER_LOCK]);
        const inserted = await tx.query(
          `INSERT INTO categories (slug, name, name_en, position) VALUES ($1, $2, $3, 0) ON CONFLICT (slug) DO NOTHING RETURNING slug`,
          [input.slug, input.name, input.nameEn ?? null],
        );
        if (inserted.rowCount === 0) {
          throw new AppError('category_exists', { details: [{ field: 'slug', message: `L’identifiant « ${input.slug} » est déjà pris.` }] });
        }
        await renumber(tx, input.slug, input.position);
        const view = await findLocked(tx, input.slug);
        await recordAudit(tx, { actor, action: 'category.create', entityType: 'category', entityId: input.slug, after: view });
        announce(tx, input.slug);
        return view;
      });
    },

    async update(actor: CategoryActor, slug: string, patch: { name?: string; nameEn?: string | null; position?: number }): Promise<AdminCategory> {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ORDER_LOCK]);
        const before = await findLocked(tx, slug);
        await tx.query(`UPDATE categories SET name = $2, name_en = $3, updated_at = now() WHERE slug = $1`, [
          slug,
          patch.name ?? before.name,
          patch.nameEn === undefined ? before.nameEn : patch.nameEn,
        ]);
        if (patch.position !== undefined) await renumber(tx, slug, patch.position);
        const after = await findLocked(tx, slug);
        await recordAudit(tx, { actor, action: 'category.update', entityType: 'category', entityId: slug, before, after });
        announce(tx, slug);
        return after;
      });
    },

    /**
     * Refused while any product is filed under it, on sale or not: a product taken off sale
     * can be put back on sale and must still have its shelf, and past orders' products keep
     * pointing at it (the foreign key would refuse anyway; this says so in words).
     */
    async remove(actor: CategoryActor, slug: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ORDER_LOCK]);
        const before = await findLocked(tx, slug);
        if (before.products > 0) throw inUse(before.products, before.productsOnSale);
        try {
          await tx.query('DELETE FROM categories WHERE slug = $1', [slug]);
        } catch (err) {
          // The foreign key's last word: a product filed under it that our count did not see.
          if (sqlState(err) === '23503') throw inUse(1, 0);
          throw err;
        }
        await renumber(tx);
        await recordAudit(tx, { actor, action: 'category.delete', entityType: 'category', entityId: slug, before });
        announce(tx, slug);
      });
    },
  };
}
export type CategoryService = ReturnType<typeof createCategoryService>;

function inUse(products: number, onSale: number): AppError {
  const offSale = products - onSale;
  const which = offSale > 0 ? ` (dont ${offSale} hors vente)` : '';
  return new AppError('category_in_use', {
    message: `Cette catégorie contient encore ${products} produit${products > 1 ? 's' : ''}${which} : classez-les dans une autre catégorie avant de la supprimer.`,
    details: { products, productsOnSale: onSale },
  });
}
