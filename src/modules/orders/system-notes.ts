import type { Locale } from '../../contract/index.ts';

/**
 * The notes the system itself writes in an order's history (staff notes are free text and
 * stay as written). Stored in French, the shop's language; an owner reading in English gets
 * the English one (contract: "Public reads in two languages").
 */
export const SYSTEM_NOTES = {
  paymentUnavailable: { fr: 'Paiement indisponible', en: 'Payment unavailable' },
  canceledByCustomer: { fr: 'Annulée par le client', en: 'Canceled by the customer' },
  paymentReceived: { fr: 'Paiement reçu', en: 'Payment received' },
  refundedAtProvider: { fr: 'Remboursée depuis le prestataire de paiement', en: 'Refunded from the payment provider' },
  reservationExpired: { fr: 'Réservation expirée', en: 'Reservation expired' },
  notPaidInTime: { fr: 'Paiement non effectué avant la fin de la réservation', en: 'Not paid before the reservation ended' },
  reminderDay: { fr: 'Rappel envoyé : retrait demain', en: 'Reminder sent: pickup tomorrow' },
  reminderHour: { fr: 'Rappel envoyé : retrait dans une heure', en: 'Reminder sent: pickup in one hour' },
  offeredToCentre: {
    fr: 'Non retirée à temps : vos articles ont été offerts au centre',
    en: 'Not collected in time: your items were offered to the centre',
  },
} as const;

const ENGLISH = new Map<string, string>(Object.values(SYSTEM_NOTES).map((n) => [n.fr, n.en]));

/** The view with its history's system notes in `lang`. */
export function historyInLanguage<V extends { history: Array<{ note: string | null }> }>(view: V, lang: Locale): V {
  if (lang === 'fr') return view;
  return { ...view, history: view.history.map((e) => (e.note && ENGLISH.has(e.note) ? { ...e, note: ENGLISH.get(e.note)! } : e)) };
}
