/** Calls of the admin panel that are not plain JSON, and small caches. */

import { api, ApiError, type Category } from '../shared/api.ts';
import { getLang } from '../shared/i18n.ts';
import type { AdminProduct } from '../../contract/index.ts';

let categories: { lang: string; list: Promise<Category[]> } | undefined;

/** The categories in the panel's language, asked once per page load and language (a failure is asked again next time). */
export function loadCategories(): Promise<Category[]> {
  const lang = getLang();
  if (categories?.lang !== lang) {
    const list = api.get<Category[]>(`/api/categories?lang=${lang}`);
    categories = { lang, list };
    list.catch(() => {
      if (categories?.list === list) categories = undefined;
    });
  }
  return categories.list;
}

/** After a category was created, renamed, moved or deleted: the next caller asks again. */
export function forgetCategories(): void {
  categories = undefined;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/**
 * POST /api/admin/products/:id/image as multipart (field `image`). Failures come back
 * as ApiError, like every other call (413 too big, 400 not an image).
 */
export async function uploadProductImage(productId: string, file: File, signal?: AbortSignal): Promise<AdminProduct> {
  const form = new FormData();
  form.append('image', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/admin/products/${encodeURIComponent(productId)}/image`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network_error', message: 'Network error' });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError({
      status: res.status,
      code: error?.code ?? (res.status === 413 ? 'payload_too_large' : `http_${res.status}`),
      message: error?.message ?? res.statusText,
      details: error?.details,
    });
  }
  return body as AdminProduct;
}
