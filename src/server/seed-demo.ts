import type { Database } from '../db/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { AuthService, Role } from '../modules/auth/index.ts';
import { changeStock, insertProduct, upsertCategory } from '../modules/catalog/index.ts';
import { insertCentre } from '../modules/centres/index.ts';
import { categories, centres, products } from '../db/seed/demo-data.ts';

/** Demo accounts, printed at start in demo mode only. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ name: string; email: string; password: string; role: Role }> = [
  { name: 'Camille Martin', email: 'client@demo.panier-solidaire.fr', password: 'client-demo-2026', role: 'customer' },
  { name: 'Karim Benali', email: 'equipe@demo.panier-solidaire.fr', password: 'equipe-demo-2026', role: 'staff' },
  { name: 'Sophie Laurent', email: 'admin@demo.panier-solidaire.fr', password: 'admin-demo-2026', role: 'admin' },
];

const SEED_LOCK = 4242_0002;

/**
 * Loads the demo catalogue and centres into an empty database (once, even when
 * several nodes start together), and makes sure the demo accounts exist.
 */
export async function seedDemo(db: Database, auth: AuthService, logger: Logger): Promise<void> {
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
      });
      if (p.stock > 0) await changeStock(tx, { productId: product.id, delta: p.stock, reason: 'initial' });
    }
    const { rows: centreCount } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM centres');
    if ((centreCount[0]?.n ?? 0) === 0) for (const c of centres) await insertCentre(tx, c);
    return true;
  });
  if (seeded) logger.info({ products: products.length, centres: centres.length }, 'demo catalogue loaded');
  for (const account of DEMO_ACCOUNTS) await auth.ensureAccount(account, { reset: false });
}
