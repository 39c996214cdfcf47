/**
 * Finding things, in a real browser, on a phone (390×844) and a laptop: the catalogue search
 * ranks the pasta first for "pates", forgives "spagetti", and finds the milk in English; at
 * checkout, the centres are sorted by distance from a typed postcode, with distance, hours
 * and "open now / next opening", the map shows on both screens, and the chosen centre and
 * "tout offrir" survive a reload — while the last centre used is only offered. axe on each page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, assertCleanPage, browserSuite, shareSession, type WatchedPage, rankCentresFrom } from '../helpers/browser.ts';
import { ApiClient, DEMO } from '../helpers/client.ts';

const suite = browserSuite();
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

/** The product names of the catalogue's cards, in order. */
async function cardNames(w: WatchedPage): Promise<string[]> {
  return w.page.locator('.grid .card h3, .grid .card h2').allTextContents();
}

for (const viewport of VIEWPORTS) {
  test(`when searching on a ${viewport.name}, then pasta come first for "pates", a typo still finds, and English finds the milk`, async () => {
    const w = await suite.openPage(viewport);
    const { page } = w;
    try {
      await page.goto(`${suite.server.url}/`);
      await page.getByLabel('Rechercher un produit').fill('pates');
      await page.getByLabel('Rechercher un produit').press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: /produits? pour « pates »/ })
        .waitFor();
      const first = (await cardNames(w)).slice(0, 2);
      assert.deepEqual(new Set(first), new Set(['Penne rigate', 'Spaghetti']), first.join(', '));
      assert.equal(await page.getByLabel('Trier par').inputValue(), 'relevance');
      await assertAccessible(page, `search results (${viewport.name})`);

      // By price on request: the order follows the prices.
      await page.getByLabel('Trier par').selectOption('price');
      await page.waitForURL((url) => url.searchParams.get('sort') === 'price');
      await page
        .getByRole('status')
        .filter({ hasText: /produits? pour « pates »/ })
        .waitFor();

      await page.getByLabel('Rechercher un produit').fill('spagetti');
      await page.getByLabel('Rechercher un produit').press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: /pour « spagetti »/ })
        .waitFor();
      assert.equal((await cardNames(w))[0], 'Spaghetti');

      // In English: "milk" finds the semi-skimmed milk, named in English.
      await page.locator('[data-lang-switch]').click();
      await page.getByLabel('Search for a product').fill('milk');
      await page.getByLabel('Search for a product').press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: /for “milk”/ })
        .waitFor();
      assert.equal((await cardNames(w))[0], 'Semi-skimmed UHT milk');
      await assertAccessible(page, `English search results (${viewport.name})`);
      assertCleanPage(w, viewport.name);
    } finally {
      await w.context.close();
    }
  });
}

for (const viewport of VIEWPORTS) {
  test(`when choosing a centre by postcode on a ${viewport.name}, then the nearest comes first with its hours, and the choice survives a reload`, async () => {
    const api = new ApiClient(suite.server.url);
    await api.register('Inès Moreau');
    const products = (await api.get('/api/products?q=spaghetti')).body.items as Array<{ id: string }>;
    assert.equal((await api.put(`/api/cart/items/${products[0]!.id}`, { quantity: 1 })).status, 200);
    const w = await suite.openPage(viewport);
    const { page } = w;
    try {
      await shareSession(w.context, api.cookieHeader, suite.server.url);
      // The last centre used (Lyon) is only a suggestion: nothing is chosen for the person.
      const lyon = ((await api.get('/api/centres')).body as Array<{ id: string; name: string }>).find((c) => c.name.includes('Lyon'))!;
      await page.goto(`${suite.server.url}/`);
      await page.evaluate((id) => localStorage.setItem('panier-solidaire.centre', id), lyon.id);
      await page.goto(`${suite.server.url}/checkout`);
      await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
      await page.getByText(`Votre dernier centre : ${lyon.name}`).waitFor();
      assert.equal(await page.getByRole('radio', { checked: true }).count(), 0, 'no centre chosen silently');

      await rankCentresFrom(page, '75018');
      const first = page.locator('.centres__list > li').first();
      await first.getByText('Restos du Cœur — Paris 18e').waitFor();
      await first.getByText(/^à 0(,\d)? km$/).waitFor();
      await first.getByText('Mardi et jeudi 9h–12h, samedi 14h–17h').waitFor();
      await first.getByText(/^(Ouvert maintenant|Prochaine ouverture : .+)$/).waitFor();
      await page.locator('.centres__list > li').nth(1).getByText('Restos du Cœur — Paris 13e').waitFor();
      assert.ok(await page.locator('svg.map').isVisible(), 'the map shows');
      await assertAccessible(page, `checkout centres by distance (${viewport.name})`);

      await page.getByRole('radio', { name: /Paris 18e/ }).check();
      await page.getByRole('switch', { name: 'Tout offrir à l’association' }).check();
      await page.locator('.checkout-summary').getByText('Restos du Cœur — Paris 18e').waitFor();

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
      assert.equal(await page.getByRole('radio', { name: /Paris 18e/ }).isChecked(), true, 'the chosen centre survives the reload');
      assert.equal(await page.getByRole('switch', { name: 'Tout offrir à l’association' }).isChecked(), true, '"tout offrir" survives the reload');
      assert.equal(await page.getByLabel('Code postal ou ville').inputValue(), '75018');
      await page.locator('.centres__list > li').first().getByText('Restos du Cœur — Paris 18e').waitFor();
      await page.locator('.checkout-summary').getByText('Restos du Cœur — Paris 18e').waitFor();

      // An unknown postcode says so, and the list stays.
      await page.getByLabel('Code postal ou ville').fill('99999');
      await page.getByRole('button', { name: 'Classer par distance' }).click();
      await page.locator('.field__error', { hasText: 'Code postal inconnu.' }).waitFor();
      assert.equal(await page.getByRole('radio', { name: /Paris 18e/ }).isChecked(), true);
      assertCleanPage(w, viewport.name);
    } finally {
      await w.context.close();
    }
  });
}

test('when an admin sets a centre’s hours and a closed day in its page, then the shop shows the hours made from them', async () => {
  const admin = new ApiClient(suite.server.url);
  assert.equal((await admin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
  const centre = ((await admin.get('/api/admin/centres')).body as Array<{ id: string; name: string }>).find((c) => c.name.includes('Grenoble'))!;
  await suite.inPage(async (page, w) => {
    await shareSession(w.context, admin.cookieHeader, suite.server.url);
    await page.goto(`${suite.server.url}/admin/centres/${centre.id}`);
    await page.getByRole('heading', { level: 1, name: centre.name }).waitFor();
    // Clear the week, then Monday 9:00–12:00 and 14:00–17:30.
    for (const input of await page.locator('.hours-table input[type="time"]').all()) await input.fill('');
    await page.getByLabel('Lundi, plage 1 : ouverture').fill('09:00');
    await page.getByLabel('Lundi, plage 1 : fermeture').fill('12:00');
    await page.getByLabel('Lundi, plage 2 : ouverture').fill('14:00');
    await page.getByLabel('Lundi, plage 2 : fermeture').fill('17:30');
    await page.getByLabel('Exceptions (jours fériés, ouvertures exceptionnelles)').fill('2030-12-25 fermé Noël');
    await assertAccessible(page, 'admin centre page with hours');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByText(/enregistré/)
      .first()
      .waitFor();
    const shop = (await new ApiClient(suite.server.url).get('/api/centres')).body as Array<{ id: string; openingHours: string }>;
    assert.equal(shop.find((c) => c.id === centre.id)!.openingHours, 'Lundi 9h–12h et 14h–17h30');
    const saved = ((await admin.get('/api/admin/centres')).body as Array<{ id: string; exceptions: unknown[] }>).find((c) => c.id === centre.id)!;
    assert.deepEqual(saved.exceptions, [{ date: '2030-12-25', opens: null, closes: null, note: 'Noël' }]);

    // A range that closes before it opens is refused in the page, nothing sent.
    await page.getByLabel('Mardi, plage 1 : ouverture').fill('15:00');
    await page.getByLabel('Mardi, plage 1 : fermeture').fill('10:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Mardi : indiquez l’heure d’ouverture et une heure de fermeture plus tardive.').first().waitFor();
  });
});

test('when a customer taps "Autour de moi", then the position is asked only then and the centres come by distance from it', async () => {
  const api = new ApiClient(suite.server.url);
  await api.register('Hugo Lefèvre');
  const products = (await api.get('/api/products?q=penne')).body.items as Array<{ id: string }>;
  assert.equal((await api.put(`/api/cart/items/${products[0]!.id}`, { quantity: 1 })).status, 200);
  await suite.inPage({ width: 390, height: 844 }, async (page, w) => {
    await shareSession(w.context, api.cookieHeader, suite.server.url);
    // Count the calls to the position API: opening the checkout must make none.
    let asked = 0;
    await page.exposeFunction('__geoAsked', () => {
      asked++;
    });
    await page.addInitScript(() => {
      const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
      navigator.geolocation.getCurrentPosition = (ok, fail, opts) => {
        void (window as unknown as { __geoAsked: () => Promise<void> }).__geoAsked();
        original(ok, fail, opts);
      };
    });
    await w.context.grantPermissions(['geolocation'], { origin: suite.server.url });
    await w.context.setGeolocation({ latitude: 43.2965, longitude: 5.3698 }); // Marseille, Vieux-Port
    await page.goto(`${suite.server.url}/checkout`);
    await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
    assert.equal(asked, 0, 'the position is not asked before the tap');
    await page.getByRole('button', { name: 'Autour de moi' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /du plus proche au plus éloigné de « votre position »/ })
      .waitFor();
    assert.equal(asked, 1);
    await page.locator('.centres__list > li').first().getByText('Restos du Cœur — Marseille 3e').waitFor();
    await page
      .locator('.centres__list > li')
      .first()
      .getByText(/^à \d(,\d)? km$/)
      .waitFor();
    await assertAccessible(page, 'checkout centres around me');
  });
});
