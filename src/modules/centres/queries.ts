import type { Queryable } from '../../db/index.ts';
import type { Centre } from '../../contract/index.ts';
import { isUuid } from '../../shared/ids.ts';

export type { Centre } from '../../contract/index.ts';

interface CentreRow {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  opening_hours: string;
  lat: number;
  lng: number;
}

export const CENTRE_COLUMNS = 'id, name, address, postcode, city, opening_hours, lat, lng';

export const toCentre = (r: CentreRow): Centre => ({
  id: r.id,
  name: r.name,
  address: r.address,
  postcode: r.postcode,
  city: r.city,
  openingHours: r.opening_hours,
  lat: r.lat,
  lng: r.lng,
});

export async function listActiveCentres(db: Queryable): Promise<Centre[]> {
  const r = await db.query<CentreRow>(`SELECT ${CENTRE_COLUMNS} FROM centres WHERE active ORDER BY city, name`);
  return r.rows.map(toCentre);
}

export async function findActiveCentre(db: Queryable, id: string): Promise<Centre | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.query<CentreRow>(`SELECT ${CENTRE_COLUMNS} FROM centres WHERE id = $1 AND active`, [id]);
  return r.rows[0] && toCentre(r.rows[0]);
}

/** These centres, active or not (an order keeps its centre after the centre closes), by id. */
export async function centresByIds(db: Queryable, ids: Iterable<string>): Promise<Map<string, Centre>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const r = await db.query<CentreRow>(`SELECT ${CENTRE_COLUMNS} FROM centres WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(r.rows.map((c) => [c.id, toCentre(c)]));
}

/** Centres where customers can pick up orders (the first-run checklist asks for one). */
export async function countActiveCentres(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM centres WHERE active');
  return r.rows[0]?.n ?? 0;
}

export async function insertCentre(db: Queryable, c: Omit<Centre, 'id'>): Promise<Centre> {
  const r = await db.query<CentreRow>(
    `INSERT INTO centres (name, address, postcode, city, opening_hours, lat, lng)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${CENTRE_COLUMNS}`,
    [c.name, c.address, c.postcode, c.city, c.openingHours, c.lat, c.lng],
  );
  return toCentre(r.rows[0]!);
}
