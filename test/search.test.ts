import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError, signedIn } from './helpers/client.ts';

type Item = { id: string; name: string; priceCents: number; keywords: string[]; weightGrams: number | null };
const names = (items: Item[]) => items.map((p) => p.name);

describe('catalogue search', () => {
  const t = serverForSuite();
  let shop: ApiClient;
  before(() => {
    shop = new ApiClient(t.url);
  });
  const search = async (qs: string, headers?: Record<string, string>) => {
    const res = await shop.get(`/api/products?${qs}`, headers);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items as Item[];
  };

  test('when searching "pates", then the pasta comes first, before products that only mention pasta', async () => {
    const found = names(await search('q=pates'));
    assert.deepEqual(new Set(found.slice(0, 2)), new Set(['Penne rigate', 'Spaghetti']), found.join(', '));
    // Accents and case ignored.
    assert.deepEqual(new Set(names(await search('q=P%C3%82TES')).slice(0, 2)), new Set(['Penne rigate', 'Spaghetti']));
  });

  test('when the search has a typo, then it still finds ("spagetti" → Spaghetti)', async () => {
    assert.equal(names(await search('q=spagetti'))[0], 'Spaghetti');
    assert.ok(names(await search('q=clementine')).includes('Clémentines'));
  });

  test('when the shop is read in English, then English names and keywords find and show ("milk")', async () => {
    for (const [qs, headers] of [
      ['q=milk&lang=en', undefined],
      ['q=milk', { 'accept-language': 'en-GB,en;q=0.8' }],
    ] as const) {
      const found = await search(qs, headers);
      assert.equal(found[0]?.name, 'Semi-skimmed UHT milk', qs);
      assert.ok(found[0]?.keywords.includes('milk'));
    }
    // In French the same product keeps its French name and keywords.
    const fr = await search('q=lait');
    assert.equal(fr[0]?.name, 'Lait UHT demi-écrémé');
    assert.ok(fr[0]?.keywords.includes('lait'));
    assert.equal(fr[0]?.weightGrams, 1030);
    assert.equal((await search('q=milk&lang=fr')).length, 0);
  });

  test('when sorting, then relevance by default with q, name or price on request', async () => {
    const byPrice = await search('q=pates&sort=price');
    const prices = byPrice.map((p) => p.priceCents);
    assert.deepEqual(
      prices,
      [...prices].sort((a, b) => a - b),
    );
    // By name: the order of the plain list (no q: by name), kept to the products found.
    const byName = names(await search('q=pates&sort=name'));
    const plain = names(await search('pageSize=100'));
    assert.deepEqual(
      byName,
      plain.filter((n) => byName.includes(n)),
    );
    assert.notDeepEqual(byName, names(await search('q=pates')));
    const bad = await shop.get('/api/products?sort=random');
    assert.equal(bad.status, 400);
    assert.equal(asError(bad).error.code, 'validation_failed');
  });

  test('when the query looks like SQL, is 200 characters long or has only stop words, then it is just text', async () => {
    for (const q of ["' OR 1=1 --", "pates'); DROP TABLE products; --", 'spaghetti:* | !lait & (', 'é'.repeat(200), 'x'.repeat(200), 'le la les']) {
      const res = await shop.get(`/api/products?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
    }
    assert.ok((await search('q=spaghetti%3A*%20%7C%20!lait')).length <= 2);
    assert.ok((await search('pageSize=100')).length >= 40);
  });

  test('when an admin sets keywords, English texts and a weight, then search finds the product by them', async () => {
    const admin = await signedIn(t.url, DEMO.admin);
    const created = await admin.post('/api/admin/products', {
      name: 'Boulgour',
      description: 'Blé concassé précuit.',
      category: 'epicerie-salee',
      unit: '500 g',
      priceCents: 99,
      stock: 5,
      keywords: ['céréale', ' ', 'céréale', 'taboulé'],
      weightGrams: 500,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.keywords, ['céréale', 'taboulé']);
    assert.equal(created.body.weightGrams, 500);
    assert.equal(names(await search('q=taboule'))[0], 'Boulgour');

    const edited = await admin.patch(`/api/admin/products/${created.body.id}`, { nameEn: 'Bulgur wheat', keywordsEn: ['tabbouleh'], weightGrams: null });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(
      [edited.body.nameEn, edited.body.keywordsEn, edited.body.weightGrams, edited.body.keywords],
      ['Bulgur wheat', ['tabbouleh'], null, ['céréale', 'taboulé']],
    );
    const en = await search('q=tabbouleh&lang=en');
    assert.equal(en[0]?.name, 'Bulgur wheat');
    assert.equal((await shop.get(`/api/products/${created.body.id}?lang=en`)).body.name, 'Bulgur wheat');
    assert.equal((await shop.get(`/api/products/${created.body.id}`)).body.name, 'Boulgour');

    const tooMany = await admin.patch(`/api/admin/products/${created.body.id}`, { keywords: Array.from({ length: 21 }, (_, i) => `k${i}`) });
    assert.equal(tooMany.status, 400);
  });
});
