import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import sharp, { type OutputInfo } from 'sharp';
import type { Database } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import { adminRouter, createHandler, readHandler, searchHandler, updateHandler, userOf } from '../auth/index.ts';
import { adminProductQuery, createProductBody, stockAdjustmentBody, updateProductBody } from '../../contract/index.ts';
import { createProductAdmin, uploadedImage } from './admin-products.ts';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heif']);

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
  const products = createProductAdmin(deps);
  const r = adminRouter('/admin/products');

  r.get('/admin/products', searchHandler(adminProductQuery, products.search));

  r.get('/admin/products/:id', readHandler(products.get));
  r.post('/admin/products', createHandler(createProductBody, products.create));
  r.patch('/admin/products/:id', updateHandler(updateProductBody, products.update));

  // Taking a product off sale: it leaves the shop and carts; past orders keep their copied lines.
  r.delete('/admin/products/:id', async (req, res) => {
    res.json(await products.withdraw(userOf(req), String(req.params.id)));
  });

  r.post('/admin/products/:id/stock', updateHandler(stockAdjustmentBody, products.adjustStock));

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
      throw new AppError('validation_failed', {
        details: [{ field: 'image', message: 'Ce fichier n’est pas une image reconnue (JPEG, PNG, WebP, GIF ou AVIF).' }],
      });
    }
    res.json(await products.setImage(actor, id, { data: encoded.data, width: encoded.info.width, height: encoded.info.height }));
  });

  return r;
}

/** Serves uploaded images from the database (immutable: a new upload gets a new id). */
export function uploadedImageRoutes(db: Database): Router {
  const r = Router();
  r.get('/images/uploads/:file', async (req, res) => {
    const m = /^([0-9a-f-]{36})\.webp$/.exec(String(req.params.file));
    const image = m ? await uploadedImage(db, m[1]!) : undefined;
    if (!image) throw notFound();
    res.setHeader('Content-Type', image.mime);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.send(image.bytes);
  });
  return r;
}
