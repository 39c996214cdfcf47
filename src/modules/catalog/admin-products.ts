import { randomBytes } from 'node:crypto';
import { pagedSearch, SearchFilter, type Database, type PageRequest, type Queryable } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import { escapeLike, foldForSearch } from '../../shared/text.ts';
import { recordAudit, type AuditActor, type AuditEntry } from '../audit/index.ts';
import { namesByIds } from '../auth/index.ts';
import { changeStock } from './stock.ts';
import { writeSearchFields, type ProductRow, type ProductSearchFields } from './queries.ts';

/** Admin management of products: each change, its stock movement and its audit row in one transaction. */

/** The audit row of a change to a product: who, what, and the state before and after. */
const auditProduct = (tx: Queryable, actor: AuditActor, action: AuditEntry['action'], id: string, change: Pick<AuditEntry, 'before' | 'after'>) =>
  recordAudit(tx, { actor, action, entityType: 'product', entityId: id, ...change });

/** What the shop reads of a product, and what only the admin sees. */
interface AdminProductRow extends ProductRow {
  slug: string;
  on_sale: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, slug, name, description, category_slug, unit, price_cents, stock, image_path, on_sale, max_per_order, name_en, description_en, keywords, keywords_en, weight_grams, created_at, updated_at';

/** A product as the admin panel sees it: everything the shop shows, plus sale state and dates. */
const toAdminProduct = (r: AdminProductRow) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  category: r.category_slug,
  unit: r.unit,
  priceCents: r.price_cents,
  stock: r.stock,
  imageUrl: r.image_path,
  onSale: r.on_sale,
  maxPerOrder: r.max_per_order,
  nameEn: r.name_en,
  descriptionEn: r.description_en,
  keywords: r.keywords,
  keywordsEn: r.keywords_en,
  weightGrams: r.weight_grams,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
export type AdminProduct = ReturnType<typeof toAdminProduct>;

async function lockProduct(tx: Queryable, id: string): Promise<AdminProductRow> {
  if (!isUuid(id)) throw notFound();
  const r = await tx.query<AdminProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1 FOR UPDATE`, [id]);
  if (!r.rows[0]) throw notFound();
  return r.rows[0];
}

async function assertCategory(db: Queryable, slug: string): Promise<void> {
  // KEY SHARE: a category being deleted at this moment is waited for, then seen as gone (a
  // clear 400), and one that exists cannot be deleted before this product is filed under it.
  const r = await db.query('SELECT 1 FROM categories WHERE slug = $1 FOR KEY SHARE', [slug]);
  if (r.rowCount === 0) throw new AppError('validation_failed', { details: [{ field: 'category', message: 'Catégorie inconnue.' }] });
}

const slugify = (name: string) =>
  `${
    foldForSearch(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'produit'
  }-${randomBytes(3).toString('hex')}`;

export interface ProductFields extends ProductSearchFields {
  name: string;
  description: string;
  category: string;
  unit: string;
  priceCents: number;
  onSale: boolean;
  maxPerOrder: number | null;
}

/** The search and weight fields of a body, or of the row when the body leaves them out. */
const searchFieldsOf = (body: Partial<ProductSearchFields>, row: AdminProductRow): ProductSearchFields => ({
  nameEn: body.nameEn === undefined ? row.name_en : body.nameEn,
  descriptionEn: body.descriptionEn === undefined ? row.description_en : body.descriptionEn,
  keywords: body.keywords ?? row.keywords,
  keywordsEn: body.keywordsEn ?? row.keywords_en,
  weightGrams: body.weightGrams === undefined ? row.weight_grams : body.weightGrams,
});

const withSearchFields = (row: AdminProductRow, f: ProductSearchFields): AdminProductRow => ({
  ...row,
  name_en: f.nameEn,
  description_en: f.descriptionEn,
  keywords: f.keywords,
  keywords_en: f.keywordsEn,
  weight_grams: f.weightGrams,
});

export function createProductAdmin(deps: { db: Database; events: EventPublisher }) {
  const { db, events } = deps;
  const onStockChanged = (c: { productId: string; stock: number }) => events.publish({ type: 'stock.changed', ...c });

  return {
    async search(q: { category?: string; onSale?: string; q?: string } & PageRequest) {
      const filter = new SearchFilter();
      if (q.category) filter.where(`category_slug = ${filter.param(q.category)}`);
      if (q.onSale) filter.where(`on_sale = ${filter.param(q.onSale === 'true')}`);
      for (const word of q.q ? foldForSearch(q.q).split(' ').filter(Boolean).slice(0, 8) : []) {
        filter.where(`search_text LIKE ${filter.param(`%${escapeLike(word)}%`)} ESCAPE '\\'`);
      }
      const { rows, total } = await pagedSearch<AdminProductRow>(db, {
        select: COLUMNS,
        from: 'products',
        filter,
        orderBy: 'name, id',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map(toAdminProduct), total };
    },

    async get(id: string) {
      if (!isUuid(id)) throw notFound();
      const { rows } = await db.query<AdminProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
      if (!rows[0]) throw notFound();
      const movements = await db.query<{
        delta: number;
        reason: string;
        note: string | null;
        order_id: string | null;
        created_at: Date;
        actor_id: string | null;
      }>('SELECT delta, reason, note, order_id, created_at, actor_id FROM stock_movements WHERE product_id = $1 ORDER BY id DESC LIMIT 50', [id]);
      // Who moved the stock: names from their owner (auth), one query for the page.
      const names = await namesByIds(
        db,
        movements.rows.flatMap((m) => (m.actor_id ? [m.actor_id] : [])),
      );
      return {
        ...toAdminProduct(rows[0]),
        movements: movements.rows.map((m) => ({
          delta: m.delta,
          reason: m.reason,
          note: m.note,
          orderId: m.order_id,
          at: m.created_at.toISOString(),
          actorName: (m.actor_id && names.get(m.actor_id)?.name) ?? null,
        })),
      };
    },

    create(actor: AuditActor, body: ProductFields & { stock: number }): Promise<AdminProduct> {
      return db.transaction(async (tx) => {
        await assertCategory(tx, body.category);
        const { rows } = await tx.query<AdminProductRow>(
          `INSERT INTO products (slug, name, description, category_slug, unit, price_cents, on_sale, max_per_order, search_text)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
          [
            slugify(body.name),
            body.name,
            body.description,
            body.category,
            body.unit,
            body.priceCents,
            body.onSale,
            body.maxPerOrder,
            foldForSearch(`${body.name} ${body.description}`),
          ],
        );
        const search = searchFieldsOf(body, rows[0]!);
        await writeSearchFields(tx, rows[0]!.id, search);
        const created = withSearchFields(rows[0]!, search);
        if (body.stock > 0) {
          created.stock = (await changeStock(tx, { productId: created.id, delta: body.stock, reason: 'initial', actorId: actor.id }, onStockChanged))!;
        }
        const view = toAdminProduct(created);
        tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: created.id }));
        await auditProduct(tx, actor, 'product.create', created.id, { after: view });
        return view;
      });
    },

    update(actor: AuditActor, id: string, body: Partial<ProductFields>): Promise<AdminProduct> {
      return db.transaction(async (tx) => {
        const before = await lockProduct(tx, id);
        if (body.category !== undefined) await assertCategory(tx, body.category);
        const next = {
          name: body.name ?? before.name,
          description: body.description ?? before.description,
          category: body.category ?? before.category_slug,
          unit: body.unit ?? before.unit,
          priceCents: body.priceCents ?? before.price_cents,
          onSale: body.onSale ?? before.on_sale,
          maxPerOrder: body.maxPerOrder === undefined ? before.max_per_order : body.maxPerOrder,
        };
        const { rows } = await tx.query<AdminProductRow>(
          `UPDATE products SET name = $2, description = $3, category_slug = $4, unit = $5, price_cents = $6, on_sale = $7,
                  max_per_order = $8, search_text = $9, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
          [
            before.id,
            next.name,
            next.description,
            next.category,
            next.unit,
            next.priceCents,
            next.onSale,
            next.maxPerOrder,
            foldForSearch(`${next.name} ${next.description}`),
          ],
        );
        const search = searchFieldsOf(body, before);
        await writeSearchFields(tx, before.id, search);
        // Off sale by either route, carts keep the line, shown "no longer sold" until removed
        // (never a silent drop); the catalogue pages open in browsers hear catalog:changed.
        const view = toAdminProduct(withSearchFields(rows[0]!, search));
        tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: before.id }));
        await auditProduct(tx, actor, 'product.update', before.id, { before: toAdminProduct(before), after: view });
        return view;
      });
    },

    /** Taking a product off sale: it leaves the shop (carts show it "no longer sold"); past orders keep their copied lines. */
    withdraw(actor: AuditActor, id: string): Promise<AdminProduct> {
      return db.transaction(async (tx) => {
        const before = await lockProduct(tx, id);
        const { rows } = await tx.query<AdminProductRow>(`UPDATE products SET on_sale = false, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
          before.id,
        ]);
        const view = toAdminProduct(rows[0]!);
        tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: before.id }));
        await auditProduct(tx, actor, 'product.withdraw', before.id, { before: { onSale: before.on_sale }, after: { onSale: false } });
        return view;
      });
    },

    adjustStock(actor: AuditActor, id: string, body: { delta: number; reason: string }): Promise<AdminProduct> {
      return db.transaction(async (tx) => {
        const before = await lockProduct(tx, id);
        const stock = await changeStock(
          tx,
          { productId: before.id, delta: body.delta, reason: 'adjustment', actorId: actor.id, note: body.reason },
          onStockChanged,
        );
        if (stock === undefined) {
          throw new AppError('insufficient_stock', {
            message: `Le stock ne peut pas devenir négatif (stock actuel : ${before.stock}).`,
            details: [{ productId: before.id, available: before.stock }],
          });
        }
        await auditProduct(tx, actor, 'product.stock', before.id, {
          before: { stock: before.stock },
          after: { stock, delta: body.delta, reason: body.reason },
        });
        return { ...toAdminProduct(before), stock };
      });
    },

    /** Stores an image already re-encoded as WebP and points the product at it. */
    setImage(actor: AuditActor, id: string, image: { data: Buffer; width: number; height: number }): Promise<AdminProduct> {
      return db.transaction(async (tx) => {
        const before = await lockProduct(tx, id);
        await tx.query('DELETE FROM product_images WHERE product_id = $1', [id]);
        const { rows } = await tx.query<{ id: string }>(
          'INSERT INTO product_images (product_id, mime, bytes, width, height) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [id, 'image/webp', image.data, image.width, image.height],
        );
        const imagePath = `/images/uploads/${rows[0]!.id}.webp`;
        const updated = await tx.query<AdminProductRow>(`UPDATE products SET image_path = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
          id,
          imagePath,
        ]);
        tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: id }));
        await auditProduct(tx, actor, 'product.image', id, { before: { imageUrl: before.image_path }, after: { imageUrl: imagePath } });
        return toAdminProduct(updated.rows[0]!);
      });
    },
  };
}

/** An uploaded image's bytes, or undefined. */
export async function uploadedImage(db: Queryable, id: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
  if (!isUuid(id)) return undefined;
  const { rows } = await db.query<{ mime: string; bytes: Buffer | Uint8Array }>('SELECT mime, bytes FROM product_images WHERE id = $1', [id]);
  return rows[0] && { mime: rows[0].mime, bytes: Buffer.from(rows[0].bytes) };
}
