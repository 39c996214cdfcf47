import type { Response } from 'express';
import { csvDateTime, csvEuros, sendSheet, type SheetFormat } from '../../shared/csv.ts';
import { ORDER_STATUS_LABELS, PAYMENT_STATUS_LABELS, PROVIDER_LABELS, YES_NO, type Lang } from '../../shared/labels.ts';
import type { StaffOrderView } from './views.ts';

const HEADERS: Record<Lang, { orders: string[]; lines: string[] }> = {
  fr: {
    orders: [
      'Numéro',
      'Date',
      'Statut',
      'Client',
      'E-mail',
      'Centre',
      'Ville',
      'Total (€)',
      'Offert (€)',
      'Tout offert',
      'Paiement',
      'Statut du paiement',
      'Référence du paiement',
      'Remboursé (€)',
    ],
    lines: [
      'Numéro',
      'Date',
      'Statut',
      'Client',
      'Centre',
      'Ville',
      'Produit',
      'Unité',
      'Quantité',
      'Prix unitaire (€)',
      'Total ligne (€)',
      'Offert au centre',
    ],
  },
  en: {
    orders: [
      'Number',
      'Date',
      'Status',
      'Customer',
      'Email',
      'Centre',
      'Town',
      'Total (€)',
      'Given (€)',
      'All given',
      'Payment',
      'Payment status',
      'Payment reference',
      'Refunded (€)',
    ],
    lines: ['Number', 'Date', 'Status', 'Customer', 'Centre', 'Town', 'Product', 'Unit', 'Quantity', 'Unit price (€)', 'Line total (€)', 'Given to the centre'],
  },
};

/**
 * The order list as a CSV (or .xlsx) download for volunteers: one row per order, or with `lines` one
 * row per order line; Paris dates and labels in the admin's language.
 */
export async function sendOrdersSheet(
  res: Response,
  orders: StaffOrderView[],
  opts: { format: SheetFormat; lang: Lang; lines: boolean; today: string },
): Promise<void> {
  const { lang } = opts;
  const [yes, no] = YES_NO[lang];
  const status = (s: string) => ORDER_STATUS_LABELS[lang][s] ?? s;
  const euros = (cents: number) => csvEuros(cents, lang);
  const base = `${lang === 'en' ? 'orders' : 'commandes'}${opts.lines ? (lang === 'en' ? '-lines' : '-lignes') : ''}-${opts.today}`;
  if (opts.lines) {
    const rows = orders.flatMap((o) =>
      o.items.map((i) => [
        o.number,
        csvDateTime(o.createdAt),
        status(o.status),
        o.customer.name,
        o.centre.name,
        o.centre.city,
        i.name,
        i.unit,
        i.quantity,
        euros(i.unitPriceCents),
        euros(i.lineTotalCents),
        i.donate ? yes : no,
      ]),
    );
    await sendSheet(res, opts.format, base, HEADERS[lang].lines, rows);
    return;
  }
  const rows = orders.map((o) => [
    o.number,
    csvDateTime(o.createdAt),
    status(o.status),
    o.customer.name,
    o.customer.email,
    o.centre.name,
    o.centre.city,
    euros(o.totalCents),
    euros(o.donationTotalCents),
    o.donationOnly ? yes : no,
    o.payment ? (PROVIDER_LABELS[lang][o.payment.provider] ?? o.payment.provider) : '',
    o.payment ? (PAYMENT_STATUS_LABELS[lang][o.payment.status] ?? o.payment.status) : '',
    o.payment?.providerRef ?? '',
    euros(o.payment?.refundedCents ?? 0),
  ]);
  await sendSheet(res, opts.format, base, HEADERS[lang].orders, rows);
}
