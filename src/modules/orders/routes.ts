import { Router } from 'express';
import { requireUser, userOf } from '../auth/index.ts';
import { parse } from '../../shared/validate.ts';
import { idempotencyKey, placeOrderBody } from '../../contract/index.ts';
import type { OrdersService } from './service.ts';

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

  r.get('/orders', async (req, res) => {
    res.json({ items: await orders.listForUser(userOf(req).id) });
  });

  r.get('/orders/:id', async (req, res) => {
    res.json(await orders.getForUser(userOf(req).id, req.params.id));
  });

  r.post('/orders/:id/cancel', async (req, res) => {
    res.json(await orders.cancelByCustomer(userOf(req).id, req.params.id));
  });

  r.post('/orders/:id/reorder', async (req, res) => {
    res.json(await orders.reorder(userOf(req).id, req.params.id));
  });

  return r;
}
