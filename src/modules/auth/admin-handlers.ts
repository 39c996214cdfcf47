import { Router, type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import { parse, parseQuery } from '../../shared/validate.ts';
import { requireAdmin, userOf } from './middleware.ts';
import type { SessionUser } from './sessions.ts';

/*
 * The handlers the admin screens' routes share: each parses the request with the contract's
 * schema, acts as the signed-in person (the service audits it) and answers JSON. A route
 * with more to do keeps a handler of its own.
 */

const idParam = (req: Request): string => String(req.params.id);

/** A router whose routes under `path` (e.g. `/admin/centres`) are for admins only. */
export function adminRouter(path: string): Router {
  const r = Router();
  r.use(path, requireAdmin);
  return r;
}

/** GET a list: the query parsed by `schema`, the page `search` finds, with the page asked. */
export const searchHandler =
  <S extends z.ZodType<{ page: number; pageSize: number }>>(schema: S, search: (q: z.output<S>) => Promise<object>): RequestHandler =>
  async (req, res) => {
    const q = parseQuery(schema, req.query);
    res.json({ ...(await search(q)), page: q.page, pageSize: q.pageSize });
  };

/** GET one record: the one the path's `:id` names. */
export const readHandler =
  (read: (id: string) => Promise<unknown>): RequestHandler =>
  async (req, res) => {
    res.json(await read(idParam(req)));
  };

/** POST a new record: the body parsed by `schema`, created by the signed-in person; 201 with the record. */
export const createHandler =
  <S extends z.ZodType>(schema: S, create: (actor: SessionUser, body: z.output<S>) => Promise<unknown>): RequestHandler =>
  async (req, res) => {
    res.status(201).json(await create(userOf(req), parse(schema, req.body)));
  };

/** PATCH a record (or POST a change to it): the body parsed by `schema`, applied to the record the path names (`:id` unless `key` says). */
export const updateHandler =
  <S extends z.ZodType>(
    schema: S,
    update: (actor: SessionUser, key: string, body: z.output<S>) => Promise<unknown>,
    key: (req: Request) => string = idParam,
  ): RequestHandler =>
  async (req, res) => {
    res.json(await update(userOf(req), key(req), parse(schema, req.body)));
  };
