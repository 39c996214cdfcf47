/** The shop's categories, shared by the shop and the admin panel. */

import { api, type Category } from './api.ts';
import { getLang } from './i18n.ts';

let cache: { lang: string; list: Promise<Category[]> } | undefined;

/** The categories in the interface's language, asked once per page load and language (a failure is asked again next time). */
export function loadCategories(): Promise<Category[]> {
  const lang = getLang();
  if (cache?.lang !== lang) {
    const list = api.get<Category[]>(`/api/categories?lang=${lang}`);
    cache = { lang, list };
    list.catch(() => {
      if (cache?.list === list) cache = undefined;
    });
  }
  return cache.list;
}

/** After a category was created, renamed, moved or deleted: the next caller asks again. */
export function forgetCategories(): void {
  cache = undefined;
}
