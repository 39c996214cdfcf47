/**
 * Issue 18's admin edges in a real browser (Debian's Chromium through playwright-core)
 * against the real server: the proof verification page on a 360 px phone (no sideways
 * scroll, the issuer shown), a role change that asks for confirmation naming what the
 * new role may do, and a customer's open page signed out live when an admin disables
 * the account — with axe on the pages and no Content-Security-Policy violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSuite, type WatchedPage } from '../helpers/browser.ts';
import { ApiClient, DEMO } from '../helpers/client.ts';
import { firstCentreId, paidOrder } from '../helpers/fixtures.ts';
import { readPdf } from '../helpers/pdf.ts';

const suite = browserSuite();
const { inPage } = suite;

async function signInByApi(w: WatchedPage, who: { email: string; password: string }): Promise<void> {
  const res = await w.context.request.post(`${suite.server.url}/api/auth/login`, { data: who });
  assert.equal(res.status(), 200, await res.text());
}

const signedIn = async (who: { email: string; password: string }) => {
  const c = new ApiClient(suite.server.url);
  assert.equal((await c.login(who.email, who.password)).status, 200);
  return c;
};

/** Whether the page scrolls sideways (the document or any element wider than the screen). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });

test('when a proof’s link is opened on a 360 px phone, then the page fits without sideways scroll and shows the issuer', async () => {
  const admin = await signedIn(DEMO.admin);
  const staff = await signedIn(DEMO.staff);
  const details = {
    name: 'Association Les Paniers Solidaires du Dix-Huitième Arrondissement',
    address: '12 rue des Lilas',
    postcode: '75018',
    city: 'Paris',
    rna: 'W751234567',
    siret: '12345678900012',
    contactEmail: 'contact-tres-long-pour-tester@paniers-solidaires-du-dix-huitieme.fr',
  };
  assert.equal((await admin.put('/api/admin/association', details)).status, 200);
  const buyer = new ApiClient(suite.server.url);
  await buyer.register('Anne-Sophie Longuenom-Delaplace');
  const { order } = await paidOrder(suite.server, buyer, await firstCentreId(suite.server));
  assert.equal((await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation' })).status, 200);
  const res = await fetch(`${suite.server.url}/api/staff/orders/${order.id}/proof`, { headers: { cookie: staff.cookieHeader } });
  const pdf = await readPdf(Buffer.from(await res.arrayBuffer()));
  const short = pdf.text.match(/Vérifier ce document :\s*(\S+\/p\/[A-Z0-9]{12})/)?.[1];
  assert.ok(short, pdf.text);

  await inPage({ width: 360, height: 740 }, async (page) => {
    for (const link of [pdf.qrLinks[0]!, short]) {
      await page.goto(link);
      await page.getByText('Preuve authentique').waitFor();
      await page.getByRole('heading', { level: 1, name: `Commande ${order.number}` }).waitFor();
      await page.getByRole('region', { name: 'Émetteur' }).getByText(details.name).waitFor();
      await page.getByText('RNA W751234567 · SIRET 12345678900012').waitFor();
      const { scrollWidth, clientWidth } = await sidewaysScroll(page);
      assert.ok(scrollWidth <= clientWidth, `the page scrolls sideways at 360 px: ${scrollWidth} > ${clientWidth}`);
      // The payment reference (one long word) wraps inside the card.
      const card = await page.locator('main').boundingBox();
      assert.ok(card && card.x >= 0 && card.x + card.width <= 360, `the card leaves the screen: ${JSON.stringify(card)}`);
    }
    await assertAccessible(page, 'proof verification page');
  });
});

test('when an admin changes a role, then a dialog names what the new role may do; cancelling changes nothing, confirming does', async () => {
  const person = new ApiClient(suite.server.url);
  const user = await person.register('Bénévole Futur');
  await inPage(async (page, w) => {
    await signInByApi(w, DEMO.admin);
    await page.goto(`${suite.server.url}/admin/users/${user.id}`);
    await page.getByRole('heading', { level: 1, name: 'Bénévole Futur' }).waitFor();
    await page.getByLabel('Profil du compte').selectOption('staff');
    await page.getByRole('button', { name: 'Changer le profil' }).click();
    const dialog = page.getByRole('dialog', { name: 'Donner le rôle « Équipe » à Bénévole Futur ?' });
    await dialog.waitFor();
    await dialog.getByText(/pourra voir toutes les commandes/).waitFor();
    await assertAccessible(page, 'role change dialog');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    const admin = await signedIn(DEMO.admin);
    assert.equal((await admin.get(`/api/admin/users/${user.id}`)).body.role, 'customer', 'cancelled: the role is unchanged');
    assert.equal(await page.getByLabel('Profil du compte').inputValue(), 'customer');

    await page.getByLabel('Profil du compte').selectOption('staff');
    await page.getByRole('button', { name: 'Changer le profil' }).click();
    await dialog.getByRole('button', { name: 'Oui, passer en « Équipe »' }).click();
    await page.getByText('Bénévole Futur : profil « Équipe » enregistré.').waitFor();
    assert.equal((await admin.get(`/api/admin/users/${user.id}`)).body.role, 'staff');
  });
});

test('when an admin disables a customer whose page is open, then that page is signed out at once and says why', async () => {
  const email = `ferme-${Date.now()}@example.fr`;
  const { id } = await new ApiClient(suite.server.url).register('Client Bientôt Désactivé', email, 'motdepasse-solide');
  await inPage(async (page, w) => {
    await signInByApi(w, { email, password: 'motdepasse-solide' });
    await page.goto(`${suite.server.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    // The live connection is up (and in the account's room) before the change.
    await page.locator('html[data-live="on"]').waitFor();

    const admin = await signedIn(DEMO.admin);
    assert.equal((await admin.patch(`/api/admin/users/${id}`, { disabled: true })).status, 200);

    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await page.getByRole('alert').getByText('Votre compte a été désactivé : vous avez été déconnecté·e.', { exact: false }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByRole('link', { name: 'Mon compte' }).waitFor({ state: 'detached' });

    // Trying again with the right password: the form says the account is disabled and whom to write to.
    assert.equal((await admin.put('/api/admin/association', { contactEmail: 'aide@asso.example.fr' })).status, 200);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('motdepasse-solide');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Ce compte est désactivé. Pour en savoir plus, écrivez à aide@asso.example.fr.').first().waitFor();
    await assertAccessible(page, 'signed-out page');
  });
});

test('when lists are filtered by centre and days, then the filters stay in the address, survive a reload and reach the exports', async () => {
  const centres = (await new ApiClient(suite.server.url).get('/api/centres')).body as Array<{ id: string; name: string; city: string }>;
  const centre = centres[1]!;
  await inPage(async (page, w) => {
    await signInByApi(w, DEMO.admin);
    await page.goto(`${suite.server.url}/admin/orders`);
    await page.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
    await page.getByLabel('Centre', { exact: true }).selectOption(centre.id);
    await page.getByLabel('Du', { exact: true }).fill('2026-03-01');
    await page.getByLabel('Au (inclus)').fill('2026-03-31');
    await page.getByLabel('Dons', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('centreId') === centre.id);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
    await page.locator(`select[name="centreId"] option[value="${centre.id}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel('Centre', { exact: true }).inputValue(), centre.id);
    assert.equal(await page.getByLabel('Du', { exact: true }).inputValue(), '2026-03-01');
    assert.equal(await page.getByLabel('Dons', { exact: true }).inputValue(), 'true');
    const href = new URL((await page.getByRole('link', { name: 'Exporter le détail par article (CSV)' }).getAttribute('href'))!, suite.server.url);
    assert.deepEqual(
      [
        href.pathname,
        href.searchParams.get('centreId'),
        href.searchParams.get('from'),
        href.searchParams.get('to'),
        href.searchParams.get('hasGifts'),
        href.searchParams.get('lines'),
      ],
      ['/api/admin/orders', centre.id, '2026-03-01', '2026-03-31', 'true', 'true'],
    );
    await assertAccessible(page, 'filtered orders list');

    // The staff console's payments: the customer's name and a state, kept the same way.
    await page.goto(`${suite.server.url}/staff/payments?q=dupont&status=refunded&centreId=${centre.id}`);
    await page.getByRole('heading', { level: 1, name: 'Paiements' }).waitFor();
    assert.equal(await page.getByLabel('Client ou commande').inputValue(), 'dupont');
    assert.equal(await page.getByLabel('État du paiement').inputValue(), 'refunded');
    const csv = new URL((await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href'))!, suite.server.url);
    assert.deepEqual([csv.searchParams.get('q'), csv.searchParams.get('status'), csv.searchParams.get('format')], ['dupont', 'refunded', 'csv']);
    await assertAccessible(page, 'filtered payments');
  });
});

test('when an admin fills in the association’s details, then a malformed number is refused by field and the details are saved', () =>
  inPage(async (page, w) => {
    await signInByApi(w, DEMO.admin);
    await page.goto(`${suite.server.url}/admin`);
    await page.getByRole('navigation', { name: 'Rubriques de l’administration' }).getByRole('link', { name: 'Association' }).click();
    await page.getByRole('heading', { level: 1, name: 'Association' }).waitFor();
    await page.getByLabel('Nom de l’association').fill('Les Paniers du Quartier');
    await page.getByLabel('Numéro RNA').fill('X12');
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await page.getByRole('link', { name: /RNA : la lettre W suivie de neuf chiffres/ }).waitFor();
    await page.getByLabel('Numéro RNA').fill('w930000001');
    await page.getByLabel('E-mail de contact').fill('bonjour@paniers-quartier.fr');
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await page.getByText('Coordonnées de l’association enregistrées.').waitFor();
    assert.equal(await page.getByLabel('Numéro RNA').inputValue(), 'W930000001', 'the form shows what was saved');
    const admin = await signedIn(DEMO.admin);
    const saved = (await admin.get('/api/admin/association')).body;
    assert.deepEqual([saved.name, saved.rna, saved.contactEmail], ['Les Paniers du Quartier', 'W930000001', 'bonjour@paniers-quartier.fr']);
    await assertAccessible(page, 'association page');
  }));
