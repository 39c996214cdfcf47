/**
 * What the demo products are also found by, and what they weigh: French keywords, the
 * English name and keywords (visitors reading the shop in English), and the net weight of
 * one unit in grams (liquids at about 1 g per ml; the impact figures add them up).
 * Pure data, keyed by the product's slug in demo-data.ts.
 */
export interface SeedSearch {
  nameEn: string;
  keywords: string[];
  keywordsEn: string[];
  weightGrams: number;
}

export const productSearch: Record<string, SeedSearch> = {
  'penne-rigate-500g': { nameEn: 'Penne rigate', keywords: ['pâtes', 'féculents'], keywordsEn: ['pasta'], weightGrams: 500 },
  'spaghetti-500g': { nameEn: 'Spaghetti', keywords: ['pâtes', 'féculents'], keywordsEn: ['pasta'], weightGrams: 500 },
  'riz-long-grain-1kg': { nameEn: 'Long-grain rice', keywords: ['féculents'], keywordsEn: ['rice'], weightGrams: 1000 },
  'lentilles-vertes-500g': { nameEn: 'Green lentils', keywords: ['légumes secs', 'légumineuses'], keywordsEn: ['pulses', 'lentils'], weightGrams: 500 },
  'huile-tournesol-1l': { nameEn: 'Sunflower oil', keywords: ['huile', 'cuisine'], keywordsEn: ['oil', 'cooking'], weightGrams: 920 },
  'farine-ble-t55-1kg': { nameEn: 'Wheat flour T55', keywords: ['pâtisserie', 'gâteau'], keywordsEn: ['flour', 'baking'], weightGrams: 1000 },
  'sucre-poudre-1kg': { nameEn: 'Caster sugar', keywords: ['sucre', 'pâtisserie'], keywordsEn: ['sugar', 'baking'], weightGrams: 1000 },
  'sel-fin-iode-1kg': { nameEn: 'Fine iodised salt', keywords: ['sel', 'assaisonnement'], keywordsEn: ['salt', 'seasoning'], weightGrams: 1000 },
  'semoule-ble-moyenne-1kg': { nameEn: 'Medium wheat semolina', keywords: ['couscous', 'féculents'], keywordsEn: ['couscous', 'semolina'], weightGrams: 1000 },
  'thon-naturel-140g': { nameEn: 'Tuna in brine', keywords: ['poisson', 'conserve'], keywordsEn: ['fish', 'tuna', 'tinned'], weightGrams: 140 },
  'sardines-huile-135g': {
    nameEn: 'Sardines in sunflower oil',
    keywords: ['poisson', 'conserve'],
    keywordsEn: ['fish', 'sardines', 'tinned'],
    weightGrams: 135,
  },
  'petits-pois-carottes-800g': {
    nameEn: 'Peas and carrots',
    keywords: ['légumes', 'conserve'],
    keywordsEn: ['vegetables', 'peas', 'carrots'],
    weightGrams: 800,
  },
  'raviolis-pur-boeuf-800g': {
    nameEn: 'Beef ravioli',
    keywords: ['plat cuisiné', 'conserve'],
    keywordsEn: ['pasta', 'ready meal', 'ravioli'],
    weightGrams: 800,
  },
  'tomates-pelees-400g': { nameEn: 'Whole peeled tomatoes', keywords: ['tomate', 'sauce'], keywordsEn: ['tomatoes', 'tinned'], weightGrams: 400 },
  'haricots-verts-800g': { nameEn: 'Extra-fine green beans', keywords: ['légumes', 'conserve'], keywordsEn: ['vegetables', 'beans'], weightGrams: 800 },
  'mais-doux-300g': { nameEn: 'Sweetcorn', keywords: ['légumes', 'salade'], keywordsEn: ['corn', 'vegetables'], weightGrams: 300 },
  'pois-chiches-400g': { nameEn: 'Chickpeas', keywords: ['légumes secs', 'légumineuses'], keywordsEn: ['pulses', 'chickpeas'], weightGrams: 400 },
  'cassoulet-840g': { nameEn: 'Pork cassoulet', keywords: ['plat cuisiné', 'haricots'], keywordsEn: ['ready meal', 'beans', 'pork'], weightGrams: 840 },
  'petales-mais-500g': { nameEn: 'Cornflakes', keywords: ['céréales', 'petit-déjeuner'], keywordsEn: ['cereal', 'breakfast'], weightGrams: 500 },
  'flocons-avoine-500g': { nameEn: 'Rolled oats', keywords: ['céréales', 'porridge'], keywordsEn: ['oats', 'porridge', 'cereal'], weightGrams: 500 },
  'confiture-fraises-370g': { nameEn: 'Strawberry jam', keywords: ['confiture', 'tartine'], keywordsEn: ['jam', 'strawberry'], weightGrams: 370 },
  'miel-fleurs-500g': { nameEn: 'Wildflower honey', keywords: ['miel', 'tartine'], keywordsEn: ['honey'], weightGrams: 500 },
  'cafe-moulu-arabica-250g': { nameEn: 'Ground arabica coffee', keywords: ['café'], keywordsEn: ['coffee'], weightGrams: 250 },
  'the-noir-25-sachets': { nameEn: 'Black tea', keywords: ['thé', 'infusion'], keywordsEn: ['tea'], weightGrams: 50 },
  'chocolat-poudre-450g': { nameEn: 'Drinking chocolate', keywords: ['cacao', 'petit-déjeuner'], keywordsEn: ['cocoa', 'chocolate'], weightGrams: 450 },
  'biscottes-36-tranches': { nameEn: 'Rusks', keywords: ['pain', 'petit-déjeuner'], keywordsEn: ['toast', 'bread', 'rusks'], weightGrams: 300 },
  'pommes-golden-1-5kg': { nameEn: 'Golden apples', keywords: ['fruits', 'pomme'], keywordsEn: ['fruit', 'apples'], weightGrams: 1500 },
  'bananes-1kg': { nameEn: 'Bananas', keywords: ['fruits'], keywordsEn: ['fruit', 'bananas'], weightGrams: 1000 },
  'clementines-1kg': { nameEn: 'Clementines', keywords: ['fruits', 'agrumes'], keywordsEn: ['fruit', 'citrus', 'clementines'], weightGrams: 1000 },
  'carottes-1kg': { nameEn: 'Carrots', keywords: ['légumes'], keywordsEn: ['vegetables', 'carrots'], weightGrams: 1000 },
  'pommes-de-terre-2-5kg': { nameEn: 'Potatoes', keywords: ['légumes', 'patates'], keywordsEn: ['vegetables', 'potatoes'], weightGrams: 2500 },
  'oignons-jaunes-1kg': { nameEn: 'Brown onions', keywords: ['légumes'], keywordsEn: ['vegetables', 'onions'], weightGrams: 1000 },
  'lait-uht-demi-ecreme-1l': { nameEn: 'Semi-skimmed UHT milk', keywords: ['lait', 'laitage'], keywordsEn: ['milk', 'dairy'], weightGrams: 1030 },
  'yaourts-nature-x8': { nameEn: 'Plain yoghurts', keywords: ['yaourt', 'laitage', 'dessert'], keywordsEn: ['yoghurt', 'yogurt', 'dairy'], weightGrams: 1000 },
  'oeufs-plein-air-x6': { nameEn: 'Free-range eggs', keywords: ['œufs'], keywordsEn: ['eggs'], weightGrams: 360 },
  'emmental-rape-200g': { nameEn: 'Grated Emmental', keywords: ['fromage', 'gratin'], keywordsEn: ['cheese', 'dairy'], weightGrams: 200 },
  'beurre-doux-250g': { nameEn: 'Unsalted butter', keywords: ['beurre', 'laitage'], keywordsEn: ['butter', 'dairy'], weightGrams: 250 },
  'creme-fraiche-epaisse-20cl': { nameEn: 'Thick crème fraîche', keywords: ['crème', 'laitage'], keywordsEn: ['cream', 'dairy'], weightGrams: 200 },
  'eau-minerale-6x1-5l': { nameEn: 'Still mineral water', keywords: ['eau', 'boisson'], keywordsEn: ['water', 'drink'], weightGrams: 9000 },
  'jus-orange-1l': { nameEn: 'Orange juice', keywords: ['jus de fruits', 'boisson'], keywordsEn: ['juice', 'orange', 'drink'], weightGrams: 1000 },
  'jus-pomme-1l': { nameEn: 'Apple juice', keywords: ['jus de fruits', 'boisson'], keywordsEn: ['juice', 'apple', 'drink'], weightGrams: 1000 },
  'sirop-grenadine-75cl': { nameEn: 'Grenadine syrup', keywords: ['sirop', 'boisson'], keywordsEn: ['syrup', 'cordial', 'drink'], weightGrams: 1000 },
  'petits-pots-legumes-2x200g': { nameEn: 'Mixed vegetable baby food', keywords: ['bébé', 'purée'], keywordsEn: ['baby food', 'vegetables'], weightGrams: 400 },
  'compote-pomme-banane-4x90g': {
    nameEn: 'Apple and banana pouches',
    keywords: ['compote', 'goûter', 'bébé'],
    keywordsEn: ['fruit puree', 'snack', 'baby'],
    weightGrams: 360,
  },
  'lait-infantile-2e-age-800g': {
    nameEn: 'Follow-on infant milk',
    keywords: ['lait', 'bébé', 'biberon'],
    keywordsEn: ['formula', 'infant', 'baby'],
    weightGrams: 800,
  },
  'couches-taille-4-x44': { nameEn: 'Nappies size 4 (7–18 kg)', keywords: ['couches', 'bébé'], keywordsEn: ['nappies', 'diapers', 'baby'], weightGrams: 1400 },
  'lingettes-bebe-x72': { nameEn: 'Baby wipes', keywords: ['lingettes', 'bébé', 'toilette'], keywordsEn: ['wipes', 'baby'], weightGrams: 450 },
  'savon-marseille-2x100g': { nameEn: 'Marseille soap', keywords: ['savon', 'toilette'], keywordsEn: ['soap'], weightGrams: 200 },
  'shampooing-doux-500ml': { nameEn: 'Mild family shampoo', keywords: ['cheveux', 'toilette'], keywordsEn: ['shampoo', 'hair'], weightGrams: 520 },
  'gel-douche-neutre-500ml': {
    nameEn: 'Neutral shower gel',
    keywords: ['douche', 'savon', 'toilette'],
    keywordsEn: ['shower gel', 'soap', 'body wash'],
    weightGrams: 520,
  },
  'dentifrice-fluor-75ml': {
    nameEn: 'Fluoride toothpaste',
    keywords: ['dents', 'hygiène bucco-dentaire'],
    keywordsEn: ['toothpaste', 'teeth'],
    weightGrams: 100,
  },
  'brosses-a-dents-x2': { nameEn: 'Soft toothbrushes', keywords: ['dents', 'brosse'], keywordsEn: ['toothbrush', 'teeth'], weightGrams: 40 },
  'papier-toilette-x12': {
    nameEn: 'Two-ply toilet paper',
    keywords: ['papier', 'wc'],
    keywordsEn: ['toilet roll', 'loo roll', 'toilet paper'],
    weightGrams: 1200,
  },
  'protections-periodiques-x16': {
    nameEn: 'Sanitary pads',
    keywords: ['serviettes hygiéniques', 'règles'],
    keywordsEn: ['sanitary towels', 'period'],
    weightGrams: 200,
  },
  'lessive-liquide-1-5l': {
    nameEn: 'Liquid laundry detergent',
    keywords: ['lessive', 'linge'],
    keywordsEn: ['laundry', 'detergent', 'washing'],
    weightGrams: 1550,
  },
  'liquide-vaisselle-750ml': { nameEn: 'Washing-up liquid', keywords: ['vaisselle', 'nettoyage'], keywordsEn: ['dish soap', 'washing-up'], weightGrams: 780 },
  'eponges-grattantes-x4': { nameEn: 'Scouring sponges', keywords: ['éponge', 'vaisselle', 'nettoyage'], keywordsEn: ['sponges', 'cleaning'], weightGrams: 60 },
  'eau-de-javel-1l': {
    nameEn: 'Bleach',
    keywords: ['javel', 'désinfectant', 'nettoyage'],
    keywordsEn: ['bleach', 'cleaning', 'disinfectant'],
    weightGrams: 1050,
  },
  'sacs-poubelle-30l-x20': {
    nameEn: 'Bin bags 30 L',
    keywords: ['poubelle', 'déchets'],
    keywordsEn: ['bin bags', 'rubbish bags', 'trash bags'],
    weightGrams: 300,
  },
};
