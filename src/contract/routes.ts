/**
 * Every route the server mounts under /api, with the contract's schemas of its path
 * parameters, query, body and answers. The OpenAPI document (GET /api/openapi.json) and the
 * docs page (GET /api/docs) are generated from this list, and test/openapi.test.ts holds it
 * against the routes Express really mounts: a route added to a router without an entry here,
 * or an entry without a route, fails the suite.
 */
import { z } from 'zod';
import { personalData } from './account.ts';
import { pickupDay, pickupDayQuery } from './pickup.ts';
import { adminUserDetail, auditEntry, auditQuery, setupCounts } from './admin.ts';
import {
  accountSummary,
  adminUser,
  adminUserPatch,
  adminUserQuery,
  authProvider,
  deletionBody,
  forgotBody,
  loginBody,
  passwordChangeBody,
  profilePatch,
  registerBody,
  resetBody,
  statusAnswer,
  userAnswer,
  signInAnswer,
  verifyBody,
} from './auth.ts';
import { cart, cartItemBody } from './cart.ts';
import {
  adminCategory,
  adminProduct,
  adminProductDetail,
  adminProductQuery,
  category,
  createCategoryBody,
  createProductBody,
  product,
  productImageUpload,
  productListQuery,
  productPage,
  publicCategoryQuery,
  stockAdjustmentBody,
  updateCategoryBody,
  updateProductBody,
} from './catalog.ts';
import { adminCentre, centre, centreListQuery, createCentreBody, pickupSlot, slotQuery, updateCentreBody } from './centres.ts';
import { paged } from './common.ts';
import {
  idempotencyKey,
  moveSlotBody,
  order,
  orderItem,
  pickupBody,
  orderPage,
  ownOrders,
  placeOrderBody,
  placedOrder,
  proofCheck,
  staffOrderDetail,
  staffOrderQuery,
  statusChangeBody,
  staffDashboard,
} from './orders.ts';
import { demoPaymentBody, paymentPage, paymentsQuery, webhookAnswer } from './payments.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, a signed-in person, staff (or admin), an admin. */
export type Access = 'public' | 'user' | 'staff' | 'admin';

/** An answer other than JSON: a file download, a page, a redirect. */
export interface OtherAnswer {
  contentType: string;
  description: string;
}

export interface ApiRoute {
  method: HttpMethod;
  /** Under /api, Express style: `/orders/:id`. */
  path: string;
  summary: string;
  /** The docs' section. */
  tag: string;
  access: Access;
  /** Mounted only with this setting: PAYMENT_PROVIDER=stripe, or an OpenID Connect provider configured. */
  onlyWith?: 'stripe' | 'oidc';
  params?: z.ZodObject;
  query?: z.ZodType;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** A multipart/form-data body (file upload). */
  multipart?: z.ZodObject;
  /** Success answers by status: a schema of the JSON body, null for no body, or another content type. */
  answers: Record<number, z.ZodType | null | OtherAnswer>;
}

const id = z.object({ id: z.string().meta({ description: 'A UUID; anything else is a 404.' }) });
const orderId = z.object({ orderId: z.string() });
const slug = z.object({ slug: z.string() });
const pdf: OtherAnswer = { contentType: 'application/pdf', description: 'The proof document (PDF).' };

export const API_ROUTES: ApiRoute[] = [
  // --- Accounts ------------------------------------------------------------------------
  {
    method: 'post',
    path: '/auth/register',
    tag: 'Accounts',
    access: 'public',
    summary: 'Create a customer account and sign in (session cookie).',
    body: registerBody,
    answers: { 201: signInAnswer },
  },
  {
    method: 'post',
    path: '/auth/login',
    tag: 'Accounts',
    access: 'public',
    summary: 'Sign in with email and password (session cookie).',
    body: loginBody,
    answers: { 200: signInAnswer },
  },
  {
    method: 'post',
    path: '/auth/logout',
    tag: 'Accounts',
    access: 'public',
    summary: 'Sign out: the session ends and its cookie is cleared.',
    answers: { 204: null },
  },
  { method: 'get', path: '/auth/me', tag: 'Accounts', access: 'user', summary: 'The signed-in person.', answers: { 200: userAnswer } },
  {
    method: 'get',
    path: '/auth/providers',
    tag: 'Accounts',
    access: 'public',
    summary: 'Sign-in providers other than email and password.',
    answers: { 200: z.array(authProvider) },
  },
  {
    method: 'get',
    path: '/auth/oidc/page.css',
    tag: 'Accounts',
    access: 'public',
    onlyWith: 'oidc',
    summary: 'The style of the sign-in failure page.',
    answers: { 200: { contentType: 'text/css', description: 'Style sheet.' } },
  },
  {
    method: 'get',
    path: '/auth/oidc/login',
    tag: 'Accounts',
    access: 'public',
    onlyWith: 'oidc',
    summary: 'Start signing in with the OpenID Connect provider (redirect).',
    answers: { 302: { contentType: 'text/plain', description: 'Redirect to the provider.' } },
  },
  {
    method: 'get',
    path: '/auth/oidc/callback',
    tag: 'Accounts',
    access: 'public',
    onlyWith: 'oidc',
    summary: 'The provider sends the person back here (redirect to the shop, or a failure page).',
    answers: {
      302: { contentType: 'text/plain', description: 'Signed in: redirect to the shop.' },
      400: { contentType: 'text/html', description: 'Sign-in failed: a page saying why.' },
    },
  },
  {
    method: 'post',
    path: '/auth/password/forgot',
    tag: 'Accounts',
    access: 'public',
    summary: 'Mail a password-reset link (the same answer whether the address is known or not).',
    body: forgotBody,
    answers: { 202: statusAnswer },
  },
  {
    method: 'post',
    path: '/auth/password/reset',
    tag: 'Accounts',
    access: 'public',
    summary: 'Set a new password with a reset link’s token; every session ends.',
    body: resetBody,
    answers: { 200: statusAnswer },
  },
  {
    method: 'post',
    path: '/auth/email/verify',
    tag: 'Accounts',
    access: 'public',
    summary: 'Use an email-verification link’s token.',
    body: verifyBody,
    answers: { 200: userAnswer },
  },
  { method: 'post', path: '/auth/email/resend', tag: 'Accounts', access: 'user', summary: 'Mail a new verification link.', answers: { 202: statusAnswer } },
  {
    method: 'get',
    path: '/account',
    tag: 'Accounts',
    access: 'user',
    summary: 'My account: profile, how I sign in, since when.',
    answers: { 200: accountSummary },
  },
  {
    method: 'patch',
    path: '/account',
    tag: 'Accounts',
    access: 'user',
    summary: 'Change my name or language.',
    body: profilePatch,
    answers: { 200: userAnswer },
  },
  {
    method: 'post',
    path: '/account/password',
    tag: 'Accounts',
    access: 'user',
    summary: 'Change my password; my other sessions end.',
    body: passwordChangeBody,
    answers: { 200: statusAnswer },
  },
  {
    method: 'get',
    path: '/account/export',
    tag: 'Accounts',
    access: 'user',
    summary: 'Download all my data (JSON attachment).',
    answers: { 200: personalData },
  },
  {
    method: 'delete',
    path: '/account',
    tag: 'Accounts',
    access: 'user',
    summary: 'Delete my account (password, or the email typed again for an account without one).',
    body: deletionBody,
    answers: { 204: null },
  },

  // --- Catalogue -----------------------------------------------------------------------
  {
    method: 'get',
    path: '/products',
    tag: 'Catalogue',
    access: 'public',
    summary:
      'Products on sale, searched (French stemming, accents and case ignored, typos, keywords; English texts with `lang=en`) and ordered by `sort` (relevance by default with `q`), paginated (ETag, cached ~1 s).',
    query: productListQuery,
    answers: { 200: productPage },
  },
  { method: 'get', path: '/products/:id', tag: 'Catalogue', access: 'public', summary: 'One product on sale.', params: id, answers: { 200: product } },
  {
    method: 'get',
    path: '/categories',
    tag: 'Catalogue',
    access: 'public',
    summary: 'Categories in display order, named in the asked language (`lang`, else Accept-Language).',
    query: publicCategoryQuery,
    answers: { 200: z.array(category) },
  },
  {
    method: 'get',
    path: '/centres',
    tag: 'Catalogue',
    access: 'public',
    summary:
      'Active pick-up centres with their hours and whether they are open now (Paris time). With `near=LAT,LNG`, `postcode` or `town` (French communes, resolved offline): sorted by distance, each with `distanceKm`; an unknown postcode or town is 400 validation_failed.',
    query: centreListQuery,
    answers: { 200: z.array(centre) },
  },

  // --- Cart and orders -----------------------------------------------------------------
  {
    method: 'get',
    path: '/cart',
    tag: 'Orders',
    access: 'public',
    summary: 'My cart: the account’s, or a guest’s (cookie `ps_cart`); empty when there is none yet.',
    answers: { 200: cart },
  },
  {
    method: 'put',
    path: '/cart/items/:productId',
    tag: 'Orders',
    access: 'public',
    summary:
      'Set a line’s quantity (0 removes it) and gift choice; a guest’s first change opens a guest cart (429 past GUEST_CARTS_PER_MINUTE per address). A quantity above the stock or a limit is cut and said in `adjusted`; a product off sale is not added (`off_sale`).',
    params: z.object({ productId: z.string() }),
    body: cartItemBody,
    answers: { 200: cart },
  },
  { method: 'delete', path: '/cart', tag: 'Orders', access: 'public', summary: 'Empty my cart (account or guest).', answers: { 204: null } },
  {
    method: 'post',
    path: '/orders',
    tag: 'Orders',
    access: 'user',
    summary: 'Place an order: stock held, payment started.',
    headers: z.object({ 'Idempotency-Key': idempotencyKey.optional() }),
    body: placeOrderBody,
    answers: { 201: placedOrder },
  },
  {
    method: 'get',
    path: '/orders',
    tag: 'Orders',
    access: 'user',
    summary: 'My orders, newest first (system history messages in `lang`, else Accept-Language).',
    query: publicCategoryQuery,
    answers: { 200: ownOrders },
  },
  {
    method: 'get',
    path: '/orders/:id',
    tag: 'Orders',
    access: 'user',
    summary: 'One of my orders (system history messages in `lang`, else Accept-Language).',
    params: id,
    query: publicCategoryQuery,
    answers: { 200: order },
  },
  {
    method: 'patch',
    path: '/orders/:id',
    tag: 'Orders',
    access: 'user',
    summary: 'Move my pickup slot (before the order is collected): same capacity rule as placing (409 slot_full with details.next).',
    params: id,
    body: moveSlotBody,
    answers: { 200: order },
  },
  {
    method: 'get',
    path: '/centres/:id/slots',
    tag: 'Centres',
    access: 'public',
    summary:
      'The pickup slots of a centre (from its hours, PICKUP_LEAD_HOURS after now up to PICKUP_DAYS_AHEAD days), with the places left; empty for a centre without slots.',
    params: id,
    query: slotQuery,
    answers: { 200: z.array(pickupSlot) },
  },
  {
    method: 'post',
    path: '/orders/:id/cancel',
    tag: 'Orders',
    access: 'user',
    summary: 'Cancel my order while nothing is prepared.',
    params: id,
    answers: { 200: order },
  },
  {
    method: 'post',
    path: '/orders/:id/reorder',
    tag: 'Orders',
    access: 'user',
    summary:
      'Put my canceled (or expired) order back in my cart: what is still sold, quantities added and capped, cuts said in `adjusted`. 409 `invalid_transition` for an order not canceled.',
    params: id,
    answers: { 200: cart },
  },
  {
    method: 'get',
    path: '/orders/:id/proof',
    tag: 'Orders',
    access: 'user',
    summary: 'The proof document of my processed order.',
    params: id,
    answers: { 200: pdf },
  },
  {
    method: 'post',
    path: '/orders/:orderId/pay',
    tag: 'Payments',
    access: 'user',
    summary: 'Pay an unpaid order again (a new payment page).',
    params: orderId,
    answers: { 200: placedOrder },
  },
  {
    method: 'post',
    path: '/payments/demo/:orderId',
    tag: 'Payments',
    access: 'user',
    summary: 'The demo provider’s payment page answers (demo provider only: 404 otherwise).',
    params: orderId,
    body: demoPaymentBody,
    answers: { 200: order },
  },
  {
    method: 'post',
    path: '/payments/stripe/webhook',
    tag: 'Payments',
    access: 'public',
    onlyWith: 'stripe',
    summary: 'Stripe’s signed events (raw body, Stripe-Signature header).',
    answers: { 200: webhookAnswer },
  },
  {
    method: 'get',
    path: '/proofs/:token',
    tag: 'Orders',
    access: 'public',
    summary: 'Check a proof’s QR code link.',
    params: z.object({ token: z.string() }),
    answers: { 200: proofCheck },
  },

  // --- Staff ---------------------------------------------------------------------------
  {
    method: 'get',
    path: '/staff/orders',
    tag: 'Staff',
    access: 'staff',
    summary: 'Orders by status, searched by number, name or email, with counts per status.',
    query: staffOrderQuery,
    answers: { 200: orderPage },
  },
  {
    method: 'get',
    path: '/staff/orders/:id',
    tag: 'Staff',
    access: 'staff',
    summary: 'One order, with the moves staff may make.',
    params: id,
    answers: { 200: staffOrderDetail },
  },
  {
    method: 'post',
    path: '/staff/orders/:id/status',
    tag: 'Staff',
    access: 'staff',
    summary:
      'Move an order (expectedVersion: 409 conflict if it changed meanwhile). `note` is internal (staff only); `customerMessage` is shown to the customer and mailed.',
    params: id,
    body: statusChangeBody,
    answers: { 200: staffOrderDetail },
  },
  {
    method: 'post',
    path: '/staff/pickups',
    tag: 'Staff',
    access: 'staff',
    summary:
      'A pickup code shown at the centre: the order becomes collected; `handOver` lists the customer lines and whether gifts stay for the centre. 404 unknown code; 409 invalid_transition before delivered or once collected (when and by whom in details).',
    body: pickupBody,
    answers: {
      200: staffOrderDetail.extend({ handOver: z.object({ items: z.array(orderItem), giftsStayForCentre: z.boolean() }) }),
    },
  },
  {
    method: 'post',
    path: '/staff/orders/:id/ack',
    tag: 'Staff',
    access: 'staff',
    summary: 'Acknowledge a new order for every staff screen (the first acknowledgement is kept); staff hear order:acknowledged.',
    params: id,
    answers: { 200: staffOrderDetail },
  },
  {
    method: 'get',
    path: '/staff/dashboard',
    tag: 'Staff',
    access: 'staff',
    summary: 'The day at a glance (Paris day): orders per status and centre, paid orders waiting longest, payments received; admins also get the week.',
    answers: { 200: staffDashboard },
  },
  {
    method: 'get',
    path: '/staff/pickups',
    tag: 'Staff',
    access: 'staff',
    summary:
      'The day of pickups (Paris day, today by default; one centre or all): per centre and slot, expected / collected / missing and the orders with their version, for the pickup mode.',
    query: pickupDayQuery,
    answers: { 200: pickupDay },
  },
  {
    method: 'get',
    path: '/staff/pickups/day.pdf',
    tag: 'Staff',
    access: 'staff',
    summary: 'The same day of pickups as a printable PDF (the paper fallback).',
    query: pickupDayQuery,
    answers: { 200: { contentType: 'application/pdf', description: 'The list of the day (PDF).' } },
  },
  {
    method: 'get',
    path: '/staff/orders/:id/proof',
    tag: 'Staff',
    access: 'staff',
    summary: 'The proof document of a processed order.',
    params: id,
    answers: { 200: pdf },
  },
  {
    method: 'get',
    path: '/staff/payments',
    tag: 'Staff',
    access: 'staff',
    summary: 'Payments, newest first, with the day’s and week’s totals.',
    query: paymentsQuery,
    answers: { 200: paymentPage },
  },

  // --- Admin ---------------------------------------------------------------------------
  {
    method: 'get',
    path: '/admin/setup',
    tag: 'Admin',
    access: 'admin',
    summary: 'What a fresh install still lacks (first-run checklist).',
    answers: { 200: setupCounts },
  },
  {
    method: 'get',
    path: '/admin/products',
    tag: 'Admin',
    access: 'admin',
    summary: 'Every product, on sale or not.',
    query: adminProductQuery,
    answers: { 200: paged(adminProduct) },
  },
  {
    method: 'get',
    path: '/admin/products/:id',
    tag: 'Admin',
    access: 'admin',
    summary: 'One product with its last stock movements.',
    params: id,
    answers: { 200: adminProductDetail },
  },
  {
    method: 'post',
    path: '/admin/products',
    tag: 'Admin',
    access: 'admin',
    summary: 'Create a product.',
    body: createProductBody,
    answers: { 201: adminProduct },
  },
  {
    method: 'patch',
    path: '/admin/products/:id',
    tag: 'Admin',
    access: 'admin',
    summary: 'Edit a product.',
    params: id,
    body: updateProductBody,
    answers: { 200: adminProduct },
  },
  {
    method: 'delete',
    path: '/admin/products/:id',
    tag: 'Admin',
    access: 'admin',
    summary: 'Withdraw a product from sale (kept for past orders).',
    params: id,
    answers: { 200: adminProduct },
  },
  {
    method: 'post',
    path: '/admin/products/:id/stock',
    tag: 'Admin',
    access: 'admin',
    summary: 'Adjust the stock, with a reason.',
    params: id,
    body: stockAdjustmentBody,
    answers: { 200: adminProduct },
  },
  {
    method: 'post',
    path: '/admin/products/:id/image',
    tag: 'Admin',
    access: 'admin',
    summary: 'Upload the product’s image (multipart field `image`).',
    params: id,
    multipart: productImageUpload,
    answers: { 200: adminProduct },
  },
  {
    method: 'get',
    path: '/admin/categories',
    tag: 'Admin',
    access: 'admin',
    summary: 'Categories with their product counts.',
    answers: { 200: z.array(adminCategory) },
  },
  {
    method: 'post',
    path: '/admin/categories',
    tag: 'Admin',
    access: 'admin',
    summary: 'Create a category.',
    body: createCategoryBody,
    answers: { 201: adminCategory },
  },
  {
    method: 'patch',
    path: '/admin/categories/:slug',
    tag: 'Admin',
    access: 'admin',
    summary: 'Rename or move a category.',
    params: slug,
    body: updateCategoryBody,
    answers: { 200: adminCategory },
  },
  {
    method: 'delete',
    path: '/admin/categories/:slug',
    tag: 'Admin',
    access: 'admin',
    summary: 'Delete an empty category.',
    params: slug,
    answers: { 204: null },
  },
  { method: 'get', path: '/admin/centres', tag: 'Admin', access: 'admin', summary: 'Every centre, active or not.', answers: { 200: z.array(adminCentre) } },
  { method: 'post', path: '/admin/centres', tag: 'Admin', access: 'admin', summary: 'Create a centre.', body: createCentreBody, answers: { 201: adminCentre } },
  {
    method: 'patch',
    path: '/admin/centres/:id',
    tag: 'Admin',
    access: 'admin',
    summary: 'Edit or (de)activate a centre.',
    params: id,
    body: updateCentreBody,
    answers: { 200: adminCentre },
  },
  {
    method: 'get',
    path: '/admin/users',
    tag: 'Admin',
    access: 'admin',
    summary: 'People, searched by name or email, filtered by role.',
    query: adminUserQuery,
    answers: { 200: paged(adminUser) },
  },
  {
    method: 'get',
    path: '/admin/users/:id',
    tag: 'Admin',
    access: 'admin',
    summary: 'One person with their orders.',
    params: id,
    answers: { 200: adminUserDetail },
  },
  {
    method: 'patch',
    path: '/admin/users/:id',
    tag: 'Admin',
    access: 'admin',
    summary: 'Change a person’s role or disable the account.',
    params: id,
    body: adminUserPatch,
    answers: { 200: adminUser },
  },
  {
    method: 'get',
    path: '/admin/orders',
    tag: 'Admin',
    access: 'admin',
    summary: 'Orders, as staff see them.',
    query: staffOrderQuery,
    answers: { 200: orderPage },
  },
  {
    method: 'get',
    path: '/admin/orders.csv',
    tag: 'Admin',
    access: 'admin',
    summary: 'The same orders as a CSV download.',
    query: staffOrderQuery,
    answers: { 200: { contentType: 'text/csv', description: 'One line per order.' } },
  },
  {
    method: 'get',
    path: '/admin/audit',
    tag: 'Admin',
    access: 'admin',
    summary: 'The audit trail, newest first.',
    query: auditQuery,
    answers: { 200: paged(auditEntry) },
  },

  // --- This description ----------------------------------------------------------------
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Docs',
    access: 'public',
    summary: 'This API as an OpenAPI 3.1 document.',
    answers: { 200: z.record(z.string(), z.unknown()) },
  },
  {
    method: 'get',
    path: '/docs',
    tag: 'Docs',
    access: 'public',
    summary: 'This API as a readable page.',
    answers: { 200: { contentType: 'text/html', description: 'The routes, their parameters and answers.' } },
  },
];
