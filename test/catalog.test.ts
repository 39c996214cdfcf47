import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, asError } from './helpers/client.ts';

describe('catalogue', () => {
  let t: TestServer;
  let c: ApiClient;
  before(async () => {
    t = await startTestServer();
    c = new ApiClient(t.url);
  });
  after(() => t.close());

  test('when listing products, then a page of on-sale products with the contract fields', async () => {
    const res = await c.get('/api/products');
    assert.equal(res.status, 200);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.pageSize, 24);
    assert.ok(res.body.total >= 40);
    assert.equal(res.body.items.length, 24);
    for (const p of res.body.items) {
      for (const key of ['id', 'name', 'description', 'category', 'unit', 'priceCents', 'imageUrl', 'stock']) assert.ok(key in p, key);
      assert.ok(Number.isInteger(p.priceCents) && p.priceCents > 0);
      assert.ok(Number.isInteger(p.stock) && p.stock >= 0);
    }
  });

  test('when paging, then pages do not overlap and together cover the total', async () => {
    const first = await c.get('/api/products?pageSize=10&page=1');
    const ids = new Set<string>();
    const pages = Math.ceil(first.body.total / 10);
    for (let page = 1; page <= pages; page++) {
      const res = await c.get(`/api/products?pageSize=10&page=${page}`);
      for (const p of res.body.items) ids.add(p.id);
    }
    assert.equal(ids.size, first.body.total);
    const beyond = await c.get(`/api/products?pageSize=10&page=${pages + 1}`);
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.body.items, []);
    assert.equal(beyond.body.total, first.body.total);
  });

  test('when filtering by category, then only that category', async () => {
    const cats = await c.get('/api/categories');
    assert.ok(cats.body.length >= 6);
    for (const cat of cats.body) {
      assert.ok(cat.slug && cat.name);
      const res = await c.get(`/api/products?category=${encodeURIComponent(cat.slug)}&pageSize=100`);
      assert.ok(res.body.items.length > 0, cat.slug);
      assert.ok(res.body.items.every((p: { category: string }) => p.category === cat.slug));
    }
    const none = await c.get('/api/products?category=does-not-exist');
    assert.equal(none.status, 200);
    assert.equal(none.body.total, 0);
  });

  test('when searching, then case and accents are ignored', async () => {
    const all = await c.get('/api/products?pageSize=100');
    const accented = all.body.items.find((p: { name: string }) => /[éèêàçœ]/i.test(p.name));
    assert.ok(accented, 'the demo catalogue has accented names');
    const word = accented.name.split(/\s+/).find((w: string) => /[éèêàçœ]/i.test(w));
    const plain = word!.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').toUpperCase();
    for (const q of [word!, plain, word!.toLowerCase()]) {
      const res = await c.get(`/api/products?q=${encodeURIComponent(q)}&pageSize=100`);
      assert.ok(
        res.body.items.some((p: { id: string }) => p.id === accented.id),
        `search "${q}" finds ${accented.name}`,
      );
    }
  });

  test('when searching with SQL-looking or wildcard text, then it is just text', async () => {
    for (const q of ["' OR 1=1 --", "'; DROP TABLE products; --", '\\']) {
      const res = await c.get(`/api/products?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
      assert.equal(res.body.total, 0, q);
    }
    // LIKE wildcards match themselves only.
    for (const q of ['%', '_']) {
      const res = await c.get(`/api/products?q=${encodeURIComponent(q)}&pageSize=100`);
      assert.equal(res.status, 200, q);
      for (const p of res.body.items) assert.ok(`${p.name} ${p.description}`.includes(q), `${q} matched ${p.name}`);
    }
    assert.ok((await c.get('/api/products')).body.total >= 40);
  });

  test('when the search is very long or paging is absurd, then 400 validation_failed', async () => {
    for (const qs of [`q=${'a'.repeat(201)}`, 'page=0', 'page=-1', 'pageSize=1000', 'pageSize=abc', 'page=1.5']) {
      const res = await c.get(`/api/products?${qs}`);
      assert.equal(res.status, 400, qs);
      assert.equal(asError(res).error.code, 'validation_failed');
    }
  });

  test('when asking for one product, then it or 404', async () => {
    const list = await c.get('/api/products?pageSize=1');
    const p = list.body.items[0];
    const one = await c.get(`/api/products/${p!.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, p);
    for (const id of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
      const res = await c.get(`/api/products/${encodeURIComponent(id)}`);
      assert.equal(res.status, 404);
      assert.equal(asError(res).error.code, 'not_found');
    }
  });

  test('when a product image is requested, then the app serves it', async () => {
    const p = (await c.get('/api/products?pageSize=1')).body.items[0];
    const res = await fetch(t.url + p!.imageUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /image\/svg\+xml/);
    assert.equal((await fetch(`${t.url}/images/products/missing.svg`)).status, 404);
  });

  test('when listing centres, then Restos du Cœur centres with address, hours and coordinates', async () => {
    const res = await c.get('/api/centres');
    assert.equal(res.status, 200);
    assert.ok(res.body.length >= 8);
    for (const centre of res.body) {
      for (const key of ['id', 'name', 'address', 'postcode', 'city', 'openingHours', 'lat', 'lng']) assert.ok(key in centre, key);
      assert.match(centre.postcode, /^\d{5}$/);
      assert.equal(typeof centre.lat, 'number');
    }
  });
});
