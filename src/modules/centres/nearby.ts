import type { Queryable } from '../../db/index.ts';
import type { Centre, Locale } from '../../contract/index.ts';
import { AppError } from '../../shared/errors.ts';
import { distanceKm, placeOfPostcode, placeOfTown } from './communes.ts';
import { listActiveCentres } from './queries.ts';

/**
 * The active centres, sorted by distance from `near` (a position), a postcode or a town
 * (French communes, offline), each with `distanceKm`; without any, in the usual order (city,
 * name). An unknown postcode or town is 400 validation_failed.
 */
export async function centresNear(
  db: Queryable,
  query: { near?: string; postcode?: string; town?: string },
  opts: { now: Date; lang: Locale },
): Promise<Centre[]> {
  const origin = await originOf(query);
  const centres = await listActiveCentres(db, opts.now, opts.lang);
  if (!origin) return centres;
  return centres
    .map((c) => ({ ...c, distanceKm: Math.round(distanceKm(origin, c) * 10) / 10 }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.name.localeCompare(b.name, 'fr'));
}

async function originOf(query: { near?: string; postcode?: string; town?: string }): Promise<{ lat: number; lng: number } | undefined> {
  if (query.near) {
    const [lat, lng] = query.near.split(',').map(Number) as [number, number];
    return { lat, lng };
  }
  if (query.postcode) {
    const place = await placeOfPostcode(query.postcode);
    if (!place) throw unknown('postcode', 'Code postal inconnu.');
    return place;
  }
  if (query.town) {
    const place = await placeOfTown(query.town);
    if (!place) throw unknown('town', 'Commune inconnue.');
    return place;
  }
  return undefined;
}

const unknown = (field: string, message: string) => new AppError('validation_failed', { message, details: [{ field, message }] });
