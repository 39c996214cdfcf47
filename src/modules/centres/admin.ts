import { Router } from 'express';
import { z } from 'zod';
import { stripBidiControls } from '../../shared/text.ts';
import type { Database } from '../../db/index.ts';
import { parse } from '../../shared/validate.ts';
import { requireAdmin, userOf } from '../auth/index.ts';
import { createCentreAdmin } from './admin-service.ts';

const fields = {
  name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(120),
  address: z.string().trim().min(1, 'L’adresse est requise.').max(200),
  postcode: z.string().trim().regex(/^\d{5}$/, 'Code postal à 5 chiffres.'),
  city: z.string().trim().min(1).max(100),
  openingHours: z.string().trim().max(300),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  active: z.boolean(),
};
const createBody = z.object({ ...fields, openingHours: fields.openingHours.default(''), active: fields.active.default(true) });
const patchBody = z.object(fields).partial().refine((b) => Object.keys(b).length > 0, 'Rien à modifier.');

/** Admin management of centres. A deactivated centre leaves checkout; past orders keep it. */
export function adminCentreRoutes(db: Database): Router {
  const centres = createCentreAdmin(db);
  const r = Router();
  r.use('/admin/centres', requireAdmin);

  r.get('/admin/centres', async (_req, res) => {
    res.json(await centres.list());
  });

  r.post('/admin/centres', async (req, res) => {
    const b = parse(createBody, req.body);
    res.status(201).json(await centres.create(userOf(req), b));
  });

  r.patch('/admin/centres/:id', async (req, res) => {
    const b = parse(patchBody, req.body);
    res.json(await centres.update(userOf(req), String(req.params.id), b));
  });

  return r;
}
