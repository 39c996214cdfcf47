import type { Request } from 'express';
import { publicCategoryQuery, type Locale } from '../contract/index.ts';
import { parseQuery } from './validate.ts';

/**
 * The language a public read answers in (contract: "Public reads in two languages"):
 * `lang=fr|en` (anything else is 400), else the browser's Accept-Language, else French.
 * Answers that depend on it say `Vary: Accept-Language`.
 */
export function readingLanguage(req: Request): Locale {
  const { lang } = parseQuery(publicCategoryQuery, req.query);
  if (lang) return lang;
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
}
