import type { OrderView } from '../orders/index.ts';
import type { MailMessage } from './mailer.ts';

/**
 * The words of every mail, in French (the default) and English. A message is written
 * once as a few blocks, then rendered twice: plain text, and a simple HTML version where
 * every value is escaped. Each ends with a greeting; who sends it (the association's name,
 * address and contact) is the footer added when it is sent (footer.ts).
 */
import type { Locale } from '../../contract/index.ts';

export type { Locale };
export interface Recipient {
  name: string;
  email: string;
  locale: Locale;
}

type Block = { p: string } | { list: string[] } | { facts: Array<[string, string]> } | { link: string; label: string };

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function render(to: Recipient, subject: string, blocks: Block[]): MailMessage {
  const sep = to.locale === 'fr' ? ' : ' : ': ';
  const text = blocks
    .map((b) => {
      if ('p' in b) return b.p;
      if ('list' in b) return b.list.map((l) => `- ${l}`).join('\n');
      if ('facts' in b) return b.facts.map(([k, v]) => `${k}${sep}${v}`).join('\n');
      return `${b.label}${sep}${b.link}`;
    })
    .join('\n\n');
  const body = blocks
    .map((b) => {
      if ('p' in b) return `<p>${esc(b.p).replace(/\n/g, '<br>')}</p>`;
      if ('list' in b) return `<ul>${b.list.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
      if ('facts' in b)
        return `<table role="presentation">${b.facts.map(([k, v]) => `<tr><th align="left" valign="top">${esc(k)}</th><td>${esc(v).replace(/\n/g, '<br>')}</td></tr>`).join('')}</table>`;
      return `<p><a href="${esc(b.link)}">${esc(b.label)}</a></p>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="${to.locale}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;line-height:1.5;max-width:40rem">
${body}
</body></html>`;
  return { to: { name: to.name, address: to.email }, subject, text: `${text}\n`, html };
}

const money = (cents: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const L = {
  fr: {
    hello: (name: string) => `Bonjour ${name},`,
    sign: 'Merci pour votre solidarité,',
    paidSubject: (n: string) => `Commande ${n} confirmée et payée`,
    paidIntro: (n: string) => `Merci ! Nous avons bien reçu votre paiement : la commande ${n} est confirmée.`,
    lines: 'Vos articles :',
    offered: 'offert au centre',
    allOffered: 'Toute la commande est offerte aux Restos du Cœur. Merci !',
    total: 'Total payé',
    offeredTotal: 'Offert aux Restos du Cœur',
    centre: 'Centre',
    address: 'Adresse',
    hours: 'Horaires',
    follow: 'Suivre votre commande',
    deliverySubject: (n: string) => `Commande ${n} en route vers le centre`,
    deliveryIntro: (n: string, c: string) => `Votre commande ${n} est en cours de livraison vers le centre ${c}.`,
    deliveredSubject: (n: string) => `Commande ${n} livrée au centre`,
    deliveredIntro: (n: string, c: string) => `Votre commande ${n} est arrivée au centre ${c}.`,
    pickUp: 'Vous pouvez venir retirer vos articles aux horaires d’ouverture du centre.',
    givenDone: 'Les articles que vous avez offerts ont été remis au centre. Merci !',
    canceledSubject: (n: string) => `Commande ${n} annulée`,
    canceledIntro: (n: string) => `Votre commande ${n} a été annulée.`,
    refunded: (amount: string) => `${amount} vous sont remboursés sur le moyen de paiement utilisé ; le remboursement apparaît sous quelques jours.`,
    nothingCharged: 'Aucun montant n’a été débité.',
    teamMessage: 'Le mot de l’équipe',
    resetSubject: 'Réinitialisation de votre mot de passe Panier Solidaire',
    resetIntro: 'Vous avez demandé à choisir un nouveau mot de passe. Ce lien est valable une heure et ne sert qu’une fois :',
    resetLink: 'Choisir un nouveau mot de passe',
    resetIgnore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    verifySubject: 'Confirmez votre adresse e-mail pour Panier Solidaire',
    verifyIntro: (hours: number) =>
      `Pour confirmer que cette adresse est bien la vôtre, ouvrez ce lien. Il est valable ${hours} heures et ne sert qu’une fois :`,
    verifyLink: 'Confirmer mon adresse e-mail',
    verifyIgnore: 'Si vous n’avez pas créé de compte Panier Solidaire, ignorez ce message : l’adresse restera non confirmée.',
    team: 'Bien à vous,',
    reminderDaySubject: (n: string) => `Rappel : retrait de la commande ${n} demain`,
    reminderHourSubject: (n: string) => `Rappel : retrait de la commande ${n} dans une heure`,
    reminderIntro: (n: string, when: string, centre: string) => `Votre commande ${n} vous attend le ${when} au centre ${centre}.`,
    reminderCode: 'Montrez le code de retrait de la page de votre commande.',
    offeredSubject: (n: string) => `Commande ${n} offerte au centre`,
    offeredIntro: (n: string) =>
      `Votre commande ${n} n’a pas été retirée à temps : comme annoncé à la commande, ses articles ont été offerts au centre des Restos du Cœur. Merci pour ce don.`,
    backSubject: (p: string) => `${p} est de nouveau disponible`,
    backIntro: (p: string) => `Bonne nouvelle : « ${p} », que vous attendiez, est de nouveau en stock sur Panier Solidaire.`,
    backOnce: 'Nous ne vous écrivons qu’une fois pour cette demande ; les quantités peuvent partir vite.',
    backLink: 'Voir le produit',
    backStop: 'Ne plus recevoir aucune alerte « Prévenez-moi »',
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    sign: 'Thank you for your solidarity,',
    paidSubject: (n: string) => `Order ${n} confirmed and paid`,
    paidIntro: (n: string) => `Thank you! We have received your payment: order ${n} is confirmed.`,
    lines: 'Your items:',
    offered: 'offered to the centre',
    allOffered: 'The whole order is offered to the Restos du Cœur. Thank you!',
    total: 'Total paid',
    offeredTotal: 'Offered to the Restos du Cœur',
    centre: 'Centre',
    address: 'Address',
    hours: 'Opening hours',
    follow: 'Follow your order',
    deliverySubject: (n: string) => `Order ${n} is on its way to the centre`,
    deliveryIntro: (n: string, c: string) => `Your order ${n} is being delivered to the centre ${c}.`,
    deliveredSubject: (n: string) => `Order ${n} delivered to the centre`,
    deliveredIntro: (n: string, c: string) => `Your order ${n} has arrived at the centre ${c}.`,
    pickUp: 'You can collect your items during the centre’s opening hours.',
    givenDone: 'The items you offered have been handed to the centre. Thank you!',
    canceledSubject: (n: string) => `Order ${n} canceled`,
    canceledIntro: (n: string) => `Your order ${n} has been canceled.`,
    refunded: (amount: string) => `${amount} is refunded to the payment method you used; it shows within a few days.`,
    nothingCharged: 'Nothing was charged.',
    teamMessage: 'A word from the team',
    resetSubject: 'Reset your Panier Solidaire password',
    resetIntro: 'You asked to choose a new password. This link is valid for one hour and works once:',
    resetLink: 'Choose a new password',
    resetIgnore: 'If you did not ask for this, ignore this message: your password stays as it is.',
    verifySubject: 'Confirm your email address for Panier Solidaire',
    verifyIntro: (hours: number) => `To confirm this address is yours, open this link. It is valid for ${hours} hours and works once:`,
    verifyLink: 'Confirm my email address',
    verifyIgnore: 'If you did not create a Panier Solidaire account, ignore this message: the address stays unconfirmed.',
    team: 'Kind regards,',
    reminderDaySubject: (n: string) => `Reminder: pick up order ${n} tomorrow`,
    reminderHourSubject: (n: string) => `Reminder: pick up order ${n} in one hour`,
    reminderIntro: (n: string, when: string, centre: string) => `Your order ${n} awaits you on ${when} at the ${centre} centre.`,
    reminderCode: 'Show the pickup code from your order’s page.',
    offeredSubject: (n: string) => `Order ${n} offered to the centre`,
    offeredIntro: (n: string) =>
      `Your order ${n} was not collected in time: as announced when ordering, its items were offered to the Restos du Cœur centre. Thank you for this gift.`,
    backSubject: (p: string) => `${p} is available again`,
    backIntro: (p: string) => `Good news: “${p}”, which you were waiting for, is back in stock at Panier Solidaire.`,
    backOnce: 'We write only once for this request; quantities may go fast.',
    backLink: 'See the product',
    backStop: 'Stop every “Notify me” alert',
  },
} as const;

type MailOrder = Pick<OrderView, 'id' | 'number' | 'donationOnly' | 'centre' | 'items' | 'totalCents' | 'donationTotalCents' | 'payment'>;

function centreFacts(order: MailOrder, w: (typeof L)[Locale]): Block {
  const c = order.centre;
  const facts: Array<[string, string]> = [
    [w.centre, c.name],
    [w.address, `${c.address}, ${c.postcode} ${c.city}`],
  ];
  if (c.openingHours) facts.push([w.hours, c.openingHours]);
  return { facts };
}

export function orderPaidMail(to: Recipient, order: MailOrder, orderUrl: string): MailMessage {
  const w = L[to.locale];
  const lines = order.items.map(
    (i) => `${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''} — ${money(i.lineTotalCents, to.locale)}${i.donate ? ` (${w.offered})` : ''}`,
  );
  const totals: Array<[string, string]> = [[w.total, money(order.totalCents, to.locale)]];
  if (order.donationTotalCents > 0) totals.push([w.offeredTotal, money(order.donationTotalCents, to.locale)]);
  const blocks: Block[] = [{ p: w.hello(to.name) }, { p: w.paidIntro(order.number) }, { p: w.lines }, { list: lines }];
  if (order.donationOnly || (order.items.length > 0 && order.items.every((i) => i.donate))) blocks.push({ p: w.allOffered });
  blocks.push({ facts: totals }, centreFacts(order, w), { link: orderUrl, label: w.follow }, { p: w.sign });
  return render(to, w.paidSubject(order.number), blocks);
}

/**
 * A status mail. `customerMessage` is what staff wrote for the customer (shown as it is);
 * the internal note of the change is never given to this function.
 */
export function orderStatusMail(
  to: Recipient,
  order: MailOrder,
  status: 'in_delivery' | 'delivered' | 'canceled',
  orderUrl: string,
  customerMessage?: string,
): MailMessage {
  const w = L[to.locale];
  const hello: Block = { p: w.hello(to.name) };
  const said: Block[] = customerMessage ? [{ facts: [[w.teamMessage, customerMessage]] }] : [];
  const end: Block[] = [...said, { link: orderUrl, label: w.follow }, { p: w.sign }];
  if (status === 'in_delivery') {
    return render(to, w.deliverySubject(order.number), [hello, { p: w.deliveryIntro(order.number, order.centre.name) }, centreFacts(order, w), ...end]);
  }
  if (status === 'delivered') {
    const kept = order.items.some((i) => !i.donate) && !order.donationOnly;
    const given = order.items.some((i) => i.donate) || order.donationOnly;
    const blocks: Block[] = [hello, { p: w.deliveredIntro(order.number, order.centre.name) }];
    if (kept) blocks.push({ p: w.pickUp });
    if (given) blocks.push({ p: w.givenDone });
    return render(to, w.deliveredSubject(order.number), [...blocks, centreFacts(order, w), ...end]);
  }
  const refunded = order.payment?.refundedCents ?? 0;
  return render(to, w.canceledSubject(order.number), [
    hello,
    { p: w.canceledIntro(order.number) },
    { p: refunded > 0 ? w.refunded(money(refunded, to.locale)) : w.nothingCharged },
    ...end,
  ]);
}

export function passwordResetMail(to: Recipient, link: string): MailMessage {
  const w = L[to.locale];
  return render(to, w.resetSubject, [{ p: w.hello(to.name) }, { p: w.resetIntro }, { link, label: w.resetLink }, { p: w.resetIgnore }, { p: w.team }]);
}

/** The link that proves the person reads this mailbox (sent at sign-up, and again on request). */
export function emailVerificationMail(to: Recipient, link: string, hours: number): MailMessage {
  const w = L[to.locale];
  return render(to, w.verifySubject, [
    { p: w.hello(to.name) },
    { p: w.verifyIntro(hours) },
    { link, label: w.verifyLink },
    { p: w.verifyIgnore },
    { p: w.team },
  ]);
}

/** A pickup reminder (the day before, an hour before) or the no-show rule applied (issue 19). */
export function pickupNoticeMail(
  to: Recipient,
  order: MailOrder & Pick<OrderView, 'pickupSlot'>,
  kind: 'reminder_day' | 'reminder_hour' | 'offered_to_centre',
  orderUrl: string,
): MailMessage {
  const w = L[to.locale];
  const end: Block[] = [{ link: orderUrl, label: w.follow }, { p: w.sign }];
  if (kind === 'offered_to_centre') return render(to, w.offeredSubject(order.number), [{ p: w.hello(to.name) }, { p: w.offeredIntro(order.number) }, ...end]);
  const when = order.pickupSlot
    ? new Date(order.pickupSlot.start).toLocaleString(to.locale === 'en' ? 'en-GB' : 'fr-FR', {
        timeZone: 'Europe/Paris',
        dateStyle: 'full',
        timeStyle: 'short',
      })
    : '';
  const subject = kind === 'reminder_day' ? w.reminderDaySubject(order.number) : w.reminderHourSubject(order.number);
  return render(to, subject, [
    { p: w.hello(to.name) },
    { p: w.reminderIntro(order.number, when, order.centre.name) },
    { p: w.reminderCode },
    centreFacts(order, w),
    ...end,
  ]);
}

/** "Prévenez-moi": the product is back (one mail per request), with a one-click link that stops every pending alert. */
export function backInStockMail(to: Recipient, productName: string, productUrl: string, unsubscribeUrl: string): MailMessage {
  const w = L[to.locale];
  return render(to, w.backSubject(productName), [
    { p: w.hello(to.name) },
    { p: w.backIntro(productName) },
    { p: w.backOnce },
    { link: productUrl, label: w.backLink },
    { p: w.sign },
    { link: unsubscribeUrl, label: w.backStop },
  ]);
}
