import { PAGE_SLUGS, type Association, type Locale } from '../../contract/index.ts';

/**
 * The footer's pages as shipped: sensible texts in French and English. The legal notice's
 * publisher and the personal data page's controller (`{{publisher}}`, `{{controller}}`) are
 * filled from the association's details (Admin → Association) when they are set, else say
 * so and ask the admin to fill them (defaultPage). The admin rewrites any page in markdown
 * (Admin → Pages); a page without a rewrite shows this text.
 */
export { PAGE_SLUGS };
export type PageSlug = (typeof PAGE_SLUGS)[number];

export const isPageSlug = (s: string): s is PageSlug => (PAGE_SLUGS as readonly string[]).includes(s);

export const DEFAULT_PAGES: Record<PageSlug, Record<Locale, { title: string; body: string }>> = {
  'comment-ca-marche': {
    fr: {
      title: 'Comment ça marche',
      body: `Panier Solidaire est une épicerie **à prix coûtant** : vous payez ce que les produits nous coûtent, sans marge.

## Commander
1. Choisissez vos produits dans le catalogue et ajoutez-les au panier.
2. Pour chaque article, vous pouvez cocher « J’offre cet article » : il sera remis aux Restos du Cœur.
3. Choisissez le centre des Restos du Cœur où la commande sera livrée, puis payez en ligne.
4. Suivez votre commande en direct dans « Mes commandes ». Vous recevez un courriel à chaque étape.

## Retirer
Une fois la commande livrée au centre, venez retirer vos articles aux horaires d’ouverture du centre. Les articles offerts y restent pour les personnes accueillies.

## Un produit en rupture ?
Sur sa fiche, « Prévenez-moi » vous envoie un courriel, une seule fois, dès qu’il est de nouveau disponible.`,
    },
    en: {
      title: 'How it works',
      body: `Panier Solidaire is a grocery shop **at cost price**: you pay what the products cost us, with no margin.

## Ordering
1. Pick your products in the catalogue and add them to your basket.
2. For each item you can tick “I offer this item”: it will be given to the Restos du Cœur.
3. Choose the Restos du Cœur centre the order is delivered to, then pay online.
4. Follow your order live in “My orders”. You get an email at each step.

## Collecting
Once the order has reached the centre, collect your items during the centre’s opening hours. Offered items stay there for the people the centre welcomes.

## Out of stock?
On its page, “Notify me” sends you one email as soon as it is available again.`,
    },
  },
  contact: {
    fr: {
      title: 'Contact',
      body: `## Une question sur une commande ?
Répondez simplement au courriel reçu pour cette commande : il arrive à l’équipe qui la prépare. Vous pouvez aussi vous adresser au centre des Restos du Cœur où vous retirez vos articles, aux horaires d’ouverture indiqués sur votre commande.

## Votre compte et vos données
Vous modifiez votre nom, votre langue et votre mot de passe, et voyez vos sessions ouvertes, depuis [Mon compte](/account). Pour exercer vos droits sur vos données, voyez [Données personnelles](/pages/donnees-personnelles).`,
    },
    en: {
      title: 'Contact',
      body: `## A question about an order?
Simply reply to the email you received for that order: it reaches the team preparing it. You can also ask the Restos du Cœur centre where you collect your items, during the opening hours shown on your order.

## Your account and your data
Change your name, language and password, and see your open sessions, in [My account](/account). To exercise your rights over your data, see [Personal data](/pages/donnees-personnelles).`,
    },
  },
  'mentions-legales': {
    fr: {
      title: 'Mentions légales',
      body: `## Éditeur
{{publisher}}

## Hébergement
Le site est hébergé sur les serveurs choisis par l’association ; les données sont stockées dans l’Union européenne.

## Paiement
Les paiements en ligne sont traités par un prestataire de paiement agréé. Panier Solidaire ne voit ni ne conserve jamais votre numéro de carte.

## Propriété intellectuelle
Les textes et images de ce site ne peuvent être reproduits sans l’accord de l’association. Les marques citées appartiennent à leurs titulaires.

## Logiciel
Panier Solidaire est un logiciel libre (licence AGPL-3.0 ou ultérieure).`,
    },
    en: {
      title: 'Legal notice',
      body: `## Publisher
{{publisher}}

## Hosting
The site is hosted on servers chosen by the association; data is stored in the European Union.

## Payment
Online payments are handled by an approved payment provider. Panier Solidaire never sees nor keeps your card number.

## Intellectual property
The texts and pictures of this site may not be reproduced without the association’s consent. The brands mentioned belong to their owners.

## Software
Panier Solidaire is free software (AGPL-3.0-or-later licence).`,
    },
  },
  cgv: {
    fr: {
      title: 'Conditions générales de vente',
      body: `## Objet
Ces conditions règlent les commandes passées sur cette boutique, tenue par une association au profit des Restos du Cœur.

## Prix
Les produits sont vendus **à prix coûtant**, toutes taxes comprises, en euros. Le prix payé est celui affiché au moment de la commande.

## Commande et paiement
La commande est confirmée par son paiement en ligne. Le stock vous est réservé pendant le paiement ; passé ce délai, une commande non payée est annulée et rien n’est débité.

## Articles offerts
Les articles que vous cochez « J’offre cet article » sont remis au centre des Restos du Cœur choisi. Un don effectué ne peut plus être repris une fois la commande préparée.

## Livraison et retrait
La commande est livrée au centre choisi ; vous y retirez vos articles aux horaires d’ouverture. Chaque étape vous est annoncée par courriel.

## Annulation et remboursement
Tant que la commande n’est pas préparée, vous pouvez l’annuler depuis « Mes commandes » ; une commande payée est alors remboursée intégralement sur le moyen de paiement utilisé. Les denrées alimentaires ne font pas l’objet d’un droit de rétractation une fois remises (article L221-28 du Code de la consommation).

## Limites
Pour que chacun ait sa part, des quantités maximales s’appliquent par produit et par commande ; elles sont indiquées au moment d’ajouter au panier.

## Réclamations
Voyez la page [Contact](/pages/contact).`,
    },
    en: {
      title: 'Terms of sale',
      body: `## Purpose
These terms govern orders placed on this shop, run by an association for the Restos du Cœur.

## Prices
Products are sold **at cost price**, taxes included, in euros. The price paid is the one shown when ordering.

## Order and payment
An order is confirmed by its online payment. Stock is held for you while you pay; after that, an unpaid order is canceled and nothing is charged.

## Offered items
Items you tick “I offer this item” are given to the chosen Restos du Cœur centre. A gift can no longer be taken back once the order is prepared.

## Delivery and collection
The order is delivered to the chosen centre; you collect your items there during opening hours. Each step is announced by email.

## Cancellation and refund
Until the order is prepared you can cancel it from “My orders”; a paid order is then fully refunded to the payment method used. Food handed over is not subject to a right of withdrawal (article L221-28 of the French Consumer Code).

## Limits
So that everyone gets a share, maximum quantities apply per product and per order; they are shown when adding to the basket.

## Complaints
See the [Contact](/pages/contact) page.`,
    },
  },
  'donnees-personnelles': {
    fr: {
      title: 'Données personnelles',
      body: `## Responsable du traitement
{{controller}}

## Ce que nous gardons
- votre nom, votre adresse e-mail, votre langue et votre mot de passe (seulement sous forme chiffrée) ;
- vos paniers et vos commandes (produits, centre, montants, paiements, historique) ;
- vos sessions de connexion (appareil, dates) et vos demandes « Prévenez-moi ».

## Pourquoi
Pour gérer votre compte, préparer et livrer vos commandes, vous écrire à leur sujet et tenir la comptabilité de l’association (obligation légale). Nous ne vendons ni ne cédons jamais vos données, et nous n’affichons aucune publicité.

## Combien de temps
Votre compte est gardé tant que vous ne le supprimez pas. Les commandes sont conservées pour la comptabilité (dix ans), sans votre nom ni votre adresse après la suppression du compte.

## Vos droits (RGPD)
Vous avez le droit d’accéder à vos données, de les rectifier, de les emporter et de les effacer, ainsi que de vous opposer à leur traitement. Depuis votre compte :
- **rectifier** : changez votre nom et votre langue dans [Mon compte](/account) ;
- **accéder et emporter** : « Télécharger mes données » dans [Mes données](/account/data) donne tout ce que nous gardons sur vous (fichier JSON) ;
- **effacer** : « Supprimer mon compte » dans [Mes données](/account/data) ;
- **sécuriser** : voyez et fermez vos sessions ouvertes dans [Mon compte](/account).

Pour toute autre demande, voyez la page [Contact](/pages/contact). Vous pouvez aussi saisir la CNIL ([cnil.fr](https://www.cnil.fr)).

## Cookies
Seulement des cookies indispensables au fonctionnement de la boutique (votre session de connexion, votre panier). Aucun cookie de mesure d’audience ni de publicité.`,
    },
    en: {
      title: 'Personal data',
      body: `## Data controller
{{controller}}

## What we keep
- your name, email address, language and password (only in hashed form);
- your baskets and orders (products, centre, amounts, payments, history);
- your sign-in sessions (device, dates) and your “Notify me” requests.

## Why
To run your account, prepare and deliver your orders, email you about them and keep the association’s accounts (a legal obligation). We never sell nor hand over your data, and show no advertising.

## How long
Your account is kept until you delete it. Orders are kept for the accounts (ten years), without your name or address once the account is deleted.

## Your rights (GDPR)
You have the right to access, correct, take away and erase your data, and to object to its processing. From your account:
- **correct**: change your name and language in [My account](/account);
- **access and take away**: “Download my data” in [My data](/account/data) gives everything we keep about you (a JSON file);
- **erase**: “Delete my account” in [My data](/account/data);
- **secure**: see and end your open sessions in [My account](/account).

For any other request, see the [Contact](/pages/contact) page. You may also complain to the CNIL ([cnil.fr](https://www.cnil.fr)).

## Cookies
Only cookies the shop needs to work (your sign-in session, your basket). No audience-measurement or advertising cookie.`,
    },
  },
};

/** What the default legal pages say of the association (its details, Admin → Association). */
export type Publisher = Pick<Association, 'name' | 'address' | 'postcode' | 'city' | 'rna' | 'siret' | 'contactEmail' | 'signatoryName' | 'signatoryTitle'>;

/** Markdown's own characters in a value the admin typed, shown as they are. */
const md = (s: string) => s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`);

const WORDS = {
  fr: {
    unset:
      '*Les coordonnées de l’association qui exploite cette boutique (nom, adresse, contact) ne sont pas encore renseignées : l’administrateur les indique dans Administration → Association.*',
    publishedBy: (name: string) => `Cette boutique est éditée par **${name}**, association qui l’exploite au profit des Restos du Cœur.`,
    controller: (name: string) => `Le responsable du traitement de vos données est **${name}**, association qui exploite cette boutique.`,
    address: 'Adresse',
    contact: 'Contact',
    director: 'Directeur ou directrice de la publication',
    otherwise: 'Vous pouvez aussi passer par la page [Contact](/pages/contact).',
  },
  en: {
    unset:
      '*The details of the association running this shop (name, address, contact) are not filled in yet: the administrator sets them in Admin → Association.*',
    publishedBy: (name: string) => `This shop is published by **${name}**, the association that runs it for the Restos du Cœur.`,
    controller: (name: string) => `The controller of your data is **${name}**, the association that runs this shop.`,
    address: 'Address',
    contact: 'Contact',
    director: 'Publication director',
    otherwise: 'You may also use the [Contact](/pages/contact) page.',
  },
} as const;

/** Whether the admin has said where and how to reach the association (its name alone has a default). */
const detailsSet = (p: Publisher) => Boolean((p.address && p.city) || p.contactEmail);

function publisherText(p: Publisher, lang: Locale, role: 'publisher' | 'controller'): string {
  const w = WORDS[lang];
  if (!detailsSet(p)) return w.unset;
  const place = [p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const ids = [p.rna && `RNA ${p.rna}`, p.siret && `SIRET ${p.siret}`].filter(Boolean).join(' · ');
  const lines = [
    place && `- ${w.address}${lang === 'fr' ? ' : ' : ': '}${md(place)}`,
    ids && `- ${md(ids)}`,
    p.contactEmail && `- ${w.contact}${lang === 'fr' ? ' : ' : ': '}[${md(p.contactEmail)}](mailto:${encodeURI(p.contactEmail)})`,
    role === 'publisher' &&
      p.signatoryName &&
      `- ${w.director}${lang === 'fr' ? ' : ' : ': '}${md([p.signatoryName, p.signatoryTitle].filter(Boolean).join(', '))}`,
  ].filter(Boolean);
  const intro = role === 'publisher' ? w.publishedBy(md(p.name)) : w.controller(md(p.name));
  return [intro, lines.join('\n'), w.otherwise].filter(Boolean).join('\n\n');
}

/** A page as shipped, in one language, its publisher and controller filled from the association's details. */
export function defaultPage(slug: PageSlug, lang: Locale, publisher: Publisher): { title: string; body: string } {
  const page = DEFAULT_PAGES[slug][lang];
  return {
    title: page.title,
    body: page.body
      .replace('{{publisher}}', () => publisherText(publisher, lang, 'publisher'))
      .replace('{{controller}}', () => publisherText(publisher, lang, 'controller')),
  };
}
