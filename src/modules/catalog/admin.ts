import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import sharp, { type OutputInfo } from 'sharp';
import type { Database, Queryable } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import { escapeLike, foldForSearch } from '../../shared/text.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { requireAdmin, userOf } from '../auth/index.ts';
import { recordAudit } from '../audit/index.ts';
import { removeFromAllCarts } from '../cart/index.ts';
import { adminProductQuery, createProductBody, stockAdjustmentBody, updateProductBody } from '../../contract/index.ts';
import { changeStock } from './stock.ts';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heif']);

interface AdminProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  category_slug: string;
  unit: string;
  price_cents: number;
  stock: number;
  image_path: string | null;
  on_sale: boolean;
  max_per_order: number | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, slug, name, description, category_slug, unit, price_cents, stock, image_path, on_sale, max_per_order, created_at, updated_at';

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
  `${foldForSearch(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'produit'}-${randomBytes(3).toString('hex')}`;

/** multipart/form-data with one `image` field, kept in memory (it is re-encoded before anything is stored). */
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5 } }).single('image');
function uploadImage(req: Request, res: Response, next: NextFunction) {
  upload(req, res, (err: unknown) => {
    if (!err) return next();
    if (err instanceof multer.MulterError) {
      if (err.code === 'LIMIT_FILE_SIZE') return next(new AppError('payload_too_large', { message: 'L’image dépasse 5 Mo.' }));
      return next(new AppError('validation_failed', { details: [{ field: 'image', message: 'Envoyez un seul fichier dans le champ « image ».' }] }));
    }
    next(new AppError('validation_failed', { details: [{ field: 'image', message: 'Envoi de fichier illisible.' }] }));
  });
}

export function adminProductRoutes(deps: { db: Database; events: EventPublisher }): Router {
  const { db, events } = deps;
  const onStockChanged = (c: { productId: string; stock: number }) => events.publish({ type: 'stock.changed', ...c });
  const r = Router();
  r.use('/admin/products', requireAdmin);

  r.get('/admin/products', async (req, res) => {
    const q = parseQuery(adminProductQuery, req.query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.category) where.push(`category_slug = $${params.push(q.category)}`);
    if (q.onSale) where.push(`on_sale = $${params.push(q.onSale === 'true')}`);
    for (const word of q.q ? foldForSearch(q.q).split(' ').filter(Boolean).slice(0, 8) : []) {
      where.push(`search_text LIKE $${params.push(`%${escapeLike(word)}%`)} ESCAPE '\\'`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM products ${whereSql}`, params);
    const rows = await db.query<AdminProductRow>(
      `SELECT ${COLUMNS} FROM products ${whereSql} ORDER BY name, id LIMIT $${params.push(q.pageSize)} OFFSET $${params.push((q.page - 1) * q.pageSize)}`,
      params,
    );
    res.json({ items: rows.rows.map(toAdminProduct), total: total.rows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize });
  });

  r.get('/admin/products/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const { rows } = await db.query<AdminProductRow>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
    if (!rows[0]) throw notFound();
    const movements = await db.query<{ delta: number; reason: string; note: string | null; order_id: string | null; created_at: Date; actor_name: string | null }>(
      `SELECT m.delta, m.reason, m.note, m.order_id, m.created_at, u.name AS actor_name
         FROM stock_movements m LEFT JOIN users u ON u.id = m.actor_id
        WHERE m.product_id = $1 ORDER BY m.id DESC LIMIT 50`,
      [id],
    );
    res.json({
      ...toAdminProduct(rows[0]),
      movements: movements.rows.map((m) => ({ delta: m.delta, reason: m.reason, note: m.note, orderId: m.order_id, at: m.created_at.toISOString(), actorName: m.actor_name })),
    });
  });

  r.post('/admin/products', async (req, res) => {
    const body = parse(createProductBody, req.body);
    const actor = userOf(req);
    const product = await db.transaction(async (tx) => {
      await assertCategory(tx, body.category);
      const { rows } = await tx.query<AdminProductRow>(
        `INSERT INTO products (slug, name, description, category_slug, unit, price_cents, on_sale, max_per_order, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [slugify(body.name), body.name, body.description, body.category, body.unit, body.priceCents, body.onSale, body.maxPerOrder, foldForSearch(`${body.name} ${body.description}`)],
      );
      const created = rows[0]!;
      if (body.stock > 0) {
        created.stock = (await changeStock(tx, { productId: created.id, delta: body.stock, reason: 'initial', actorId: actor.id }, onStockChanged))!;
      }
      const view = toAdminProduct(created);
      tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: created.id }));
      await recordAudit(tx, { actor, action: 'product.create', entityType: 'product', entityId: created.id, after: view });
      return view;
    });
    res.status(201).json(product);
  });

  r.patch('/admin/products/:id', async (req, res) => {
    const body = parse(updateProductBody, req.body);
    const actor = userOf(req);
    const product = await db.transaction(async (tx) => {
      const before = await lockProduct(tx, String(req.params.id));
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
        [before.id, next.name, next.description, next.category, next.unit, next.priceCents, next.onSale, next.maxPerOrder, foldForSearch(`${next.name} ${next.description}`)],
      );
      // Off sale by either route: it leaves carts too (DELETE below does the same).
      if (before.on_sale && !next.onSale) await removeFromAllCarts(tx, before.id);
      const view = toAdminProduct(rows[0]!);
      tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: before.id }));
      await recordAudit(tx, { actor, action: 'product.update', entityType: 'product', entityId: before.id, before: toAdminProduct(before), after: view });
      return view;
    });
    res.json(product);
  });

  // Taking a product off sale: it leaves the shop and carts; past orders keep their copied lines.
  r.delete('/admin/products/:id', async (req, res) => {
    const actor = userOf(req);
    const product = await db.transaction(async (tx) => {
      const before = await lockProduct(tx, String(req.params.id));
      const { rows } = await tx.query<AdminProductRow>(`UPDATE products SET on_sale = false, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [before.id]);
      await removeFromAllCarts(tx, before.id);
      const view = toAdminProduct(rows[0]!);
      tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: before.id }));
      await recordAudit(tx, { actor, action: 'product.withdraw', entityType: 'product', entityId: before.id, before: { onSale: before.on_sale }, after: { onSale: false } });
      return view;
    });
    res.json(product);
  });

  r.post('/admin/products/:id/stock', async (req, res) => {
    const body = parse(stockAdjustmentBody, req.body);
    const actor = userOf(req);
    const product = await db.transaction(async (tx) => {
      const before = await lockProduct(tx, String(req.params.id));
      const stock = await changeStock(tx, { productId: before.id, delta: body.delta, reason: 'adjustment', actorId: actor.id, note: body.reason }, onStockChanged);
      if (stock === undefined) {
        throw new AppError('insufficient_stock', {
          message: `Le stock ne peut pas devenir négatif (stock actuel : ${before.stock}).`,
          details: [{ productId: before.id, available: before.stock }],
        });
      }
      await recordAudit(tx, { actor, action: 'product.stock', entityType: 'product', entityId: before.id, before: { stock: before.stock }, after: { stock, delta: body.delta, reason: body.reason } });
      return { ...toAdminProduct(before), stock };
    });
    res.json(product);
  });

  r.post('/admin/products/:id/image', uploadImage, async (req, res) => {
    const actor = userOf(req);
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const file = req.file;
    if (!file) throw new AppError('validation_failed', { details: [{ field: 'image', message: 'Aucune image reçue (champ « image »).' }] });
    // Decoded and re-encoded, whatever was sent: what we serve is always a clean, bounded image.
    let encoded: { data: Buffer; info: OutputInfo };
    try {
      const meta = await sharp(file.buffer, { limitInputPixels: 40_000_000 }).metadata();
      if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) throw new Error(`format ${meta.format}`);
      encoded = await sharp(file.buffer, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize(800, 800, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw new AppError('validation_failed', { details: [{ field: 'image', message: 'Ce fichier n’est pas une image reconnue (JPEG, PNG, WebP, GIF ou AVIF).' }] });
    }
    const product = await db.transaction(async (tx) => {
      const before = await lockProduct(tx, id);
      await tx.query('DELETE FROM product_images WHERE product_id = $1', [id]);
      const { rows } = await tx.query<{ id: string }>(
        'INSERT INTO product_images (product_id, mime, bytes, width, height) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [id, 'image/webp', encoded.data, encoded.info.width, encoded.info.height],
      );
      const imagePath = `/images/uploads/${rows[0]!.id}.webp`;
      const updated = await tx.query<AdminProductRow>(`UPDATE products SET image_path = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id, imagePath]);
      tx.afterCommit(() => events.publish({ type: 'catalog.changed', productId: id }));
      await recordAudit(tx, { actor, action: 'product.image', entityType: 'product', entityId: id, before: { imageUrl: before.image_path }, after: { imageUrl: imagePath } });
      return toAdminProduct(updated.rows[0]!);
    });
    res.json(product);
  });

  return r;
}

/** Serves uploaded images from the database (immutable: a new upload gets a new id). */
export function uploadedImageRoutes(db: Database): Router {
  const r = Router();
  r.get('/images/uploads/:file', async (req, res) => {
    const m = /^([0-9a-f-]{36})\.webp$/.exec(String(req.params.file));
    if (!m || !isUuid(m[1])) throw notFound();
    const { rows } = await db.query<{ mime: string; bytes: Buffer | Uint8Array }>('SELECT mime, bytes FROM product_images WHERE id = $1', [m[1]]);
    if (!rows[0]) throw notFound();
    res.setHeader('Content-Type', rows[0].mime);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.send(Buffer.from(rows[0].bytes));
  });
  return r;
}
