import type { Database } from '../db/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { AuthService, Role } from '../modules/auth/index.ts';
import { changeStock, insertProduct, upsertCategory } from '../modules/catalog/index.ts';
import { insertCentre } from '../modules/centres/index.ts';
import { categories, centres, demoCentreSlots, products } from '../db/seed/demo-data.ts';

/** Demo accounts: created with the demo seed of an empty database, printed at start while they exist. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ name: string; email: string; password: string; role: Role }> = [
  { name: 'Camille Martin', email: 'client@demo.panier-solidaire.fr', password: 'client-demo-2026', role: 'customer' },
  { name: 'Karim Benali', email: 'equipe@demo.panier-solidaire.fr', password: 'equipe-demo-2026', role: 'staff' },
  { name: 'Sophie Laurent', email: 'admin@demo.panier-solidaire.fr', password: 'admin-demo-2026', role: 'admin' },
];

const SEED_LOCK = 4242_0002;

/**
 * Loads the demo catalogue and centres into an empty database (once, even when several
 * nodes start together). The demo accounts, whose passwords are published, are created by
 * that same start only — never later: an operator who deleted `admin@demo…` on a database
 * with real data must not see it come back at the next start. With `accounts: false`
 * (an https PUBLIC_URL, a site people reach) none are created at all. With `slots` (the
 * SEED_DEMO_SLOTS setting) the demo centres take pickup slots.
 *
 * Returns the demo accounts that exist now, for the start banner.
 */
export async function seedDemo(
  db: Database,
  auth: AuthService,
  logger: Logger,
  opts: { accounts: boolean; slots: boolean },
): Promise<Array<(typeof DEMO_ACCOUNTS)[number]>> {
  const seeded = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    if ((rows[0]?.n ?? 0) > 0) return false;
    for (const [position, c] of categories.entries()) await upsertCategory(tx, { ...c, position });
    for (const p of products) {
      const product = await insertProduct(tx, {
        slug: p.slug,
        name: p.name,
        description: p.description,
        category: p.category,
        unit: p.unit,
        priceCents: p.priceCents,
        imagePath: `/images/products/${p.image}`,
        search: { nameEn: p.nameEn, descriptionEn: null, keywords: p.keywords, keywordsEn: p.keywordsEn, weightGrams: p.weightGrams },
      });
      if (p.stock > 0) await changeStock(tx, { productId: product.id, delta: p.stock, reason: 'initial' });
    }
    const { rows: centreCount } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM centres');
    if ((centreCount[0]?.n ?? 0) === 0) for (const c of centres) await insertCentre(tx, c, opts.slots ? demoCentreSlots : undefined);
    return true;
  });
  if (seeded) {
    logger.info({ products: products.length, centres: centres.length }, 'demo catalogue loaded');
    if (opts.accounts) {
      for (const account of DEMO_ACCOUNTS) await auth.ensureAccount(account, { reset: false });
    } else {
      logger.warn('demo accounts not created: PUBLIC_URL is https, published passwords never go on a public site');
    }
  }
  if (!opts.accounts) return [];
  const { rows } = await db.query<{ email: string }>('SELECT lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])', [
    DEMO_ACCOUNTS.map((a) => a.email),
  ]);
  const present = new Set(rows.map((r) => r.email));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email));
}
