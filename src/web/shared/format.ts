import { getLocale } from './i18n.ts';

const formatters = new Map<string, Intl.NumberFormat>();

/** Euro cents → "1,09 €" (French) or "€1.09" (English); always euros. */
export function formatPrice(cents: number): string {
  const locale = getLocale();
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    formatters.set(locale, f);
  }
  return f.format(cents / 100);
}
