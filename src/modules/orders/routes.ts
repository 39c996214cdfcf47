import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { requireUser, userOf } from '../auth/index.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { moveSlotBody, placeOrderBody, slotQuery } from '../../contract/index.ts';
import { listSlots, type PickupSettings } from './pickup.ts';
import type { OrdersService } from './service.ts';
import { historyInLanguage } from './system-notes.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { readingLanguage } from '../../shared/language.ts';

/** Customer routes: place, list, read and cancel one's own orders; a centre's pickup slots. */
export function orderRoutes(orders: OrdersService, pickup: { db: Database; clock: Clock; pickup: PickupSettings }): Router {
  const r = Router();
  // Public: the slots a centre offers and the places left (orders count them, so orders answer).
  r.get('/centres/:id/slots', async (req, res) => {
    const query = parseQuery(slotQuery, req.query);
    res.json(await listSlots(pickup.db, String(req.params.id), pickup.clock.now(), pickup.pickup, query));
  });

  r.use('/orders', requireUser);

  r.post('/orders', async (req, res) => {
    const body = parse(placeOrderBody, req.body);
    const result = await orders.placeOrder(userOf(req), body, idempotencyKeyOf(req));
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

  r.patch('/orders/:id', async (req, res) => {
    const body = parse(moveSlotBody, req.body);
    res.json(historyInLanguage(await orders.moveSlot(userOf(req).id, req.params.id, body.pickupSlotStart), readingLanguage(req)));
  });

  r.post('/orders/:id/cancel', async (req, res) => {
    res.json(historyInLanguage(await orders.cancelByCustomer(userOf(req).id, req.params.id), readingLanguage(req)));
  });

  r.post('/orders/:id/reorder', async (req, res) => {
    res.json(await orders.reorder(userOf(req).id, req.params.id));
  });

  return r;
}
