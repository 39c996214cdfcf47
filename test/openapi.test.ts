import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { Express } from 'express';
import type { z } from 'zod';
import * as contract from '../src/contract/index.ts';
import { API_ROUTES } from '../src/contract/routes.ts';
import { openApiPath } from '../src/server/api-docs.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, signedIn } from './helpers/client.ts';
import { LocalOidcProvider } from './helpers/oidc.ts';

interface Layer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every `METHOD /api/path` Express really mounts, found by walking the router stack of the live app. */
function mountedApiRoutes(app: Express): Set<string> {
  const found = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.add(`${method.toUpperCase()} ${prefix}${path}`);
        }
      } else if (layer.handle.stack) {
        const raw = [layer.rawPath ?? '/'].flat()[0]!;
        walk(layer.handle.stack, raw === '/' ? prefix : prefix + raw);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return new Set([...found].filter((r) => r.split(' ')[1]!.startsWith('/api/')));
}

/** The routes the document lists, as `METHOD /api/path` (Express style), optionally without those of features switched off. */
function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }, features: Set<string>): Set<string> {
  const byOpenApiPath = new Map(API_ROUTES.map((r) => [`${r.method} ${openApiPath(r.path)}`, r]));
  const out = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const route = byOpenApiPath.get(`${method} ${path}`);
      assert.ok(route, `${method} ${path} comes from the route list`);
      if (route.onlyWith && !features.has(route.onlyWith)) continue;
      out.add(`${method.toUpperCase()} /api${route.path}`);
    }
  }
  return out;
}

/**
 * The answer has the schema's shape exactly: zod drops keys it does not know, so an answer
 * equal to its parsed self has no field the contract leaves out, and none missing or mistyped.
 */
function assertShape(schema: z.ZodType, body: unknown, what: string): void {
  const parsed = schema.safeParse(body);
  assert.ok(parsed.success, `${what}: ${parsed.error?.message}`);
  assert.deepEqual(parsed.data, body, `${what}: fields the contract does not describe`);
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

describe('OpenAPI description of the API', () => {
  let t: TestServer;
  let full: TestServer;
  let idp: LocalOidcProvider;
  before(async () => {
    t = await startTestServer();
    // Every optional part switched on: Stripe's webhook and OpenID Connect sign-in are mounted too.
    idp = await LocalOidcProvider.listen();
    full = await startTestServer({
      env: {
        SEED_DEMO: 'false',
        STRIPE_SECRET_KEY: 'sk_test_openapi',
        STRIPE_WEBHOOK_SECRET: 'whsec_openapi',
        STRIPE_API_URL: 'http://127.0.0.1:9',
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
      },
    });
  });
  after(async () => {
    await t?.close();
    await full?.close();
    await idp?.close();
  });

  test('when /api/openapi.json is fetched, then it is a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${t.url}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    const doc = await res.json();
    assert.equal(doc.openapi, '3.1.0');
    // Validates against the OpenAPI 3.1 schema and resolves every $ref.
    await SwaggerParser.validate(structuredClone(doc));
    assert.ok(doc.components.schemas.Order && doc.components.schemas.Error, 'shared shapes are components');
  });

  test('when the routes Express mounts under /api are listed, then the document has each one and no other', async () => {
    const doc = await (await fetch(`${t.url}/api/openapi.json`)).json();
    const mounted = mountedApiRoutes(t.server.app);
    const documented = documentedRoutes(doc, new Set());
    assert.ok(mounted.size > 40, `the walk finds the routes (${mounted.size})`);
    assert.deepEqual(difference(mounted, documented), [], 'mounted but not in the document');
    assert.deepEqual(difference(documented, mounted), [], 'in the document but not mounted');
  });

  test('when Stripe and OpenID Connect are configured, then their routes are mounted and documented too', async () => {
    const doc = await (await fetch(`${full.url}/api/openapi.json`)).json();
    const mounted = mountedApiRoutes(full.server.app);
    const documented = documentedRoutes(doc, new Set(['stripe', 'oidc']));
    assert.deepEqual(difference(mounted, documented), [], 'mounted but not in the document');
    assert.deepEqual(difference(documented, mounted), [], 'in the document but not mounted');
  });

  test('when /api/docs is opened, then a page lists every route, escaped, under the strict CSP', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script|<style| style=/i);
    for (const route of API_ROUTES) assert.ok(html.includes(`<code>/api${route.path}</code>`), `${route.method} ${route.path} listed`);
    assert.ok(html.includes('Change a person&#8217;s role') || html.includes('Change a person’s role'));
  });

  test('when the server answers, then the answers have the contract’s shapes', async () => {
    const admin = await signedIn(t.url, DEMO.admin);
    const customer = new ApiClient(t.url);
    await customer.register();
    const checks: Array<[ApiClient, string, z.ZodType]> = [
      [customer, '/api/products', contract.productPage],
      [customer, '/api/categories', contract.category.array()],
      [customer, '/api/centres', contract.shopCentre.array()],
      [customer, '/api/auth/me', contract.userAnswer],
      [customer, '/api/account', contract.accountSummary],
      [customer, '/api/cart', contract.cart],
      [admin, '/api/staff/orders', contract.orderPage],
      [admin, '/api/staff/payments', contract.paymentPage],
      [admin, '/api/admin/products', contract.paged(contract.adminProduct)],
      [admin, '/api/admin/categories', contract.adminCategory.array()],
      [admin, '/api/admin/centres', contract.adminCentre.array()],
      [admin, '/api/admin/users', contract.paged(contract.adminUser)],
      [admin, '/api/admin/audit', contract.paged(contract.auditEntry)],
      [admin, '/api/admin/setup', contract.setupCounts],
    ];
    for (const [client, path, schema] of checks) {
      const res = await client.get(path);
      assert.equal(res.status, 200, path);
      assertShape(schema, res.body, path);
    }
    // A product's own page and a placed order, as the customer and staff see it.
    const products = (await customer.get<contract.ProductPage>('/api/products')).body;
    const first = products.items.find((p) => p.stock > 0)!;
    assertShape(contract.product, (await customer.get(`/api/products/${first.id}`)).body, 'product');
    const centreId = (await customer.get<contract.Centre[]>('/api/centres')).body[0]!.id;
    const placed = await customer.post<contract.PlacedOrder>('/api/orders', { centreId, items: [{ productId: first.id, quantity: 1 }] });
    assert.equal(placed.status, 201);
    assertShape(contract.placedOrder, placed.body, 'placed order');
    assertShape(contract.staffOrderDetail, (await admin.get(`/api/staff/orders/${placed.body.order.id}`)).body, 'staff order');
    assertShape(contract.order, (await customer.get(`/api/orders/${placed.body.order.id}`)).body, 'own order');
  });
});
