import type { Locale, SystemNoteCode } from '../../contract/index.ts';

/**
 * The notes the system itself writes in an order's history (staff notes are free text and
 * stay as written). Stored in French, the shop's language; an owner reading in English gets
 * the English one (contract: "Public reads in two languages"), and every view names the note
 * by its code (`noteCode`, the contract's SYSTEM_NOTE_CODES) so that pages render it in their
 * reader's language, live events included.
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
} as const satisfies Record<SystemNoteCode, { fr: string; en: string }>;

const CODE_OF = new Map<string, SystemNoteCode>(Object.entries(SYSTEM_NOTES).map(([code, n]) => [n.fr, code as SystemNoteCode]));

/** The code of a note the system wrote (null: a staff member's or a customer's own words). */
export const systemNoteCode = (note: string | null, actorRole: string): SystemNoteCode | null =>
  note !== null && actorRole !== 'staff' && actorRole !== 'admin' ? (CODE_OF.get(note) ?? null) : null;

const ENGLISH = new Map<string, string>(Object.values(SYSTEM_NOTES).map((n) => [n.fr, n.en]));

/** The view with its history's system notes in `lang`. */
export function historyInLanguage<V extends { history: Array<{ note: string | null }> }>(view: V, lang: Locale): V {
  if (lang === 'fr') return view;
  return { ...view, history: view.history.map((e) => (e.note && ENGLISH.has(e.note) ? { ...e, note: ENGLISH.get(e.note)! } : e)) };
}
