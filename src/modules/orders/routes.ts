import { Router } from 'express';
import { requireUser, userOf } from '../auth/index.ts';
import { parse } from '../../shared/validate.ts';
import { idempotencyKey, placeOrderBody } from '../../contract/index.ts';
import type { OrdersService } from './service.ts';
import { historyInLanguage } from './system-notes.ts';
import { readingLanguage } from '../../shared/language.ts';

/** Customer routes: place, list, read and cancel one's own orders. */
export function orderRoutes(orders: OrdersService): Router {
  const r = Router();
  r.use('/orders', requireUser);

  r.post('/orders', async (req, res) => {
    const body = parse(placeOrderBody, req.body);
    const header = req.get('idempotency-key');
    const key = header === undefined ? undefined : parse(idempotencyKey, header);
    const result = await orders.placeOrder(userOf(req), body, key);
    res.status(201).json(result);
  });

  // An order's history messages follow the reader's language (lang=, else Accept-Language).
  r.get('/orders', async (req, res) => {
    const lang = readingLanguage(req);
    res.setHeader('Vary', 'Accept-Language');
    res.json({ items: (await orders.listForUser(userOf(req).id)).map((o) => historyInLanguage(o, lang)) });
  });

  r.get('/orders/:id', async (req, res) => {
    const lang = readingLanguage(req);
    res.setHeader('Vary', 'Accept-Language');
    res.json(historyInLanguage(await orders.getForUser(userOf(req).id, req.params.id), lang));
  });

  r.post('/orders/:id/cancel', async (req, res) => {
    res.json(historyInLanguage(await orders.cancelByCustomer(userOf(req).id, req.params.id), readingLanguage(req)));
  });

  r.post('/orders/:id/reorder', async (req, res) => {
    res.json(await orders.reorder(userOf(req).id, req.params.id));
  });

  return r;
}
