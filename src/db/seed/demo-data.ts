/**
 * Demo catalogue for Panier Solidaire: categories, products sold at cost price and
 * Restos du Cœur centres. Pure data, no database code: the records are in
 * demo-catalogue.json (one a line), typed here.
 *
 * Prices are in euro cents and stand for a plausible wholesale cost, a little below
 * the usual supermarket shelf price. The centres are illustrative: their addresses
 * are plausible for each city but are not the addresses of real Restos du Cœur
 * centres. Each product's `image` is a file in src/db/seed/images (drawn by
 * scripts/generate-seed-images.mjs).
 */

import catalogue from './demo-catalogue.json' with { type: 'json' };

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
  /** What the product is also found by: the English name and keywords (visitors reading the shop in English). */
  nameEn: string;
  keywords: string[];
  keywordsEn: string[];
  /** Net weight of one unit in grams (liquids at about 1 g per ml; the impact figures add them up). */
  weightGrams: number;
}

export interface SeedCentre {
  name: string;
  address: string;
  postcode: string;
  city: string;
  /** The hours as the demo shows them in French; `hours` is the same as data (1 = Monday, Paris time). */
  openingHours: string;
  hours: Array<{ day: number; opens: string; closes: string }>;
  lat: number;
  lng: number;
}

/** In display order. */
export const categories: SeedCategory[] = catalogue.categories;

export const products: SeedProduct[] = catalogue.products;

export const centres: SeedCentre[] = catalogue.centres;
