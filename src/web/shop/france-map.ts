/**
 * A small drawn map of metropolitan France with the centres as dots: an SVG built in
 * the page (no tiles, no outside script — the CSP allows neither). It is a help for the
 * eye; the list of centres next to it is the way to choose, for everyone.
 */

import type { Centre } from '../shared/api.ts';
import { s } from '../shared/dom.ts';

// A coarse outline (latitude, longitude), clockwise from Dunkirk.
const MAINLAND: Array<[number, number]> = [
  [51.05, 2.37],
  [50.75, 3.2],
  [50.3, 4.15],
  [50.14, 4.83],
  [49.8, 4.9],
  [49.52, 5.77],
  [49.45, 6.4],
  [49.15, 6.9],
  [49.05, 7.7],
  [48.97, 8.23],
  [48.6, 7.8],
  [48.0, 7.6],
  [47.6, 7.6],
  [47.45, 7.0],
  [47.0, 6.75],
  [46.45, 6.1],
  [46.2, 6.2],
  [46.4, 6.8],
  [45.9, 6.85],
  [45.6, 7.0],
  [45.2, 7.1],
  [44.8, 6.95],
  [44.4, 6.9],
  [44.1, 7.6],
  [43.78, 7.5],
  [43.55, 7.05],
  [43.25, 6.65],
  [43.1, 6.2],
  [43.2, 5.4],
  [43.4, 4.85],
  [43.45, 4.4],
  [43.3, 3.5],
  [43.0, 3.05],
  [42.45, 3.15],
  [42.45, 2.5],
  [42.55, 1.75],
  [42.7, 1.0],
  [42.8, 0.2],
  [42.95, -0.5],
  [43.05, -1.2],
  [43.35, -1.75],
  [43.55, -1.5],
  [44.2, -1.3],
  [44.65, -1.25],
  [45.55, -1.15],
  [46.15, -1.25],
  [46.5, -1.8],
  [46.9, -2.15],
  [47.25, -2.2],
  [47.5, -2.75],
  [47.7, -3.5],
  [47.8, -4.35],
  [48.05, -4.7],
  [48.4, -4.78],
  [48.65, -4.35],
  [48.75, -3.55],
  [48.5, -2.75],
  [48.65, -2.05],
  [48.62, -1.55],
  [49.0, -1.6],
  [49.4, -1.8],
  [49.72, -1.95],
  [49.65, -1.25],
  [49.35, -1.1],
  [49.3, -0.4],
  [49.45, 0.1],
  [49.75, 0.35],
  [49.87, 0.7],
  [50.05, 1.45],
  [50.35, 1.6],
  [50.7, 1.6],
  [50.95, 1.85],
];
const CORSICA: Array<[number, number]> = [
  [43.0, 9.42],
  [42.6, 9.5],
  [42.1, 9.55],
  [41.6, 9.35],
  [41.38, 9.2],
  [41.6, 8.8],
  [41.9, 8.65],
  [42.3, 8.6],
  [42.6, 8.75],
];

const MIN_LNG = -5.2;
const MAX_LAT = 51.3;
const SCALE = 40; // SVG units per degree of latitude
const LNG_FACTOR = Math.cos((46.5 * Math.PI) / 180);
const MAP_WIDTH = Math.round((10 - MIN_LNG) * LNG_FACTOR * SCALE);
const MAP_HEIGHT = Math.round((MAX_LAT - 41.2) * SCALE);

function project(lat: number, lng: number): [number, number] {
  return [Math.round((lng - MIN_LNG) * LNG_FACTOR * SCALE * 10) / 10, Math.round((MAX_LAT - lat) * SCALE * 10) / 10];
}

const pathOf = (points: Array<[number, number]>): string => `${points.map(([lat, lng], i) => `${i ? 'L' : 'M'}${project(lat, lng).join(' ')}`).join(' ')} Z`;

export interface CentreMap {
  element: SVGElement;
  /** Which centres are listed (the others fade) and which one is chosen. */
  update(visible: ReadonlySet<string>, selected: string | undefined): void;
}

export function centreMap(centres: Centre[], onPick: (id: string) => void): CentreMap {
  const dots = new Map<string, SVGElement>();
  const group = s('g', { class: 'map__dots' });
  // Chosen last so it is drawn on top.
  for (const c of centres) {
    if (!Number.isFinite(c.lat) || !Number.isFinite(c.lng)) continue;
    const [x, y] = project(c.lat, c.lng);
    const dot = s('circle', { class: 'map__dot', cx: x, cy: y, r: 7, 'data-centre-id': c.id }, s('title', null, `${c.name} — ${c.city}`));
    dot.addEventListener('click', () => onPick(c.id));
    dots.set(c.id, dot);
    group.appendChild(dot);
  }
  const element = s(
    'svg',
    {
      class: 'map',
      viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`,
      width: MAP_WIDTH,
      height: MAP_HEIGHT,
      'aria-hidden': 'true',
      focusable: 'false',
    },
    s('path', { class: 'map__land', d: pathOf(MAINLAND) }),
    s('path', { class: 'map__land', d: pathOf(CORSICA) }),
    group,
  );
  return {
    element,
    update(visible, selected) {
      for (const [id, dot] of dots) {
        dot.classList.toggle('is-hidden', !visible.has(id));
        dot.classList.toggle('is-selected', id === selected);
        dot.setAttribute('r', id === selected ? '10' : '7');
        if (id === selected) group.appendChild(dot);
      }
    },
  };
}
