/**
 * The API contract, in one place: zod schemas of every request (body, query) and answer, the
 * types inferred from them, the closed lists, and the Socket.IO event maps. The server
 * validates requests with these schemas and types its answers with these types; the front
 * ends and the tests import the TYPES only (`import type`), so neither zod nor server code
 * reaches a browser bundle (the closed lists of ./enums.ts are the one run-time exception:
 * plain constants). routes.ts lists every /api route with its schemas, and the OpenAPI
 * document (GET /api/openapi.json) is generated from it.
 */
export * from './enums.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './catalog.ts';
export * from './centres.ts';
export * from './cart.ts';
export * from './orders.ts';
export * from './payments.ts';
export * from './admin.ts';
export * from './pages.ts';
export * from './stock-alerts.ts';
export * from './account.ts';
export * from './giving.ts';
export * from './receipts.ts';
export * from './pickup.ts';
export type * from './socket.ts';
