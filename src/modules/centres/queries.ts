import type { Queryable } from '../../db/index.ts';
import type { Centre, CentreSummary, HoursException, HoursRange, Locale } from '../../contract/index.ts';
import { isUuid } from '../../shared/ids.ts';
import { hoursText, isOpenAt, nextOpeningAfter, parisLocal, type OpeningData } from './opening.ts';

export type { Centre, CentreSummary } from '../../contract/index.ts';

interface CentreRow {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  opening_hours: string;
  lat: number;
  lng: number;
  slot_minutes: number | null;
  slot_capacity: number | null;
}

export const CENTRE_COLUMNS = 'id, name, address, postcode, city, opening_hours, lat, lng, slot_minutes, slot_capacity';

/** A centre as an order keeps it; `opening_hours` holds the French sentence made from its hours. */
export const toCentre = (r: CentreRow): CentreSummary => ({
  id: r.id,
  name: r.name,
  address: r.address,
  postcode: r.postcode,
  city: r.city,
  openingHours: r.opening_hours,
  lat: r.lat,
  lng: r.lng,
});

const EMPTY: OpeningData = { hours: [], exceptions: [] };

/** The weekly ranges and the exceptions from the Paris date `from` on of some centres, in two queries. */
export async function loadOpening(db: Queryable, ids: string[], from: string): Promise<Map<string, OpeningData>> {
  const byId = new Map<string, OpeningData>(ids.map((id) => [id, { hours: [], exceptions: [] }]));
  if (ids.length === 0) return byId;
  const hours = await db.query<HoursRange & { centre_id: string }>(
    `SELECT centre_id, day, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes
       FROM centre_hours WHERE centre_id = ANY($1::uuid[]) ORDER BY day, opens`,
    [ids],
  );
  const exceptions = await db.query<HoursException & { centre_id: string }>(
    `SELECT centre_id, to_char(date, 'YYYY-MM-DD') AS date, to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes, note
       FROM centre_hour_exceptions WHERE centre_id = ANY($1::uuid[]) AND date >= $2::date ORDER BY date, opens NULLS FIRST`,
    [ids, from],
  );
  for (const { centre_id, ...h } of hours.rows) byId.get(centre_id)?.hours.push(h);
  for (const { centre_id, ...e } of exceptions.rows) byId.get(centre_id)?.exceptions.push(e);
  return byId;
}

/** A centre with its hours read in `lang` and its state at `now`. */
export function withOpening(row: CentreRow, opening: OpeningData = EMPTY, now: Date, lang: Locale): Centre {
  const next = nextOpeningAfter(opening, now);
  return {
    ...toCentre(row),
    // Centres made before hours were data keep their free text until hours are entered.
    openingHours: opening.hours.length > 0 ? hoursText(opening.hours, lang) : row.opening_hours,
    hours: opening.hours,
    openNow: isOpenAt(opening, now),
    nextOpening: next?.toISOString() ?? null,
    ...slotSettingsOf(row),
  };
}

export async function listActiveCentres(db: Queryable, now: Date, lang: Locale = 'fr'): Promise<Centre[]> {
  const r = await db.query<CentreRow>(`SELECT ${CENTRE_COLUMNS} FROM centres WHERE active ORDER BY city, name`);
  const opening = await loadOpening(
    db,
    r.rows.map((c) => c.id),
    parisLocal(now).date,
  );
  return r.rows.map((c) => withOpening(c, opening.get(c.id), now, lang));
}

export async function findActiveCentre(db: Queryable, id: string): Promise<CentreSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.query<CentreRow>(`SELECT ${CENTRE_COLUMNS} FROM centres WHERE id = $1 AND active`, [id]);
  return r.rows[0] && toCentre(r.rows[0]);
}

/** These centres, active or not (an order keeps its centre after the centre closes), by id. */
export async function centresByIds(db: Queryable, ids: Iterable<string>): Promise<Map<string, CentreSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const r = await db.query<CentreRow>(`SELECT ${CENTRE_COLUMNS} FROM centres WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(r.rows.map((c) => [c.id, toCentre(c)]));
}

/** A centre's pickup slots: both set, or none (null: customers come any time it is open). */
export interface SlotSettings {
  slotMinutes: number | null;
  slotCapacity: number | null;
}

const slotSettingsOf = (row: Pick<CentreRow, 'slot_minutes' | 'slot_capacity'>): SlotSettings =>
  row.slot_minutes !== null && row.slot_capacity !== null
    ? { slotMinutes: row.slot_minutes, slotCapacity: row.slot_capacity }
    : { slotMinutes: null, slotCapacity: null };

/**
 * An active centre's slot settings and its hours from the Paris date `from` on (undefined: no
 * such active centre), in one statement: a placement that asks for a slot reads this first.
 */
export async function centreSlotSettings(db: Queryable, id: string, from: string): Promise<(SlotSettings & { opening: OpeningData }) | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.query<Pick<CentreRow, 'slot_minutes' | 'slot_capacity'> & { hours: HoursRange[]; exceptions: HoursException[] }>(
    `SELECT c.slot_minutes, c.slot_capacity,
            coalesce((SELECT json_agg(json_build_object('day', h.day, 'opens', to_char(h.opens, 'HH24:MI'), 'closes', to_char(h.closes, 'HH24:MI'))
                                      ORDER BY h.day, h.opens)
                        FROM centre_hours h WHERE h.centre_id = c.id), '[]') AS hours,
            coalesce((SELECT json_agg(json_build_object('date', to_char(e.date, 'YYYY-MM-DD'), 'opens', to_char(e.opens, 'HH24:MI'),
                                                        'closes', to_char(e.closes, 'HH24:MI'), 'note', e.note)
                                      ORDER BY e.date, e.opens NULLS FIRST)
                        FROM centre_hour_exceptions e WHERE e.centre_id = c.id AND e.date >= $2::date), '[]') AS exceptions
       FROM centres c WHERE c.id = $1 AND c.active`,
    [id, from],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return { ...slotSettingsOf(row), opening: { hours: row.hours, exceptions: row.exceptions } };
}

/** Centres where customers can pick up orders (the first-run checklist asks for one). */
export async function countActiveCentres(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM centres WHERE active');
  return r.rows[0]?.n ?? 0;
}

/** Active centres with no weekly opening hours: they offer no pickup slot, so their customers cannot order. */
export async function countActiveCentresWithoutHours(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM centres c WHERE c.active AND NOT EXISTS (SELECT 1 FROM centre_hours h WHERE h.centre_id = c.id)',
  );
  return r.rows[0]?.n ?? 0;
}

/**
 * Replaces a centre's weekly hours and/or exceptions (undefined: left as they are). New weekly
 * hours also rewrite `opening_hours`, the French sentence orders and mails show.
 */
export async function writeOpening(db: Queryable, id: string, o: { hours?: HoursRange[]; exceptions?: HoursException[] }): Promise<void> {
  if (o.hours) {
    await db.query('DELETE FROM centre_hours WHERE centre_id = $1', [id]);
    for (const h of o.hours) {
      await db.query('INSERT INTO centre_hours (centre_id, day, opens, closes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [id, h.day, h.opens, h.closes]);
    }
    if (o.hours.length > 0) await db.query('UPDATE centres SET opening_hours = $2 WHERE id = $1', [id, hoursText(o.hours, 'fr')]);
  }
  if (o.exceptions) {
    await db.query('DELETE FROM centre_hour_exceptions WHERE centre_id = $1', [id]);
    for (const e of o.exceptions) {
      await db.query('INSERT INTO centre_hour_exceptions (centre_id, date, opens, closes, note) VALUES ($1, $2, $3, $4, $5)', [
        id,
        e.date,
        e.opens,
        e.closes,
        e.note,
      ]);
    }
  }
}

export interface NewCentre {
  name: string;
  address: string;
  postcode: string;
  city: string;
  openingHours: string;
  lat: number;
  lng: number;
  hours: HoursRange[];
}

/** Inserts an active centre with its weekly hours and its pickup slots (the demo seed; none by default). */
export async function insertCentre(db: Queryable, c: NewCentre, slots: SlotSettings = { slotMinutes: null, slotCapacity: null }): Promise<CentreSummary> {
  const r = await db.query<CentreRow>(
    `INSERT INTO centres (name, address, postcode, city, opening_hours, lat, lng, slot_minutes, slot_capacity)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${CENTRE_COLUMNS}`,
    [c.name, c.address, c.postcode, c.city, c.openingHours, c.lat, c.lng, slots.slotMinutes, slots.slotCapacity],
  );
  await writeOpening(db, r.rows[0]!.id, { hours: c.hours });
  return toCentre(r.rows[0]!);
}
