// npm run screenshots — the usage guide's pictures (docs/screenshots/*.png), taken with the
// same harness as the browser tests: a real server on a fresh PostgreSQL database with the
// demo data as `npm start` seeds it (the demo centres take pickup slots), driven in headless
// Chromium.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer } from '../test/helpers/harness.ts';
import { launchBrowser } from '../test/helpers/browser.ts';
import { ApiClient, DEMO } from '../test/helpers/client.ts';

const OUT = path.resolve('docs/screenshots');

type Viewport = { width: number; height: number };
const LAPTOP: Viewport = { width: 1280, height: 800 };
const PHONE: Viewport = { width: 390, height: 844 };

/** A page in its own context, signed in when a session cookie is given. */
async function pageFor(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string, cookie: string, viewport: Viewport): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value!, url }]);
  }
  return context.newPage();
}

const t = await startTestServer({ env: { SEED_DEMO_SLOTS: 'true' } });
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  const customer = new ApiClient(t.url);
  await customer.login(DEMO.customer.email, DEMO.customer.password);
  const products = (await customer.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock > 5);
  const centreId = (await customer.get('/api/centres')).body[0]!.id;
  // The demo centres take slots: the order is placed in the first one with room left.
  const slots = (await customer.get(`/api/centres/${centreId}/slots`)).body as Array<{ start: string; remaining: number }>;
  const slot = slots.find((s) => s.remaining > 0);
  if (!slot) throw new Error('the demo centre offers no pickup slot: is SEED_DEMO_SLOTS on and does it have opening hours?');
  const res = await customer.post('/api/orders', {
    centreId,
    pickupSlotStart: slot.start,
    items: [
      { productId: products[2]!.id, quantity: 3, donate: true },
      { productId: products[3]!.id, quantity: 1 },
    ],
  });
  if (res.status !== 201) throw new Error(`order not placed: ${res.status} ${JSON.stringify(res.body)}`);
  const placed = res.body.order;
  await customer.post(`/api/payments/demo/${placed.id}`, { outcome: 'succeeded' });
  // Filled after the order (placing an order empties the cart), so the cart and checkout show content.
  await customer.put(`/api/cart/items/${products[0]!.id}`, { quantity: 2, donate: true });
  await customer.put(`/api/cart/items/${products[1]!.id}`, { quantity: 1 });
  const staff = new ApiClient(t.url);
  await staff.login(DEMO.staff.email, DEMO.staff.password);
  await staff.post(`/api/staff/orders/${placed.id}/status`, { status: 'in_preparation', note: 'Carton n° 3' });
  const admin = new ApiClient(t.url);
  await admin.login(DEMO.admin.email, DEMO.admin.password);

  const shots: Array<[string, string, string, Viewport?]> = [
    ['shop-catalogue', '/', ''],
    ['shop-product', `/products/${products[0]!.id}`, customer.cookieHeader],
    ['shop-cart', '/cart', customer.cookieHeader],
    ['shop-checkout', '/checkout', customer.cookieHeader],
    ['shop-order', `/orders/${placed.id}`, customer.cookieHeader],
    ['staff-board', '/staff', staff.cookieHeader],
    ['staff-order', `/staff/orders/${placed.id}`, staff.cookieHeader],
    ['staff-payments', '/staff/payments', staff.cookieHeader],
    ['admin-products', '/admin/products', admin.cookieHeader],
    ['admin-product', `/admin/products/${products[0]!.id}`, admin.cookieHeader],
    ['admin-users', '/admin/users', admin.cookieHeader],
    ['admin-audit', '/admin/audit', admin.cookieHeader],
    ['admin-orders', '/admin/orders', admin.cookieHeader],
    ['admin-centre', `/admin/centres/${centreId}`, admin.cookieHeader],
    ['admin-association', '/admin/association', admin.cookieHeader],
    ['admin-pages', '/admin/pages', admin.cookieHeader],
    ['admin-dashboard', '/staff', admin.cookieHeader],
    ['shop-account', '/account', customer.cookieHeader],
    ['shop-legal', '/pages/donnees-personnelles', ''],
    ['phone-shop-catalogue', '/', '', PHONE],
    ['phone-shop-cart', '/cart', customer.cookieHeader, PHONE],
    ['phone-shop-checkout', '/checkout', customer.cookieHeader, PHONE],
    ['phone-staff-board', '/staff', staff.cookieHeader, PHONE],
  ];
  for (const [name, route, cookie, viewport = LAPTOP] of shots) {
    const page = await pageFor(browser, t.url, cookie, viewport);
    await page.goto(t.url + route, { waitUntil: 'networkidle' });
    await page.screenshot({ path: path.join(OUT, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await t.close();
}
