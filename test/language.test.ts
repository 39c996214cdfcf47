import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient } from './helpers/client.ts';
import { firstCentreId, productWithStock } from './helpers/fixtures.ts';

type History = Array<{ status: string; note: string | null }>;

describe('public reads in two languages', () => {
  const t = serverForSuite();
  let anyone: ApiClient;
  before(() => {
    anyone = new ApiClient(t.url);
  });

  test('when reading in English by lang= or Accept-Language, then categories, products and centres answer in English; French otherwise', async () => {
    const en = { 'accept-language': 'en-GB,en;q=0.9' };
    assert.equal((await anyone.get('/api/categories?lang=en')).body[0]!.name, 'Savoury groceries');
    assert.equal((await anyone.get('/api/categories', en)).body[0]!.name, 'Savoury groceries');
    assert.equal((await anyone.get('/api/categories')).body[0]!.name, 'Épicerie salée');
    // lang= wins over the header.
    assert.equal((await anyone.get('/api/categories?lang=fr', en)).body[0]!.name, 'Épicerie salée');

    const milkEn = (await anyone.get('/api/products?q=lait%20demi', en)).body.items[0];
    assert.equal(milkEn!.name, 'Semi-skimmed UHT milk');
    const milkFr = (await anyone.get('/api/products?q=lait%20demi')).body.items[0];
    assert.equal(milkFr!.name, 'Lait UHT demi-écrémé');
    const one = await anyone.get(`/api/products/${milkFr!.id}`, en);
    assert.equal(one.body.name, 'Semi-skimmed UHT milk');
    assert.match(one.headers.get('vary') ?? '', /Accept-Language/);

    // The same URL, cached, still answers each language (the cache keys on the header too).
    for (let i = 0; i < 2; i++) {
      assert.equal((await anyone.get('/api/products?pageSize=100&q=milk', en)).body.items[0]?.name, 'Semi-skimmed UHT milk');
      assert.equal((await anyone.get('/api/products?pageSize=100&q=milk')).body.total, 0);
    }

    const centreEn = (await anyone.get('/api/centres', en)).body[0];
    assert.match(centreEn!.openingHours, /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/);
    const centreFr = (await anyone.get('/api/centres')).body[0];
    assert.match(centreFr!.openingHours, /^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche)/);
  });

  test('when an order is canceled by its owner, then its history message follows the language read', async () => {
    const buyer = new ApiClient(t.url);
    await buyer.register('Sam Taylor');
    const p = await productWithStock(t);
    const placed = await buyer.post('/api/orders', { centreId: await firstCentreId(t), items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(placed.status, 201);
    const canceled = await buyer.post(`/api/orders/${placed.body.order.id}/cancel?lang=en`);
    assert.equal(canceled.status, 200);
    const note = (h: History) => h.find((e) => e.status === 'canceled')?.note;
    assert.equal(note(canceled.body.history), 'Canceled by the customer');
    assert.equal(note((await buyer.get(`/api/orders/${placed.body.order.id}`)).body.history), 'Annulée par le client');
    assert.equal(note((await buyer.get(`/api/orders/${placed.body.order.id}`, { 'accept-language': 'en' })).body.history), 'Canceled by the customer');
    const list = await buyer.get('/api/orders?lang=en');
    assert.equal(note(list.body.items.find((o: { id: string }) => o.id === placed.body.order.id)!.history), 'Canceled by the customer');
    assert.equal((await buyer.get('/api/orders?lang=de')).status, 400);
  });
});
