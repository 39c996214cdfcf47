import type { Database, Queryable } from '../../db/index.ts';
import type { AdminCentre, HoursException, Locale } from '../../contract/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { parisLocal } from './opening.ts';
import { CENTRE_COLUMNS, loadOpening, withOpening, writeOpening, type NewCentre } from './queries.ts';

type Row = Parameters<typeof withOpening>[0] & { active: boolean };

/** What an admin edits: a new centre's fields, plus its state, exceptions and pickup slots. */
export interface CentreFields extends NewCentre {
  active: boolean;
  exceptions: HoursException[];
  slotMinutes: number | null;
  slotCapacity: number | null;
}

/** Admin management of centres (hours and exceptions included), each change audited in its transaction. */
export function createCentreAdmin(db: Database, clock: Clock, lang: Locale = 'fr') {
  async function views(q: Queryable, rows: Row[]): Promise<AdminCentre[]> {
    const now = clock.now();
    const opening = await loadOpening(
      q,
      rows.map((r) => r.id),
      parisLocal(now).date,
    );
    return rows.map((r) => {
      const o = opening.get(r.id);
      return { ...withOpening(r, o, now, lang), active: r.active, exceptions: o?.exceptions ?? [] };
    });
  }

  return {
    async list(): Promise<AdminCentre[]> {
      const { rows } = await db.query<Row>(`SELECT ${CENTRE_COLUMNS}, active FROM centres ORDER BY active DESC, city, name`);
      return views(db, rows);
    },

    create(actor: AuditActor, b: CentreFields): Promise<AdminCentre> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO centres (name, address, postcode, city, opening_hours, lat, lng, active, slot_minutes, slot_capacity)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [b.name, b.address, b.postcode, b.city, b.openingHours, b.lat, b.lng, b.active, b.slotMinutes, b.slotCapacity],
        );
        const id = rows[0]!.id;
        await writeOpening(tx, id, { hours: b.hours, exceptions: b.exceptions });
        const view = (await views(tx, (await tx.query<Row>(`SELECT ${CENTRE_COLUMNS}, active FROM centres WHERE id = $1`, [id])).rows))[0]!;
        await recordAudit(tx, { actor, action: 'centre.create', entityType: 'centre', entityId: id, after: auditable(view) });
        return view;
      });
    },

    update(actor: AuditActor, id: string, b: Partial<CentreFields>): Promise<AdminCentre> {
      if (!isUuid(id)) throw notFound();
      return db.transaction(async (tx) => {
        const found = await tx.query<Row>(`SELECT ${CENTRE_COLUMNS}, active FROM centres WHERE id = $1 FOR UPDATE`, [id]);
        if (!found.rows[0]) throw notFound();
        const before = (await views(tx, found.rows))[0]!;
        const next = { ...before, ...b };
        await tx.query(
          `UPDATE centres SET name = $2, address = $3, postcode = $4, city = $5, opening_hours = $6, lat = $7, lng = $8, active = $9,
                  slot_minutes = $10, slot_capacity = $11, updated_at = now()
            WHERE id = $1`,
          [
            id,
            next.name,
            next.address,
            next.postcode,
            next.city,
            b.openingHours ?? found.rows[0].opening_hours,
            next.lat,
            next.lng,
            next.active,
            next.slotMinutes,
            next.slotCapacity,
          ],
        );
        await writeOpening(tx, id, { hours: b.hours, exceptions: b.exceptions });
        const view = (await views(tx, (await tx.query<Row>(`SELECT ${CENTRE_COLUMNS}, active FROM centres WHERE id = $1`, [id])).rows))[0]!;
        await recordAudit(tx, { actor, action: 'centre.update', entityType: 'centre', entityId: id, before: auditable(before), after: auditable(view) });
        return view;
      });
    },
  };
}

/** What the journal keeps of a centre: its data, not the moment's openNow / nextOpening. */
const auditable = ({ openNow: _o, nextOpening: _n, ...rest }: AdminCentre) => rest;
