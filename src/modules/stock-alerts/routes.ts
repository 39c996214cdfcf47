import { Router } from 'express';
import { parse } from '../../shared/validate.ts';
import { stockAlertUnsubscribeBody } from '../../contract/index.ts';
import { requireUser, userOf } from '../auth/index.ts';
import type { StockAlerts } from './service.ts';

/**
 *   GET /api/stock-alerts   PUT /api/stock-alerts/:productId   DELETE /api/stock-alerts/:productId   (signed in)
 *   POST /api/stock-alerts/unsubscribe {token}   (anyone with the mail's signed link)
 */
export function stockAlertRoutes(alerts: StockAlerts): Router {
  const r = Router();

  r.post('/stock-alerts/unsubscribe', async (req, res) => {
    const body = parse(stockAlertUnsubscribeBody, req.body);
    res.json({ removed: await alerts.stopAll(body.token) });
  });

  r.get('/stock-alerts', requireUser, async (req, res) => {
    res.json(await alerts.list(userOf(req).id));
  });

  r.put('/stock-alerts/:productId', requireUser, async (req, res) => {
    res.json(await alerts.subscribe(userOf(req).id, String(req.params.productId)));
  });

  r.delete('/stock-alerts/:productId', requireUser, async (req, res) => {
    await alerts.unsubscribe(userOf(req).id, String(req.params.productId));
    res.status(204).end();
  });

  return r;
}
