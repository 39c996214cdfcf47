import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, DEMO, asError, recorded } from './helpers/client.ts';
import { customer, firstCentreId, paidOrder } from './helpers/fixtures.ts';
import { readPdf } from './helpers/pdf.ts';
import { serverForSuite } from './helpers/suite.ts';

const DETAILS = {
  name: 'Les Amis du Panier',
  address: '12 rue des Lilas',
  postcode: '75018',
  city: 'Paris',
  rna: 'w751234567',
  siret: '123 456 789 00012',
  contactEmail: 'contact@amis-du-panier.fr',
  signatoryName: 'Claire Martin',
  signatoryTitle: 'Présidente',
};

describe('association details and the proofs they issue', () => {
  const t = serverForSuite();
  const signedIn = async (who: { email: string; password: string }) => {
    const c = new ApiClient(t.url);
    assert.equal((await c.login(who.email, who.password)).status, 200);
    return c;
  };

  /** A delivered-to-be order: paid, then in preparation (a processed order has a proof). */
  async function processedOrder(staff: ApiClient) {
    const { order } = await paidOrder(t, await customer(t), await firstCentreId(t));
    assert.equal((await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation' })).status, 200);
    return order as { id: string; number: string };
  }
  /** The details set to DETAILS by the admin, and a processed order. */
  async function detailsSetAndOrderProcessed() {
    const admin = await signedIn(DEMO.admin);
    const staff = await signedIn(DEMO.staff);
    assert.equal((await admin.put('/api/admin/association', DETAILS)).status, 200);
    return { admin, staff, order: await processedOrder(staff) };
  }
  const proofOf = async (staff: ApiClient, orderId: string) => {
    const res = await fetch(`${t.url}/api/staff/orders/${orderId}/proof`, { headers: { cookie: staff.cookieHeader } });
    assert.equal(res.status, 200);
    return readPdf(Buffer.from(await res.arrayBuffer()));
  };

  test('when the admin sets the details, then they are normalised, audited, and refused when malformed; staff may not set them', async () => {
    const admin = await signedIn(DEMO.admin);
    const staff = await signedIn(DEMO.staff);
    assert.equal((await staff.put('/api/admin/association', DETAILS)).status, 403);
    for (const bad of [{ rna: 'X123' }, { siret: '1234' }, { contactEmail: 'pas-un-email' }, { name: '' }, { postcode: '7501' }]) {
      const res = await admin.put('/api/admin/association', bad);
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.equal(asError(res).error.code, 'validation_failed');
    }
    const res = await admin.put('/api/admin/association', DETAILS);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.rna, 'W751234567');
    assert.equal(res.body.siret, '12345678900012');
    assert.deepEqual((await admin.get('/api/admin/association')).body, res.body);
    const audit = await admin.get('/api/admin/audit?entityType=association');
    assert.equal(audit.body.items[0]!.action, 'association.update');
    assert.equal(recorded(audit.body.items[0]!.after).name, DETAILS.name);
  });

  test('when a proof is issued, then the PDF names the issuer, has the receipt block, and prints the short link after "Vérifier ce document :"', async () => {
    const { staff, order } = await detailsSetAndOrderProcessed();
    const pdf = await proofOf(staff, order.id);
    for (const expected of ['Les Amis du Panier', '12 rue des Lilas, 75018 Paris', 'RNA W751234567', 'SIRET 12345678900012', 'contact@amis-du-panier.fr']) {
      assert.ok(pdf.text.includes(expected), `${expected} missing from:\n${pdf.text}`);
    }
    assert.match(pdf.text, /Réception par le centre/);
    assert.match(pdf.text, /Reçu par \(nom, fonction\)/);
    assert.match(pdf.text, /Date de réception/);
    assert.match(pdf.text, /Signature et cachet du centre/);
    assert.match(pdf.text, /Claire Martin, Présidente/);
    const short = pdf.text.match(/Vérifier ce document :\s*(https?:\/\/\S+\/p\/[A-Z0-9]{12})/);
    assert.ok(short, `no short link after the label:\n${pdf.text}`);
    // The short link opens the verification page of this order.
    const page = await fetch(short[1]!);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Preuve authentique/);
    assert.ok(html.includes(order.number));
    assert.ok(html.includes('Les Amis du Panier'));
    // Typed by hand in lower case, it still works; a made-up code does not.
    assert.equal((await fetch(short[1]!.replace(/\/p\/(\w+)$/, (_m, c: string) => `/p/${c.toLowerCase()}`))).status, 200);
    assert.equal((await fetch(`${t.url}/p/ABCDEFGHJKMN`)).status, 404);
  });

  test('when the details change after a proof was issued, then the old proof still verifies with the issuer it was issued under', async () => {
    const { admin, staff, order } = await detailsSetAndOrderProcessed();
    const before = await proofOf(staff, order.id);
    const link = before.qrLinks[0]!;
    const token = new URL(link).pathname.split('/').pop()!;

    assert.equal((await admin.put('/api/admin/association', { name: 'Nouveau Nom Solidaire', rna: '', siret: '98765432100019' })).status, 200);

    const page = await (await fetch(link)).text();
    assert.match(page, /Preuve authentique/);
    assert.ok(page.includes('Les Amis du Panier') && page.includes('W751234567'), 'the page shows the issuer of the issued proof');
    assert.ok(!page.includes('Nouveau Nom Solidaire'), 'the page shows the new details instead');
    const check = await new ApiClient(t.url).get(`/api/proofs/${token}`);
    assert.equal(check.status, 200);
    assert.deepEqual([check.body.valid, check.body.issuer.name, check.body.issuer.rna], [true, 'Les Amis du Panier', 'W751234567']);
    // A copy downloaded again is the same document: same issuer, same link.
    const again = await proofOf(staff, order.id);
    assert.ok(again.text.includes('Les Amis du Panier') && !again.text.includes('Nouveau Nom Solidaire'));
    assert.deepEqual(again.qrLinks, before.qrLinks);
    // A proof issued now carries the new details.
    const fresh = await proofOf(staff, (await processedOrder(staff)).id);
    assert.ok(fresh.text.includes('Nouveau Nom Solidaire') && fresh.text.includes('SIRET 98765432100019') && !fresh.text.includes('RNA '));
  });
});
