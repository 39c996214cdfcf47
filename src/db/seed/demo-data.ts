/**
 * Demo catalogue for Panier Solidaire: categories, products sold at cost price and
 * Restos du Cœur centres. Pure data, no database code.
 *
 * Prices are in euro cents and stand for a plausible wholesale cost, a little below
 * the usual supermarket shelf price. The centres are illustrative: their addresses
 * are plausible for each city but are not the addresses of real Restos du Cœur
 * centres. Each product's `image` is a file in src/db/seed/images (drawn by
 * scripts/generate-seed-images.mjs).
 */

export interface SeedCategory {
  slug: string;
  /** Display name, in French. */
  name: string;
  /** Display name for visitors reading the shop in English. */
  nameEn: string;
}

export interface SeedProduct {
  slug: string;
  name: string;
  description: string;
  /** Slug of one of `categories`. */
  category: string;
  /** Packaging, e.g. "500 g", "1 L", "paquet de 6". */
  unit: string;
  priceCents: number;
  stock: number;
  /** File name in src/db/seed/images. */
  image: string;
}

export interface SeedCentre {
  name: string;
  address: string;
  postcode: string;
  city: string;
  openingHours: string;
  lat: number;
  lng: number;
}

/** In display order. */
export const categories: SeedCategory[] = [
  { slug: 'epicerie-salee', name: 'Épicerie salée', nameEn: 'Savoury groceries' },
  { slug: 'conserves', name: 'Conserves', nameEn: 'Tinned food' },
  { slug: 'petit-dejeuner', name: 'Petit-déjeuner', nameEn: 'Breakfast' },
  { slug: 'fruits-legumes', name: 'Fruits et légumes', nameEn: 'Fruit and vegetables' },
  { slug: 'produits-laitiers', name: 'Produits laitiers & œufs', nameEn: 'Dairy & eggs' },
  { slug: 'boissons', name: 'Boissons', nameEn: 'Drinks' },
  { slug: 'bebe', name: 'Bébé', nameEn: 'Baby' },
  { slug: 'hygiene', name: 'Hygiène', nameEn: 'Hygiene' },
  { slug: 'entretien', name: 'Entretien', nameEn: 'Household' },
];

export const products: SeedProduct[] = [
  // Épicerie salée
  {
    slug: 'penne-rigate-500g',
    name: 'Penne rigate',
    description:
      'Pâtes sèches de semoule de blé dur, fabriquées en Italie. Cuisson 11 minutes dans une grande casserole d’eau salée.',
    category: 'epicerie-salee',
    unit: '500 g',
    priceCents: 62,
    stock: 160,
    image: 'penne.svg',
  },
  {
    slug: 'spaghetti-500g',
    name: 'Spaghetti',
    description:
      'Spaghetti de blé dur fabriqués en France. Se conservent au sec, à l’abri de la lumière, une fois le paquet refermé.',
    category: 'epicerie-salee',
    unit: '500 g',
    priceCents: 58,
    stock: 145,
    image: 'spaghetti.svg',
  },
  {
    slug: 'riz-long-grain-1kg',
    name: 'Riz long grain',
    description:
      'Riz blanc long grain, cuisson 11 minutes à l’eau bouillante. Se garde plusieurs mois dans un placard sec.',
    category: 'epicerie-salee',
    unit: '1 kg',
    priceCents: 115,
    stock: 120,
    image: 'riz.svg',
  },
  {
    slug: 'lentilles-vertes-500g',
    name: 'Lentilles vertes',
    description:
      'Lentilles vertes cultivées en France, sans trempage préalable. Comptez 25 minutes de cuisson à l’eau froide non salée.',
    category: 'epicerie-salee',
    unit: '500 g',
    priceCents: 135,
    stock: 90,
    image: 'lentilles.svg',
  },
  {
    slug: 'huile-tournesol-1l',
    name: 'Huile de tournesol',
    description:
      'Huile de tournesol raffinée, pour la cuisson et l’assaisonnement. À conserver à l’abri de la chaleur et de la lumière.',
    category: 'epicerie-salee',
    unit: '1 L',
    priceCents: 189,
    stock: 75,
    image: 'huile-tournesol.svg',
  },
  {
    slug: 'farine-ble-t55-1kg',
    name: 'Farine de blé T55',
    description:
      'Farine de blé tout usage, pour les pâtes à tarte, les crêpes et les gâteaux. Blé cultivé et moulu en France.',
    category: 'epicerie-salee',
    unit: '1 kg',
    priceCents: 79,
    stock: 110,
    image: 'farine.svg',
  },
  {
    slug: 'sucre-poudre-1kg',
    name: 'Sucre en poudre',
    description:
      'Sucre blanc de betterave française. Se conserve sans limite de durée dans un endroit sec.',
    category: 'epicerie-salee',
    unit: '1 kg',
    priceCents: 105,
    stock: 95,
    image: 'sucre.svg',
  },
  {
    slug: 'sel-fin-iode-1kg',
    name: 'Sel fin iodé',
    description:
      'Sel de table fin enrichi en iode, en boîte verseuse. Pour la cuisine et la table.',
    category: 'epicerie-salee',
    unit: '1 kg',
    priceCents: 39,
    stock: 130,
    image: 'sel.svg',
  },
  {
    slug: 'semoule-ble-moyenne-1kg',
    name: 'Semoule de blé moyenne',
    description:
      'Semoule de blé dur pour le couscous et les taboulés. Se prépare en 5 minutes avec de l’eau bouillante.',
    category: 'epicerie-salee',
    unit: '1 kg',
    priceCents: 119,
    stock: 70,
    image: 'semoule.svg',
  },

  // Conserves
  {
    slug: 'thon-naturel-140g',
    name: 'Thon entier au naturel',
    description:
      'Thon albacore pêché dans l’océan Indien, cuit dans son jus avec un peu de sel. Après ouverture, à garder au frais et consommer sous 48 heures.',
    category: 'conserves',
    unit: '140 g',
    priceCents: 149,
    stock: 85,
    image: 'thon.svg',
  },
  {
    slug: 'sardines-huile-135g',
    name: 'Sardines à l’huile de tournesol',
    description:
      'Sardines entières préparées en Bretagne. À manger froides sur du pain ou réchauffées à la poêle.',
    category: 'conserves',
    unit: '135 g',
    priceCents: 99,
    stock: 80,
    image: 'sardines.svg',
  },
  {
    slug: 'petits-pois-carottes-800g',
    name: 'Petits pois-carottes',
    description:
      'Petits pois extra-fins et carottes à l’étuvée. À réchauffer quelques minutes dans leur jus.',
    category: 'conserves',
    unit: '800 g',
    priceCents: 119,
    stock: 100,
    image: 'petits-pois-carottes.svg',
  },
  {
    slug: 'raviolis-pur-boeuf-800g',
    name: 'Raviolis pur bœuf',
    description:
      'Raviolis farcis au bœuf, sauce tomate. Prêts en 5 minutes à la casserole ou au micro-ondes, hors de la boîte.',
    category: 'conserves',
    unit: '800 g',
    priceCents: 169,
    stock: 65,
    image: 'raviolis.svg',
  },
  {
    slug: 'tomates-pelees-400g',
    name: 'Tomates pelées entières',
    description:
      'Tomates pelées au jus, récoltées en Italie. La base des sauces tomate et des plats mijotés.',
    category: 'conserves',
    unit: '400 g',
    priceCents: 69,
    stock: 140,
    image: 'tomates-pelees.svg',
  },
  {
    slug: 'haricots-verts-800g',
    name: 'Haricots verts extra-fins',
    description:
      'Haricots verts cueillis et mis en boîte dans le Sud-Ouest. À égoutter puis réchauffer avec un peu de beurre.',
    category: 'conserves',
    unit: '800 g',
    priceCents: 139,
    stock: 70,
    image: 'haricots-verts.svg',
  },
  {
    slug: 'mais-doux-300g',
    name: 'Maïs doux en grains',
    description:
      'Grains de maïs doux sous vide, sans sucre ajouté. Parfait en salade, froid et bien égoutté.',
    category: 'conserves',
    unit: '300 g',
    priceCents: 79,
    stock: 60,
    image: 'mais.svg',
  },
  {
    slug: 'pois-chiches-400g',
    name: 'Pois chiches',
    description:
      'Pois chiches cuits, prêts à l’emploi. Pour le houmous, le couscous ou une salade composée.',
    category: 'conserves',
    unit: '400 g',
    priceCents: 65,
    stock: 55,
    image: 'pois-chiches.svg',
  },
  {
    slug: 'cassoulet-840g',
    name: 'Cassoulet au porc',
    description:
      'Haricots blancs, saucisses et sauce tomate, cuisinés à Castelnaudary. À réchauffer doucement à la casserole.',
    category: 'conserves',
    unit: '840 g',
    priceCents: 249,
    stock: 40,
    image: 'cassoulet.svg',
  },

  // Petit-déjeuner
  {
    slug: 'petales-mais-500g',
    name: 'Pétales de maïs',
    description:
      'Céréales de maïs grillées, nature, enrichies en vitamines. À conserver dans leur sachet bien refermé.',
    category: 'petit-dejeuner',
    unit: '500 g',
    priceCents: 135,
    stock: 75,
    image: 'petales-mais.svg',
  },
  {
    slug: 'flocons-avoine-500g',
    name: 'Flocons d’avoine',
    description:
      'Flocons d’avoine complets, pour le porridge ou le muesli maison. Avoine cultivée en France.',
    category: 'petit-dejeuner',
    unit: '500 g',
    priceCents: 99,
    stock: 60,
    image: 'flocons-avoine.svg',
  },
  {
    slug: 'confiture-fraises-370g',
    name: 'Confiture de fraises',
    description:
      'Confiture préparée avec 50 g de fruits pour 100 g. Après ouverture, à conserver au réfrigérateur.',
    category: 'petit-dejeuner',
    unit: '370 g',
    priceCents: 169,
    stock: 50,
    image: 'confiture-fraises.svg',
  },
  {
    slug: 'miel-fleurs-500g',
    name: 'Miel de fleurs',
    description:
      'Miel toutes fleurs récolté en France, crémeux. Il peut cristalliser avec le temps sans perdre ses qualités.',
    category: 'petit-dejeuner',
    unit: '500 g',
    priceCents: 389,
    stock: 25,
    image: 'miel.svg',
  },
  {
    slug: 'cafe-moulu-arabica-250g',
    name: 'Café moulu pur arabica',
    description:
      'Café 100 % arabica, torréfaction moyenne, mouture pour cafetière filtre. Une fois ouvert, à garder dans une boîte hermétique.',
    category: 'petit-dejeuner',
    unit: '250 g',
    priceCents: 245,
    stock: 90,
    image: 'cafe-moulu.svg',
  },
  {
    slug: 'the-noir-25-sachets',
    name: 'Thé noir',
    description:
      'Thé noir de Ceylan en sachets individuels. Laisser infuser 3 à 4 minutes dans une eau frémissante.',
    category: 'petit-dejeuner',
    unit: 'boîte de 25 sachets',
    priceCents: 129,
    stock: 45,
    image: 'the-noir.svg',
  },
  {
    slug: 'chocolat-poudre-450g',
    name: 'Chocolat en poudre',
    description:
      'Préparation au cacao pour boisson chaude ou froide. Deux à trois cuillères dans un bol de lait.',
    category: 'petit-dejeuner',
    unit: '450 g',
    priceCents: 215,
    stock: 55,
    image: 'chocolat-poudre.svg',
  },
  {
    slug: 'biscottes-36-tranches',
    name: 'Biscottes',
    description:
      'Biscottes de blé dorées au four, en sachets fraîcheur de 9 tranches. Se gardent plusieurs semaines une fois ouvertes.',
    category: 'petit-dejeuner',
    unit: 'paquet de 36 (300 g)',
    priceCents: 119,
    stock: 65,
    image: 'biscottes.svg',
  },

  // Fruits et légumes
  {
    slug: 'pommes-golden-1-5kg',
    name: 'Pommes Golden',
    description:
      'Pommes Golden du Limousin, croquantes et sucrées. Se conservent deux semaines dans le bac à légumes.',
    category: 'fruits-legumes',
    unit: 'sachet de 1,5 kg',
    priceCents: 229,
    stock: 50,
    image: 'pommes.svg',
  },
  {
    slug: 'bananes-1kg',
    name: 'Bananes',
    description:
      'Bananes de Guadeloupe et de Martinique. À garder à température ambiante, jamais au réfrigérateur.',
    category: 'fruits-legumes',
    unit: '1 kg',
    priceCents: 149,
    stock: 45,
    image: 'bananes.svg',
  },
  {
    slug: 'clementines-1kg',
    name: 'Clémentines',
    description:
      'Clémentines de Corse, faciles à éplucher. Fruit de saison, disponible de novembre à février.',
    category: 'fruits-legumes',
    unit: '1 kg',
    priceCents: 249,
    stock: 0,
    image: 'clementines.svg',
  },
  {
    slug: 'carottes-1kg',
    name: 'Carottes',
    description:
      'Carottes des Landes, à croquer crues ou à cuire en potage. Se conservent une semaine au frais.',
    category: 'fruits-legumes',
    unit: '1 kg',
    priceCents: 99,
    stock: 60,
    image: 'carottes.svg',
  },
  {
    slug: 'pommes-de-terre-2-5kg',
    name: 'Pommes de terre',
    description:
      'Pommes de terre de consommation à chair ferme, cultivées dans les Hauts-de-France. À stocker dans un endroit frais, sec et sombre.',
    category: 'fruits-legumes',
    unit: 'filet de 2,5 kg',
    priceCents: 289,
    stock: 55,
    image: 'pommes-de-terre.svg',
  },
  {
    slug: 'oignons-jaunes-1kg',
    name: 'Oignons jaunes',
    description:
      'Oignons jaunes de la vallée de la Loire, pour toutes les cuissons. Se gardent plusieurs semaines au sec.',
    category: 'fruits-legumes',
    unit: 'filet de 1 kg',
    priceCents: 129,
    stock: 4,
    image: 'oignons.svg',
  },

  // Produits laitiers & œufs
  {
    slug: 'lait-uht-demi-ecreme-1l',
    name: 'Lait UHT demi-écrémé',
    description:
      'Lait de vache collecté en France, stérilisé à ultra-haute température. Se conserve trois mois fermé, trois jours au frais après ouverture.',
    category: 'produits-laitiers',
    unit: '1 L',
    priceCents: 89,
    stock: 200,
    image: 'lait-demi-ecreme.svg',
  },
  {
    slug: 'yaourts-nature-x8',
    name: 'Yaourts nature',
    description:
      'Yaourts au lait entier, sans sucre ajouté. À conserver au réfrigérateur entre 0 et 6 °C.',
    category: 'produits-laitiers',
    unit: 'lot de 8 × 125 g',
    priceCents: 139,
    stock: 60,
    image: 'yaourts-nature.svg',
  },
  {
    slug: 'oeufs-plein-air-x6',
    name: 'Œufs frais de plein air',
    description:
      'Œufs de poules élevées en plein air, calibre moyen. À conserver au réfrigérateur, pointe vers le bas.',
    category: 'produits-laitiers',
    unit: 'boîte de 6',
    priceCents: 189,
    stock: 70,
    image: 'oeufs.svg',
  },
  {
    slug: 'emmental-rape-200g',
    name: 'Emmental râpé',
    description:
      'Emmental français râpé, pour les gratins, les pâtes et les quiches. Après ouverture, à consommer sous cinq jours.',
    category: 'produits-laitiers',
    unit: '200 g',
    priceCents: 199,
    stock: 50,
    image: 'emmental-rape.svg',
  },
  {
    slug: 'beurre-doux-250g',
    name: 'Beurre doux',
    description:
      'Beurre pasteurisé de Normandie, 82 % de matière grasse. À garder au réfrigérateur, bien emballé.',
    category: 'produits-laitiers',
    unit: '250 g',
    priceCents: 219,
    stock: 45,
    image: 'beurre.svg',
  },
  {
    slug: 'creme-fraiche-epaisse-20cl',
    name: 'Crème fraîche épaisse',
    description:
      'Crème fraîche épaisse à 30 % de matière grasse, pour les sauces et les gratins. À consommer rapidement après ouverture.',
    category: 'produits-laitiers',
    unit: '20 cl',
    priceCents: 109,
    stock: 35,
    image: 'creme-fraiche.svg',
  },

  // Boissons
  {
    slug: 'eau-minerale-6x1-5l',
    name: 'Eau minérale naturelle',
    description:
      'Eau minérale naturelle plate, faiblement minéralisée. Convient à la préparation des biberons.',
    category: 'boissons',
    unit: 'pack de 6 × 1,5 L',
    priceCents: 229,
    stock: 80,
    image: 'eau-minerale.svg',
  },
  {
    slug: 'jus-orange-1l',
    name: 'Jus d’orange',
    description:
      'Pur jus d’orange sans sucre ajouté, sans pulpe. Après ouverture, à conserver au frais et boire sous trois jours.',
    category: 'boissons',
    unit: '1 L',
    priceCents: 169,
    stock: 65,
    image: 'jus-orange.svg',
  },
  {
    slug: 'jus-pomme-1l',
    name: 'Jus de pomme',
    description:
      'Pur jus de pommes normandes, légèrement trouble. Se conserve au frais après ouverture.',
    category: 'boissons',
    unit: '1 L',
    priceCents: 139,
    stock: 50,
    image: 'jus-pomme.svg',
  },
  {
    slug: 'sirop-grenadine-75cl',
    name: 'Sirop de grenadine',
    description:
      'Sirop à diluer, un volume de sirop pour sept volumes d’eau fraîche. Bouteille en verre.',
    category: 'boissons',
    unit: '75 cl',
    priceCents: 159,
    stock: 30,
    image: 'sirop-grenadine.svg',
  },

  // Bébé
  {
    slug: 'petits-pots-legumes-2x200g',
    name: 'Petits pots légumes variés',
    description:
      'Purée de carottes, petits pois et pommes de terre, dès 6 mois. Se réchauffe au bain-marie ; à conserver au frais après ouverture.',
    category: 'bebe',
    unit: '2 × 200 g',
    priceCents: 159,
    stock: 40,
    image: 'petits-pots-legumes.svg',
  },
  {
    slug: 'compote-pomme-banane-4x90g',
    name: 'Gourdes pomme-banane',
    description:
      'Purée de fruits sans sucre ajouté, dès 6 mois, en gourdes à bouchon. Pratique à emporter.',
    category: 'bebe',
    unit: '4 × 90 g',
    priceCents: 189,
    stock: 35,
    image: 'gourdes-fruits.svg',
  },
  {
    slug: 'lait-infantile-2e-age-800g',
    name: 'Lait infantile 2e âge',
    description:
      'Lait de suite en poudre, de 6 à 12 mois, en complément de la diversification. Une fois ouverte, la boîte se garde trois semaines.',
    category: 'bebe',
    unit: '800 g',
    priceCents: 1190,
    stock: 2,
    image: 'lait-infantile.svg',
  },
  {
    slug: 'couches-taille-4-x44',
    name: 'Couches taille 4 (7–18 kg)',
    description:
      'Couches ultra-absorbantes avec attaches repositionnables. Sans parfum ni lotion.',
    category: 'bebe',
    unit: 'paquet de 44',
    priceCents: 890,
    stock: 5,
    image: 'couches-taille-4.svg',
  },
  {
    slug: 'lingettes-bebe-x72',
    name: 'Lingettes bébé',
    description:
      'Lingettes douces à l’eau, sans parfum, pour le change et les mains. Refermer le paquet pour éviter qu’elles ne sèchent.',
    category: 'bebe',
    unit: 'paquet de 72',
    priceCents: 129,
    stock: 60,
    image: 'lingettes-bebe.svg',
  },

  // Hygiène
  {
    slug: 'savon-marseille-2x100g',
    name: 'Savon de Marseille',
    description:
      'Savon à l’huile d’olive, fabriqué en Provence. Pour le corps comme pour le petit linge.',
    category: 'hygiene',
    unit: '2 × 100 g',
    priceCents: 149,
    stock: 70,
    image: 'savon.svg',
  },
  {
    slug: 'shampooing-doux-500ml',
    name: 'Shampooing doux familial',
    description:
      'Shampooing au pH neutre pour un usage quotidien, adapté à toute la famille. Flacon recyclable.',
    category: 'hygiene',
    unit: '500 ml',
    priceCents: 169,
    stock: 55,
    image: 'shampooing.svg',
  },
  {
    slug: 'gel-douche-neutre-500ml',
    name: 'Gel douche neutre',
    description:
      'Gel lavant sans savon ni colorant, pour peaux sensibles. Flacon à capsule à clapet.',
    category: 'hygiene',
    unit: '500 ml',
    priceCents: 149,
    stock: 50,
    image: 'gel-douche.svg',
  },
  {
    slug: 'dentifrice-fluor-75ml',
    name: 'Dentifrice au fluor',
    description:
      'Dentifrice au fluor (1 450 ppm) pour adultes et enfants de plus de 6 ans. Brossage deux fois par jour.',
    category: 'hygiene',
    unit: '75 ml',
    priceCents: 99,
    stock: 85,
    image: 'dentifrice.svg',
  },
  {
    slug: 'brosses-a-dents-x2',
    name: 'Brosses à dents souples',
    description:
      'Brosses à dents à poils souples pour adultes. À changer tous les trois mois.',
    category: 'hygiene',
    unit: 'lot de 2',
    priceCents: 119,
    stock: 60,
    image: 'brosses-a-dents.svg',
  },
  {
    slug: 'papier-toilette-x12',
    name: 'Papier toilette double épaisseur',
    description:
      'Papier toilette blanc en rouleaux de 200 feuilles, issu de forêts gérées durablement.',
    category: 'hygiene',
    unit: 'paquet de 12 rouleaux',
    priceCents: 389,
    stock: 40,
    image: 'papier-toilette.svg',
  },
  {
    slug: 'protections-periodiques-x16',
    name: 'Protections périodiques',
    description:
      'Serviettes hygiéniques flux normal, avec ailettes, emballées une à une. Sans parfum.',
    category: 'hygiene',
    unit: 'paquet de 16',
    priceCents: 159,
    stock: 3,
    image: 'protections-periodiques.svg',
  },

  // Entretien
  {
    slug: 'lessive-liquide-1-5l',
    name: 'Lessive liquide',
    description:
      'Lessive liquide concentrée pour 30 lavages, efficace dès 30 °C. Bouchon doseur fourni.',
    category: 'entretien',
    unit: '1,5 L',
    priceCents: 399,
    stock: 45,
    image: 'lessive.svg',
  },
  {
    slug: 'liquide-vaisselle-750ml',
    name: 'Liquide vaisselle',
    description:
      'Liquide vaisselle dégraissant au citron. Quelques gouttes suffisent pour une bassine d’eau chaude.',
    category: 'entretien',
    unit: '750 ml',
    priceCents: 109,
    stock: 70,
    image: 'liquide-vaisselle.svg',
  },
  {
    slug: 'eponges-grattantes-x4',
    name: 'Éponges grattantes',
    description:
      'Éponges double face, une face douce et une face grattante pour les casseroles. Rincer et laisser sécher après usage.',
    category: 'entretien',
    unit: 'lot de 4',
    priceCents: 99,
    stock: 80,
    image: 'eponges.svg',
  },
  {
    slug: 'eau-de-javel-1l',
    name: 'Eau de Javel',
    description:
      'Eau de Javel à 2,6 % de chlore actif, pour désinfecter sols et sanitaires. Ne jamais mélanger avec un autre produit ménager.',
    category: 'entretien',
    unit: '1 L',
    priceCents: 79,
    stock: 55,
    image: 'eau-de-javel.svg',
  },
  {
    slug: 'sacs-poubelle-30l-x20',
    name: 'Sacs poubelle 30 L',
    description:
      'Sacs poubelle à liens coulissants, résistants, en plastique recyclé. Adaptés aux poubelles de cuisine.',
    category: 'entretien',
    unit: 'rouleau de 20',
    priceCents: 129,
    stock: 65,
    image: 'sacs-poubelle.svg',
  },
];

export const centres: SeedCentre[] = [
  {
    name: 'Restos du Cœur — Paris 18e',
    address: '42 rue Championnet',
    postcode: '75018',
    city: 'Paris',
    openingHours: 'Mardi et jeudi 9h–12h, samedi 14h–17h',
    lat: 48.8946,
    lng: 2.3441,
  },
  {
    name: 'Restos du Cœur — Paris 13e',
    address: '118 rue du Château-des-Rentiers',
    postcode: '75013',
    city: 'Paris',
    openingHours: 'Lundi, mercredi et vendredi 9h30–12h30',
    lat: 48.8262,
    lng: 2.3668,
  },
  {
    name: 'Restos du Cœur — Lyon 7e',
    address: '35 rue de Gerland',
    postcode: '69007',
    city: 'Lyon',
    openingHours: 'Mardi et vendredi 13h30–17h, samedi 9h–12h',
    lat: 45.7337,
    lng: 4.8352,
  },
  {
    name: 'Restos du Cœur — Marseille 3e',
    address: '16 rue Loubon',
    postcode: '13003',
    city: 'Marseille',
    openingHours: 'Lundi et jeudi 9h–12h, mercredi 14h–17h',
    lat: 43.3113,
    lng: 5.3802,
  },
  {
    name: 'Restos du Cœur — Lille Moulins',
    address: '27 rue d’Arras',
    postcode: '59000',
    city: 'Lille',
    openingHours: 'Mardi et jeudi 14h–17h, samedi 9h–12h',
    lat: 50.6208,
    lng: 3.0671,
  },
  {
    name: 'Restos du Cœur — Toulouse Minimes',
    address: '64 avenue des Minimes',
    postcode: '31200',
    city: 'Toulouse',
    openingHours: 'Lundi et mercredi 9h–12h, vendredi 14h–17h',
    lat: 43.6199,
    lng: 1.4342,
  },
  {
    name: 'Restos du Cœur — Nantes Île de Nantes',
    address: '21 boulevard Victor-Hugo',
    postcode: '44200',
    city: 'Nantes',
    openingHours: 'Mardi 9h–12h, jeudi 14h–17h30',
    lat: 47.2041,
    lng: -1.5526,
  },
  {
    name: 'Restos du Cœur — Strasbourg Neudorf',
    address: '48 route du Polygone',
    postcode: '67100',
    city: 'Strasbourg',
    openingHours: 'Mercredi et vendredi 9h–12h, samedi 14h–16h30',
    lat: 48.5689,
    lng: 7.7654,
  },
  {
    name: 'Restos du Cœur — Bordeaux Bastide',
    address: '19 avenue Thiers',
    postcode: '33100',
    city: 'Bordeaux',
    openingHours: 'Lundi et jeudi 14h–17h, samedi 9h30–12h',
    lat: 44.8437,
    lng: -0.5565,
  },
  {
    name: 'Restos du Cœur — Rennes Nord',
    address: '9 boulevard de Verdun',
    postcode: '35000',
    city: 'Rennes',
    openingHours: 'Mardi et jeudi 9h–12h, vendredi 14h–17h',
    lat: 48.1229,
    lng: -1.6873,
  },
  {
    name: 'Restos du Cœur — Montpellier Figuerolles',
    address: '31 rue du Faubourg-Figuerolles',
    postcode: '34070',
    city: 'Montpellier',
    openingHours: 'Lundi, mercredi et vendredi 9h–12h',
    lat: 43.6078,
    lng: 3.8681,
  },
  {
    name: 'Restos du Cœur — Grenoble Jean-Perrot',
    address: '56 avenue Jean-Perrot',
    postcode: '38100',
    city: 'Grenoble',
    openingHours: 'Mardi 14h–17h, jeudi et samedi 9h–12h',
    lat: 45.1742,
    lng: 5.7368,
  },
];
