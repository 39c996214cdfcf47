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

/**
 * The records as the JSON file types them: `categories` in display order, `products` (with
 * `image`, a file in src/db/seed/images), `centres` (with `hours`, 1 = Monday, Paris time).
 * The seed (src/server/seed-demo.ts) hands them to the catalogue and centres modules, whose
 * types check them.
 */
export const { categories, products, centres } = catalogue;

/**
 * The demo centres' pickup slots (with SEED_DEMO_SLOTS, the default): 30 minutes, 10 orders
 * each, as a new centre gets. Every range of the centres' hours was checked by hand to start on
 * the hour or the half hour and to last a whole number of half hours, so the slots fill each
 * opening exactly (e.g. Nantes on Thursday 14:00–17:30: seven slots, the last 17:00–17:30).
 */
export const demoCentreSlots = { slotMinutes: 30, slotCapacity: 10 } as const;
