import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DRIVER } from './helpers/harness.ts';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError, fieldErrors, recorded, signedIn } from './helpers/client.ts';
import { createCentre, sql } from './helpers/fixtures.ts';
import { connectSocket, Recorder } from './helpers/sockets.ts';

type Cat = { slug: string; name: string; nameEn: string | null; position: number; products: number; productsOnSale: number };

const publicSlugs = async (c: ApiClient) => ((await c.get('/api/categories')).body as Array<{ slug: string }>).map((x) => x.slug);

/** Every categories route, on each driver of the runner's matrix: the SQL must hold on PostgreSQL and on PGlite. */
for (const driver of [TEST_DRIVER]) {
  describe(`categories API (${driver})`, () => {
    const t = serverForSuite({ driver });
    let admin: ApiClient;
    let anonymous: ApiClient;
    before(async () => {
      admin = await signedIn(t.url, DEMO.admin);
      anonymous = new ApiClient(t.url);
    });

    test('when an admin creates a category, then it is answered 201, listed with its counts, and the shop shows it in both languages', async () => {
      const created = await admin.post('/api/admin/categories', { slug: 'epicerie-sucree', name: 'Épicerie sucrée', nameEn: 'Sweet groceries', position: 1 });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(
        { slug: created.body.slug, name: created.body.name, nameEn: created.body.nameEn, position: created.body.position, products: created.body.products },
        { slug: 'epicerie-sucree', name: 'Épicerie sucrée', nameEn: 'Sweet groceries', position: 1, products: 0 },
      );
      const shop = await anonymous.get('/api/categories');
      assert.equal(shop.body[1]!.slug, 'epicerie-sucree');
      assert.deepEqual(Object.keys(shop.body[1]!).sort(), ['name', 'slug']);
      assert.equal(shop.body[1]!.name, 'Épicerie sucrée');
      assert.equal((await anonymous.get('/api/categories?lang=en')).body[1]!.name, 'Sweet groceries');
      assert.equal((await anonymous.get('/api/categories', { 'accept-language': 'en-GB,en;q=0.9' })).body[1]!.name, 'Sweet groceries');
      assert.equal((await anonymous.get('/api/categories?lang=fr', { 'accept-language': 'en' })).body[1]!.name, 'Épicerie sucrée');
      assert.equal((await anonymous.get('/api/categories', { 'accept-language': 'de' })).body[1]!.name, 'Épicerie sucrée');

      const list = (await admin.get('/api/admin/categories')).body as Cat[];
      assert.deepEqual(
        list.map((c) => c.position),
        list.map((_, i) => i),
        'positions stay 0…n-1',
      );
      const salty = list.find((c) => c.slug === 'epicerie-salee')!;
      const [row] = await sql<{ n: number }>(t, "SELECT count(*)::int AS n FROM products WHERE category_slug = 'epicerie-salee'");
      assert.equal(salty.products, row!.n);
      assert.ok(salty.productsOnSale > 0);
    });

    test('when a category has no English name, then English readers see the French one', async () => {
      assert.equal((await admin.post('/api/admin/categories', { slug: 'vrac', name: 'Vrac' })).status, 201);
      const en = (await anonymous.get('/api/categories?lang=en')).body as Array<{ slug: string; name: string }>;
      assert.equal(en.find((c) => c.slug === 'vrac')!.name, 'Vrac');
      assert.equal(en.at(-1)!.slug, 'vrac', 'without a position it goes last');
      assert.equal(en.find((c) => c.slug === 'conserves')!.name, 'Tinned food');
    });

    test('when the slug is already taken, then 409 category_exists and nothing changes', async () => {
      const before = await admin.get('/api/admin/categories');
      const res = await admin.post('/api/admin/categories', { slug: 'conserves', name: 'Autre nom' });
      assert.equal(res.status, 409);
      assert.equal(asError(res).error.code, 'category_exists');
      assert.deepEqual((await admin.get('/api/admin/categories')).body, before.body);
    });

    test('when category input is invalid, then 400 validation_failed names the field and nothing is stored', async () => {
      const before = await admin.get('/api/admin/categories');
      const cases: Array<[unknown, string]> = [
        [{ slug: 'Majuscules', name: 'x' }, 'slug'],
        [{ slug: 'avec espace', name: 'x' }, 'slug'],
        [{ slug: 'épices', name: 'x' }, 'slug'],
        [{ slug: '-tiret', name: 'x' }, 'slug'],
        [{ slug: '', name: 'x' }, 'slug'],
        [{ slug: 'a'.repeat(65), name: 'x' }, 'slug'],
        [{ name: 'x' }, 'slug'],
        [{ slug: 'ok-slug', name: '   ' }, 'name'],
        [{ slug: 'ok-slug' }, 'name'],
        [{ slug: 'ok-slug', name: 'n'.repeat(81) }, 'name'],
        [{ slug: 'ok-slug', name: 'nul\u0000' }, 'name'],
        [{ slug: 'ok-slug', name: 'x', nameEn: 42 }, 'nameEn'],
        [{ slug: 'ok-slug', name: 'x', position: -1 }, 'position'],
        [{ slug: 'ok-slug', name: 'x', position: 1.5 }, 'position'],
      ];
      for (const [body, field] of cases) {
        const res = await admin.post('/api/admin/categories', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(asError(res).error.code, 'validation_failed');
        assert.equal(fieldErrors(res)[0]!.field, field, JSON.stringify(res.body));
      }
      for (const body of [{}, { name: '' }, { position: 'first' }, { nameEn: 'x'.repeat(81) }]) {
        const res = await admin.patch('/api/admin/categories/conserves', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(asError(res).error.code, 'validation_failed');
      }
      assert.equal((await anonymous.get('/api/categories?lang=de')).status, 400);
      assert.deepEqual((await admin.get('/api/admin/categories')).body, before.body);
    });

    test('when an admin renames a category in French and English, then the shop and the audit trail follow', async () => {
      const res = await admin.patch('/api/admin/categories/boissons', { name: 'Boissons & jus', nameEn: 'Drinks & juices' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.name, 'Boissons & jus');
      assert.equal(res.body.nameEn, 'Drinks & juices');
      const fr = (await anonymous.get('/api/categories')).body as Array<{ slug: string; name: string }>;
      assert.equal(fr.find((c) => c.slug === 'boissons')!.name, 'Boissons & jus');
      const en = (await anonymous.get('/api/categories?lang=en')).body as Array<{ slug: string; name: string }>;
      assert.equal(en.find((c) => c.slug === 'boissons')!.name, 'Drinks & juices');
      // An empty English name removes it: English readers fall back to French.
      assert.equal((await admin.patch('/api/admin/categories/boissons', { nameEn: '' })).body.nameEn, null);
      const en2 = (await anonymous.get('/api/categories?lang=en')).body as Array<{ slug: string; name: string }>;
      assert.equal(en2.find((c) => c.slug === 'boissons')!.name, 'Boissons & jus');

      const audit = await admin.get('/api/admin/audit?entityType=category&entityId=boissons');
      assert.equal(audit.status, 200);
      const first = audit.body.items.at(-1);
      assert.equal(first!.action, 'category.update');
      assert.equal(recorded(first!.before).name, 'Boissons');
      assert.equal(recorded(first!.after).nameEn, 'Drinks & juices');
    });

    test('when an admin moves a category up and down, then the display order follows and positions stay 0…n-1', async () => {
      const order = await publicSlugs(anonymous);
      const i = order.indexOf('hygiene');
      const up = await admin.patch('/api/admin/categories/hygiene', { position: i - 1 });
      assert.equal(up.status, 200);
      assert.equal(up.body.position, i - 1);
      const expected = [...order];
      [expected[i - 1], expected[i]] = [expected[i]!, expected[i - 1]!];
      assert.deepEqual(await publicSlugs(anonymous), expected);
      assert.equal((await admin.patch('/api/admin/categories/hygiene', { position: 0 })).body.position, 0);
      assert.equal((await publicSlugs(anonymous))[0], 'hygiene');
      // Beyond the end means last.
      assert.equal((await admin.patch('/api/admin/categories/hygiene', { position: 999 })).body.position, order.length - 1);
      const list = (await admin.get('/api/admin/categories')).body as Cat[];
      assert.deepEqual(
        list.map((c) => c.position),
        list.map((_, k) => k),
      );
      assert.equal(list.at(-1)!.slug, 'hygiene');
    });

    test('when a category still has products, even off sale, then DELETE is 409 category_in_use and it stays', async () => {
      assert.equal((await admin.post('/api/admin/categories', { slug: 'saison', name: 'Produits de saison' })).status, 201);
      const p = await admin.post('/api/admin/products', { name: 'Potiron', category: 'saison', priceCents: 150 });
      assert.equal(p.status, 201);
      const refused = await admin.delete('/api/admin/categories/saison');
      assert.equal(refused.status, 409);
      assert.equal(asError(refused).error.code, 'category_in_use');
      assert.match(asError(refused).error.message, /1 produit/);
      assert.deepEqual(asError(refused).error.details, { products: 1, productsOnSale: 1 });
      // Off sale it still counts: it may come back on sale, and it keeps its shelf.
      assert.equal((await admin.delete(`/api/admin/products/${p.body.id}`)).status, 200);
      const again = await admin.delete('/api/admin/categories/saison');
      assert.equal(again.status, 409);
      assert.deepEqual(asError(again).error.details, { products: 1, productsOnSale: 0 });
      assert.match(asError(again).error.message, /hors vente/);
      assert.ok((await publicSlugs(anonymous)).includes('saison'));
      // Moved to another category, the product frees it.
      assert.equal((await admin.patch(`/api/admin/products/${p.body.id}`, { category: 'conserves' })).status, 200);
      assert.equal((await admin.delete('/api/admin/categories/saison')).status, 204);
      assert.ok(!(await publicSlugs(anonymous)).includes('saison'));
    });

    test('when an empty category is deleted, then 204, the order closes up and the audit trail keeps what it was', async () => {
      assert.equal((await admin.post('/api/admin/categories', { slug: 'a-supprimer', name: 'À supprimer', position: 0 })).status, 201);
      const res = await admin.delete('/api/admin/categories/a-supprimer');
      assert.equal(res.status, 204);
      const list = (await admin.get('/api/admin/categories')).body as Cat[];
      assert.ok(!list.some((c) => c.slug === 'a-supprimer'));
      assert.deepEqual(
        list.map((c) => c.position),
        list.map((_, k) => k),
      );
      const audit = await admin.get('/api/admin/audit?entityType=category&entityId=a-supprimer');
      assert.deepEqual(
        audit.body.items.map((e: { action: string }) => e.action),
        ['category.delete', 'category.create'],
      );
      assert.equal(recorded(audit.body.items[0]!.before).name, 'À supprimer');
      assert.equal((await admin.post('/api/admin/products', { name: 'Orphelin', category: 'a-supprimer', priceCents: 1 })).status, 400);
    });

    test('when the category is unknown, then PATCH and DELETE are 404', async () => {
      for (const slug of ['inconnue', 'NOT_A_SLUG', '%20']) {
        const patched = await admin.patch(`/api/admin/categories/${slug}`, { name: 'x' });
        assert.equal(patched.status, 404, slug);
        assert.equal(asError(patched).error.code, 'not_found');
        assert.equal((await admin.delete(`/api/admin/categories/${slug}`)).status, 404, slug);
      }
    });

    test('when staff or an anonymous visitor calls the admin category API, then 403 and 401, and nothing changes', async () => {
      const staff = await signedIn(t.url, DEMO.staff);
      const customer = new ApiClient(t.url);
      await customer.register();
      const before = await admin.get('/api/admin/categories');
      for (const [who, status, code] of [
        [staff, 403, 'forbidden'],
        [customer, 403, 'forbidden'],
        [anonymous, 401, 'unauthenticated'],
      ] as const) {
        for (const res of [
          await who.get('/api/admin/categories'),
          await who.post('/api/admin/categories', { slug: 'pirate', name: 'Pirate' }),
          await who.patch('/api/admin/categories/conserves', { name: 'Pirate' }),
          await who.delete('/api/admin/categories/bebe'),
          await who.get('/api/admin/setup'),
        ]) {
          assert.equal(res.status, status);
          assert.equal(asError(res).error.code, code);
        }
      }
      assert.deepEqual((await admin.get('/api/admin/categories')).body, before.body);
    });

    test('when a category changes, then connected shop clients hear catalog:changed', async () => {
      const socket = await connectSocket(t.url);
      try {
        const heard = new Recorder(socket);
        assert.equal((await admin.patch('/api/admin/categories/bebe', { nameEn: 'Babies' })).status, 200);
        const event = await heard.waitFor('catalog:changed', (p) => p.categorySlug === 'bebe');
        assert.equal(event.categorySlug, 'bebe');
      } finally {
        socket.disconnect();
      }
    });

    test('when the demo install is complete, then the setup counts are all above zero', async () => {
      const res = await admin.get('/api/admin/setup');
      assert.equal(res.status, 200);
      assert.ok(res.body.categories > 0 && res.body.centres > 0 && res.body.productsOnSale > 0 && res.body.staff > 0, JSON.stringify(res.body));
      assert.equal(res.body.done, true);
    });
  });
}

describe('first-run setup counts', () => {
  const t = serverForSuite({ env: { SEED_DEMO: 'false', ADMIN_EMAIL: 'premiere@asso.example', ADMIN_PASSWORD: 'mot-de-passe-solide' } });
  let admin: ApiClient;
  before(async () => {
    admin = new ApiClient(t.url);
    assert.equal((await admin.login('premiere@asso.example', 'mot-de-passe-solide')).status, 200);
  });

  test('when an empty install is set up step by step, then /api/admin/setup counts each step and says done at the end', async () => {
    const setup = async () => (await admin.get('/api/admin/setup')).body;
    assert.deepEqual(await setup(), { categories: 0, centres: 0, centresWithoutHours: 0, productsOnSale: 0, staff: 0, done: false });
    assert.deepEqual(await admin.get('/api/categories').then((r) => r.body), []);
    assert.equal((await admin.post('/api/admin/categories', { slug: 'epicerie', name: 'Épicerie' })).status, 201);
    assert.equal((await setup()).categories, 1);
    const centre = await createCentre(admin, {
      name: 'Centre de Lyon 8e',
    });
    assert.equal(centre.status, 201);
    // A product without stock cannot be bought yet: it does not tick the step.
    const product = await admin.post('/api/admin/products', { name: 'Pâtes', category: 'epicerie', priceCents: 89 });
    assert.equal(product.status, 201);
    assert.deepEqual(await setup(), { categories: 1, centres: 1, centresWithoutHours: 1, productsOnSale: 0, staff: 0, done: false });
    assert.equal((await admin.post(`/api/admin/products/${product.body.id}/stock`, { delta: 10, reason: 'Première livraison' })).status, 200);
    assert.equal((await setup()).productsOnSale, 1);
    const volunteer = new ApiClient(t.url);
    const user = await volunteer.register('Bénévole', 'benevole@asso.example');
    assert.equal((await admin.patch(`/api/admin/users/${user.id}`, { role: 'staff' })).status, 200);
    // Everything but the centre's hours: without them it offers no pickup slot, so not done yet.
    assert.deepEqual(await setup(), { categories: 1, centres: 1, centresWithoutHours: 1, productsOnSale: 1, staff: 1, done: false });
    const hours = [{ day: 3, opens: '14:00', closes: '17:00' }];
    assert.equal((await admin.patch(`/api/admin/centres/${centre.body.id}`, { hours })).status, 200);
    assert.deepEqual(await setup(), { categories: 1, centres: 1, centresWithoutHours: 0, productsOnSale: 1, staff: 1, done: true });
  });
});
