import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { z } from 'zod';
import { errorAnswer } from '../contract/common.ts';
import { API_ROUTES, type ApiRoute, type OtherAnswer } from '../contract/routes.ts';
import { ERRORS } from '../shared/errors.ts';
import { escapeHtml } from '../shared/html.ts';

/**
 * The machine-readable description of the API (OpenAPI 3.1), generated from the contract's
 * route list and zod schemas by zod's own JSON Schema generator (`z.toJSONSchema`, draft
 * 2020-12: the dialect of OpenAPI 3.1), and the same list as a readable page. Nothing here
 * is written by hand but the prose; a schema changed in src/contract changes the document.
 */

type JsonSchema = Record<string, unknown>;
type Document = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; [key: string]: unknown };
};

const COMPONENT_REF = '#/components/schemas/';

/** `/orders/:id` → `/orders/{id}` (OpenAPI path templates). */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const isOther = (a: unknown): a is OtherAnswer => typeof a === 'object' && a !== null && 'contentType' in a && !(a instanceof z.ZodType);

/**
 * One schema as JSON Schema. Named schemas (`.meta({id})`) land in `components.schemas` and
 * are referred to from there, so Order, Product… are described once.
 */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  const text = JSON.stringify(json).replaceAll('"#/$defs/', `"${COMPONENT_REF}`);
  const out = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema>; $schema?: string; id?: string };
  for (const [name, def] of Object.entries(out.$defs ?? {})) {
    // A name used for input and output may differ (defaults make input fields optional): suffix the input one.
    components[name] ??= def;
  }
  delete out.$defs;
  delete out.$schema;
  // A named schema at the top is referred to, not repeated.
  if (typeof out.id === 'string') {
    const { id, ...rest } = out;
    components[id] ??= rest;
    return { $ref: `${COMPONENT_REF}${id}` };
  }
  return out;
}

function parameters(route: ApiRoute, components: Record<string, JsonSchema>) {
  const list: Array<Record<string, unknown>> = [];
  const add = (where: 'path' | 'query' | 'header', schema: z.ZodType | undefined) => {
    if (!schema) return;
    const json = toSchema(schema, 'input', components) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const { description, ...propSchema } = prop as JsonSchema & { description?: string };
      list.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: propSchema,
        ...(description ? { description } : {}),
      });
    }
  };
  add('path', route.params);
  add('query', route.query);
  add('header', route.headers);
  return list;
}

/** The error answers a route may give, from what it takes and who may call it. */
function errorStatuses(route: ApiRoute): Record<string, string> {
  const out: Record<string, string> = {};
  if (route.body || route.query || route.multipart) out['400'] = 'Invalid input (`validation_failed`, details: [{field, message}]).';
  if (route.access !== 'public') out['401'] = 'Not signed in (`unauthenticated`).';
  if (route.access === 'staff' || route.access === 'admin') out['403'] = 'Signed in without the role (`forbidden`).';
  if (route.params) out['404'] = 'No such resource, or not yours (`not_found`).';
  return out;
}

export function buildOpenApiDocument(version: string): Document {
  const components: Record<string, JsonSchema> = {};
  const paths: Document['paths'] = {};
  const errorRef = toSchema(errorAnswer, 'output', components);
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

  for (const route of API_ROUTES) {
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(route.answers)) {
      if (answer === null) responses[status] = { description: 'No content.' };
      else if (isOther(answer)) responses[status] = { description: answer.description, content: { [answer.contentType]: { schema: { type: 'string' } } } };
      else responses[status] = { description: 'Success.', content: { 'application/json': { schema: toSchema(answer, 'output', components) } } };
    }
    for (const [status, description] of Object.entries(errorStatuses(route))) responses[status] ??= errorResponse(description);
    responses.default = errorResponse('Any other error, in the same shape; the codes are listed in components.schemas.ErrorCode.');

    const operation: Record<string, unknown> = {
      operationId: `${route.method}${openApiPath(route.path)
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public' ? { security: [] } : {}),
      'x-access': route.access,
      ...(route.onlyWith ? { 'x-only-with': route.onlyWith } : {}),
      parameters: parameters(route, components),
      responses,
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input', components) } } };
    if (route.multipart)
      operation.requestBody = { required: true, content: { 'multipart/form-data': { schema: toSchema(route.multipart, 'input', components) } } };
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation };
  }

  components.ErrorCode = {
    type: 'string',
    enum: Object.keys(ERRORS),
    description: Object.entries(ERRORS)
      .map(([code, e]) => `${code}: ${e.status}`)
      .join(', '),
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Panier Solidaire API',
      version,
      description:
        'The HTTP API of Panier Solidaire. JSON in and out; the session is a cookie set by /auth/login or /auth/register. ' +
        'Writes must come from the same origin. Every failure answers `{"error": {"code", "message", "details"}}`. ' +
        'Live updates come over Socket.IO on the same origin (see API.md "Realtime").',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/api' }],
    security: [{ session: [] }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ps_session', description: 'The session cookie.' } },
    },
  };
}

const ACCESS_LABEL: Record<ApiRoute['access'], string> = { public: 'anyone', user: 'signed in', staff: 'staff', admin: 'admin' };

/** The document as a plain page: no script, no inline style (the strict CSP applies here too). */
export function renderDocsPage(doc: Document): string {
  const sections = new Map<string, string[]>();
  for (const route of API_ROUTES) {
    const op = doc.paths[openApiPath(route.path)]![route.method] as {
      parameters: Array<{ name: string; in: string; required: boolean }>;
      responses: Record<string, unknown>;
    };
    const params = op.parameters.map((p) => `${p.in} <code>${escapeHtml(p.name)}</code>${p.required ? '' : '?'}`).join(', ');
    const body = route.body ? 'JSON' : route.multipart ? 'multipart' : '';
    const answers = Object.keys(op.responses)
      .filter((s) => s !== 'default')
      .join(' ');
    const row =
      `<tr><td><code>${route.method.toUpperCase()}</code></td><td><code>/api${escapeHtml(route.path)}</code></td>` +
      `<td>${escapeHtml(route.summary)}${route.onlyWith ? ` <em>(only with ${escapeHtml(route.onlyWith)})</em>` : ''}</td>` +
      `<td>${ACCESS_LABEL[route.access]}</td><td>${params}</td><td>${body}</td><td>${escapeHtml(answers)}</td></tr>`;
    sections.set(route.tag, [...(sections.get(route.tag) ?? []), row]);
  }
  const tables = [...sections]
    .map(
      ([tag, rows]) =>
        `<section><h2>${escapeHtml(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who</th><th>Parameters</th><th>Body</th><th>Answers</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    )
    .join('\n');
  const info = doc.info as { title: string; version: string; description: string };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title></head>
<body><main>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Schemas of every body and answer are there.</p>
${tables}
</main></body></html>`;
}

/** The version the document states: the package's. */
const packageVersion = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** GET /api/openapi.json and GET /api/docs, built once (the contract does not change while running). */
export function apiDocsRoutes(version = packageVersion()): Router {
  const doc = buildOpenApiDocument(version);
  const json = JSON.stringify(doc);
  const page = renderDocsPage(doc);
  const r = Router();
  r.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(json);
  });
  r.get('/docs', (_req, res) => {
    res.type('text/html').send(page);
  });
  return r;
}
