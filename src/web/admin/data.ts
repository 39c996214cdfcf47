/** Calls of the admin panel that are not plain JSON. */

import { api } from '../shared/api.ts';
import type { AdminProduct } from '../../contract/index.ts';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/**
 * POST /api/admin/products/:id/image as multipart (field `image`). Failures come back
 * as ApiError, like every other call (413 too big, 400 not an image).
 */
export async function uploadProductImage(productId: string, file: File, signal?: AbortSignal): Promise<AdminProduct> {
  const form = new FormData();
  form.append('image', file, file.name);
  return api.post<AdminProduct>(`/api/admin/products/${encodeURIComponent(productId)}/image`, form, { signal });
}
