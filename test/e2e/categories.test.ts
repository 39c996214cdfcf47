/**
 * A fresh production-like install (no demo data, one admin from ADMIN_EMAIL) in a real
 * browser: the first-run checklist shows above the panel, the admin creates categories on
 * the Catégories page (the checklist's first step ticks at once), moves one with the
 * keyboard, renames it in English, sees the refusal to delete a category in use as a
 * sentence, creates a centre through its form (a missing field listed at the top first), and
 * the checklist disappears once every step is done.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, assertCleanPage, launchBrowser, openWatchedPage } from '../helpers/browser.ts';
import { ApiClient } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/harness.ts';

const ADMIN = { email: 'presidente@asso.example', password: 'un-mot-de-passe-solide' };
let server: TestServer;
let browser: Browser;
before(async () => {
  server = await startTestServer({ env: { SEED_DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('when an admin signs in to an empty install, then the checklist guides the first steps, a category created on the page ticks its step and a centre is made through its form', async () => {
  const w = await openWatchedPage(browser);
  const { page } = w;
  const admin = new ApiClient(server.url);
  await admin.login(ADMIN.email, ADMIN.password);
  try {
    const login = await w.context.request.post(`${server.url}/api/auth/login`, { data: ADMIN });
    assert.equal(login.status(), 200);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Produits' }).waitFor();

    // The checklist: four steps, none done, each a link.
    const checklist = page.getByRole('region', { name: 'Premiers pas' });
    await checklist.waitFor();
    await checklist.getByText('(0 sur 5 faites)', { exact: false }).waitFor();
    const step = (id: string) => checklist.locator(`[data-step="${id}"]`);
    for (const id of ['categories', 'centres', 'hours', 'products', 'staff']) assert.equal(await step(id).getAttribute('data-done'), 'false', id);
    assert.equal(await checklist.getByRole('link', { name: 'Ajouter un centre de retrait' }).getAttribute('href'), '/admin/centres/new');
    await assertAccessible(page, 'first-run checklist');

    // Its first link leads to the Catégories page, empty for now.
    await checklist.getByRole('link', { name: 'Créer une catégorie' }).click();
    await page.waitForURL(`${server.url}/admin/categories`);
    await page.getByRole('heading', { level: 1, name: 'Catégories' }).waitFor();
    await page.getByRole('status').filter({ hasText: '0 catégorie' }).waitFor();

    // Create one: the identifier is suggested from the name.
    await page.getByLabel('Nom (français)').fill('Épicerie sucrée');
    assert.equal(await page.getByLabel('Identifiant').inputValue(), 'epicerie-sucree');
    await page.getByLabel('Nom anglais').fill('Sweet groceries');
    await page.getByRole('button', { name: 'Créer la catégorie' }).click();
    await page.getByRole('rowheader', { name: 'Épicerie sucrée' }).waitFor();
    // The step ticks without leaving the page.
    await step('categories').and(page.locator('[data-done="true"]')).waitFor();
    await checklist.getByText('(1 sur 5 faites)', { exact: false }).waitFor();
    assert.deepEqual((await admin.get('/api/categories?lang=en')).body, [{ slug: 'epicerie-sucree', name: 'Sweet groceries' }]);

    // A second one goes last; moved up with the keyboard, it comes first.
    await page.getByLabel('Nom (français)').fill('Conserves');
    await page.getByRole('button', { name: 'Créer la catégorie' }).click();
    await page.getByRole('rowheader', { name: 'Conserves' }).waitFor();
    await page.getByRole('button', { name: 'Monter « Conserves » d’un rang' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('tbody tr').first().getByRole('rowheader', { name: 'Conserves' }).waitFor();
    assert.deepEqual(
      (await admin.get('/api/categories')).body.map((c: { slug: string }) => c.slug),
      ['conserves', 'epicerie-sucree'],
    );
    // The focus stays on the row just moved (its "up" button is now disabled: on "down").
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Descendre « Conserves » d’un rang');
    await assertAccessible(page, 'categories page');

    // Rename in English, in the row.
    await page.getByRole('button', { name: 'Renommer « Conserves »' }).click();
    const renameForm = page.getByRole('form', { name: 'Renommer « Conserves »' });
    await renameForm.getByLabel('Nom anglais').fill('Tinned food');
    await renameForm.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('cell', { name: 'Tinned food' }).waitFor();
    assert.equal((await admin.get('/api/categories?lang=en')).body[0]!.name, 'Tinned food');

    // A category in use cannot be deleted: the page says why in a sentence.
    const product = await admin.post('/api/admin/products', { name: 'Petits pois', category: 'conserves', priceCents: 95, onSale: false });
    assert.equal(product.status, 201);
    await page.getByRole('button', { name: 'Supprimer « Conserves »' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Supprimer la catégorie' }).click();
    await page.getByRole('alert').filter({ hasText: 'Impossible de supprimer « Conserves » : 1 produit y est encore classé' }).waitFor();
    assert.equal((await admin.get('/api/categories')).body.length, 2);

    // The empty one can go.
    await page.getByRole('button', { name: 'Supprimer « Épicerie sucrée »' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Supprimer la catégorie' }).click();
    await page.getByRole('status').filter({ hasText: '1 catégorie' }).waitFor();
    assert.deepEqual(
      (await admin.get('/api/categories')).body.map((c: { slug: string }) => c.slug),
      ['conserves'],
    );

    // The centre through its form: a missing name is listed at the top of the form, then it is created.
    await page.goto(`${server.url}/admin/centres/new`);
    await page.getByLabel('Adresse').fill('3 rue des Jardins');
    await page.getByLabel('Code postal').fill('57000');
    await page.getByLabel('Ville').fill('Metz');
    await page.getByLabel('Latitude').fill('49,12');
    await page.getByLabel('Longitude').fill('6,18');
    await page.getByRole('button', { name: 'Créer le centre' }).click();
    await page.locator('.form-errors').getByRole('link', { name: 'Indiquez le nom du centre.' }).waitFor();
    await page.getByLabel('Nom', { exact: true }).fill('Centre de Metz');
    await page.getByRole('button', { name: 'Créer le centre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Centres' }).waitFor();
    await page.getByRole('link', { name: 'Centre de Metz' }).waitFor();
    assert.deepEqual(
      (await admin.get('/api/admin/centres')).body.map((c: { name: string; lat: number }) => [c.name, c.lat]),
      [['Centre de Metz', 49.12]],
    );

    // Every other step done through the API: at the next page, the checklist is gone.
    assert.equal((await admin.patch(`/api/admin/products/${product.body.id}`, { onSale: true })).status, 200);
    assert.equal((await admin.post(`/api/admin/products/${product.body.id}/stock`, { delta: 5, reason: 'Livraison' })).status, 200);
    const volunteer = new ApiClient(server.url);
    const user = await volunteer.register('Bénévole', 'benevole@asso.example');
    assert.equal((await admin.patch(`/api/admin/users/${user.id}`, { role: 'staff' })).status, 200);
    const [metz] = (await admin.get('/api/admin/centres')).body;
    assert.equal((await admin.patch(`/api/admin/centres/${metz!.id}`, { hours: [{ day: 3, opens: '14:00', closes: '17:00' }] })).status, 200);
    await page.getByRole('navigation', { name: 'Rubriques de l’administration' }).getByRole('link', { name: 'Centres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Centres' }).waitFor();
    await checklist.waitFor({ state: 'detached' });
    assertCleanPage(w, 'admin panel');
  } finally {
    await w.context.close();
  }
});
