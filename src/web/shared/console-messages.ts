/**
 * The strings the staff console and the admin panel share (the order page, the pager,
 * payment states), French first, English second; the order statuses come from the
 * shop's table (shared/i18n.ts). Each console spreads these into its own dictionary.
 */

import { pluralForm, sharedEn, sharedFr, type MessageKey, type Params, type PluralBase } from './i18n.ts';

/** Plural-aware lookup in a console's dictionary: mn('board.count', 3) → "3 commandes". */
export function pluralOf<K extends string>(tr: (key: K, params?: Params) => string) {
  return (key: PluralBase<K>, n: number, params?: Params): string => tr(`${key}.${pluralForm(n)}` as K, { n, ...params });
}

/** Some strings of the shop's table (shared/i18n.ts), for a console's dictionary that says the same. */
export function sharedMessages<const K extends MessageKey>(keys: readonly K[]): { fr: Pick<typeof sharedFr, K>; en: Record<K, string> } {
  const pick = (table: Record<MessageKey, string>) => Object.fromEntries(keys.map((k) => [k, table[k]])) as Record<K, string>;
  return { fr: pick(sharedFr) as Pick<typeof sharedFr, K>, en: pick(sharedEn) };
}

const shared = sharedMessages(['status.pending_payment', 'status.paid', 'status.in_preparation', 'status.in_delivery', 'status.delivered', 'status.canceled', 'order.title', 'order.loading', 'order.subtotal', 'notFound.title']);

export const consoleFr = {
  ...shared.fr,
  'pager.label': 'Pages',
  'pager.pageOf': 'Page {page} sur {pages}',
  'order.notFoundText': 'Cette commande n’existe pas.',
  'order.placedAt': 'Passée le {date}',
  'order.actions': 'Actions',
  'order.move.in_preparation': 'Commencer la préparation',
  'order.move.in_delivery': 'Passer en livraison',
  'order.move.delivered': 'Marquer comme livrée',
  'order.move.canceled': 'Annuler la commande',
  'order.moving': 'Enregistrement…',
  'order.moved': 'Commande {number} : {status}.',
  'order.proof': 'Preuve de traitement',
  'order.proofVerify': 'Page de vérification',
  'order.customer': 'Client',
  'order.customerName': 'Nom',
  'order.customerEmail': 'E-mail',
  'order.centre': 'Centre des Restos du Cœur',
  'order.centreAddress': 'Adresse',
  'order.centreHours': 'Horaires',
  'order.forCustomer': 'Pour le client',
  'order.forCentre': 'Offert au centre',
  'order.noCustomerLines': 'Aucun article pour le client : tout est offert au centre.',
  'order.noGiftLines': 'Aucun article offert au centre.',
  'order.col.product': 'Produit',
  'order.col.quantity': 'Quantité',
  'order.col.unitPrice': 'Prix unitaire',
  'order.col.lineTotal': 'Total',
  'order.total': 'Total de la commande',
  'order.giftTotal': 'dont offert au centre',
  'order.customerTotal': 'dont pour le client',
  'order.donationOnly': 'Toute la commande est offerte au centre.',
  'order.payment': 'Paiement',
  'order.noPayment': 'Aucun paiement enregistré.',
  'order.paymentProvider': 'Prestataire',
  'order.paymentStatus': 'État',
  'order.paymentAmount': 'Montant',
  'order.paymentRefunded': 'Remboursé',
  'order.paymentRef': 'Référence',
  'order.history': 'Historique',
  'order.actor.customer': 'le client',
  'order.actor.customerNamed': '{name} (client)',
  'order.actor.staff': 'l’équipe',
  'order.actor.staffNamed': '{name} (équipe)',
  'order.actor.admin': 'l’administration',
  'order.actor.adminNamed': '{name} (administration)',
  'order.actor.payment': 'le prestataire de paiement',
  'order.actor.system': 'le système (automatique)',
  'order.note': 'Note : {note}',
  'payment.pending': 'En attente',
  'payment.succeeded': 'Réussi',
  'payment.failed': 'Échoué',
  'payment.refunded': 'Remboursé',
} as const;

export const consoleEn: Record<keyof typeof consoleFr, string> = {
  ...shared.en,
  'pager.label': 'Pages',
  'pager.pageOf': 'Page {page} of {pages}',
  'order.notFoundText': 'This order does not exist.',
  'order.placedAt': 'Placed on {date}',
  'order.actions': 'Actions',
  'order.move.in_preparation': 'Start preparing',
  'order.move.in_delivery': 'Send out for delivery',
  'order.move.delivered': 'Mark as delivered',
  'order.move.canceled': 'Cancel the order',
  'order.moving': 'Saving…',
  'order.moved': 'Order {number}: {status}.',
  'order.proof': 'Proof of processing',
  'order.proofVerify': 'Verification page',
  'order.customer': 'Customer',
  'order.customerName': 'Name',
  'order.customerEmail': 'Email',
  'order.centre': 'Restos du Cœur centre',
  'order.centreAddress': 'Address',
  'order.centreHours': 'Opening hours',
  'order.forCustomer': 'For the customer',
  'order.forCentre': 'Offered to the centre',
  'order.noCustomerLines': 'Nothing for the customer: everything is offered to the centre.',
  'order.noGiftLines': 'Nothing offered to the centre.',
  'order.col.product': 'Product',
  'order.col.quantity': 'Quantity',
  'order.col.unitPrice': 'Unit price',
  'order.col.lineTotal': 'Total',
  'order.total': 'Order total',
  'order.giftTotal': 'of which offered to the centre',
  'order.customerTotal': 'of which for the customer',
  'order.donationOnly': 'The whole order is offered to the centre.',
  'order.payment': 'Payment',
  'order.noPayment': 'No payment recorded.',
  'order.paymentProvider': 'Provider',
  'order.paymentStatus': 'State',
  'order.paymentAmount': 'Amount',
  'order.paymentRefunded': 'Refunded',
  'order.paymentRef': 'Reference',
  'order.history': 'History',
  'order.actor.customer': 'the customer',
  'order.actor.customerNamed': '{name} (customer)',
  'order.actor.staff': 'the team',
  'order.actor.staffNamed': '{name} (team)',
  'order.actor.admin': 'the administration',
  'order.actor.adminNamed': '{name} (administration)',
  'order.actor.payment': 'the payment provider',
  'order.actor.system': 'the system (automatic)',
  'order.note': 'Note: {note}',
  'payment.pending': 'Pending',
  'payment.succeeded': 'Succeeded',
  'payment.failed': 'Failed',
  'payment.refunded': 'Refunded',
};

