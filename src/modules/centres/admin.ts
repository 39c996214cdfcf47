import { Router } from 'express';
import { createCentreBody as createBody, updateCentreBody as patchBody } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse } from '../../shared/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAdmin, userOf } from '../auth/index.ts';
import { CENTRE_COLUMNS, toCentre } from './queries.ts';

type Row = Parameters<typeof toCentre>[0] & { active: boolean };
const toAdminCentre = (r: Row) => ({ ...toCentre(r), active: r.active });

/** Admin management of centres. A deactivated centre leaves checkout; past orders keep it. */
export function adminCentreRoutes(db: Database): Router {
  const r = Router();
  r.use('/admin/centres', requireAdmin);

  r.get('/admin/centres', async (_req, res) => {
    const { rows } = await db.query<Row>(`SELECT ${CENTRE_COLUMNS}, active FROM centres ORDER BY active DESC, city, name`);
    res.json(rows.map(toAdminCentre));
  });

  r.post('/admin/centres', async (req, res) => {
    const b = parse(createBody, req.body);
    const actor = userOf(req);
    const centre = await db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `INSERT INTO centres (name, address, postcode, city, opening_hours, lat, lng, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${CENTRE_COLUMNS}, active`,
        [b.name, b.address, b.postcode, b.city, b.openingHours, b.lat, b.lng, b.active],
      );
      const view = toAdminCentre(rows[0]!);
      await recordAudit(tx, { actor, action: 'centre.create', entityType: 'centre', entityId: view.id, after: view });
      return view;
    });
    res.status(201).json(centre);
  });

  r.patch('/admin/centres/:id', async (req, res) => {
    const b = parse(patchBody, req.body);
    const actor = userOf(req);
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const centre = await db.transaction(async (tx) => {
      const found = await tx.query<Row>(`SELECT ${CENTRE_COLUMNS}, active FROM centres WHERE id = $1 FOR UPDATE`, [id]);
      if (!found.rows[0]) throw notFound();
      const before = toAdminCentre(found.rows[0]);
      const next = { ...before, ...b };
      const { rows } = await tx.query<Row>(
        `UPDATE centres SET name = $2, address = $3, postcode = $4, city = $5, opening_hours = $6, lat = $7, lng = $8, active = $9, updated_at = now()
          WHERE id = $1 RETURNING ${CENTRE_COLUMNS}, active`,
        [id, next.name, next.address, next.postcode, next.city, next.openingHours, next.lat, next.lng, next.active],
      );
      const view = toAdminCentre(rows[0]!);
      await recordAudit(tx, { actor, action: 'centre.update', entityType: 'centre', entityId: id, before, after: view });
      return view;
    });
    res.json(centre);
  });

  return r;
}
