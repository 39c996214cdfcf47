/**
 * Words people read in documents the server makes (proofs, CSV exports), in French and
 * English. The consoles have their own in their i18n tables.
 */
export type Lang = 'fr' | 'en';

export const ORDER_STATUS_LABELS: Record<Lang, Record<string, string>> = {
  fr: {
    pending_payment: 'En attente de paiement',
    paid: 'Payée',
    in_preparation: 'En préparation',
    in_delivery: 'En livraison',
    delivered: 'Livrée',
    collected: 'Retirée',
    canceled: 'Annulée',
  },
  en: {
    pending_payment: 'Awaiting payment',
    paid: 'Paid',
    in_preparation: 'Being prepared',
    in_delivery: 'Out for delivery',
    delivered: 'Delivered',
    collected: 'Collected',
    canceled: 'Canceled',
  },
};
export const STATUS_LABELS_FR = ORDER_STATUS_LABELS.fr;

export const PAYMENT_STATUS_LABELS: Record<Lang, Record<string, string>> = {
  fr: { pending: 'En attente', succeeded: 'Réussi', failed: 'Échoué', refunded: 'Remboursé' },
  en: { pending: 'Pending', succeeded: 'Succeeded', failed: 'Failed', refunded: 'Refunded' },
};

export const PROVIDER_LABELS: Record<Lang, Record<string, string>> = {
  fr: { stripe: 'Stripe', demo: 'Démonstration' },
  en: { stripe: 'Stripe', demo: 'Demo' },
};

export const YES_NO: Record<Lang, [string, string]> = { fr: ['Oui', 'Non'], en: ['Yes', 'No'] };
