// Draws the flat product illustrations of the demo catalogue into src/db/seed/images.
//
//   node --import tsx scripts/generate-seed-images.mjs
//
// Each product's `image` in src/db/seed/demo-data.ts needs an entry in SPECS below:
// a template (bag, can, carton, ...) and its colours. The background colour follows
// the product's category. Output is deterministic, plain SVG: no text, no external
// references, no scripts, no raster data.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { products } from '../src/db/seed/demo-data.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'db', 'seed', 'images');

const BG = {
  'epicerie-salee': '#F8EBDD',
  conserves: '#ECE8F5',
  'petit-dejeuner': '#FDE8DF',
  'fruits-legumes': '#E6F3DA',
  'produits-laitiers': '#FFF6D9',
  boissons: '#DDF0F6',
  bebe: '#FCE8F0',
  hygiene: '#DFF3EC',
  entretien: '#E6ECFA',
};

// ---------------------------------------------------------------- helpers

const r1 = (v) => Math.round(v * 10) / 10;

/** Lightens (p > 0) or darkens (p < 0) a #rrggbb colour. */
function shade(hex, p) {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(p >= 0 ? c + (255 - c) * p : c * (1 + p)));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

function rng(seedText) {
  let h = 2166136261;
  for (const ch of seedText) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Per-file context: id prefix, random source, collected <defs>. */
function ctx(id) {
  const defs = new Map();
  return {
    id,
    rand: rng(id),
    def(key, body) {
      const ref = `${id}-${key}`;
      if (!defs.has(ref)) defs.set(ref, body(ref));
      return ref;
    },
    /** Horizontal shading that makes a flat shape read as a cylinder. */
    cyl() {
      return this.def(
        'cy',
        (ref) =>
          `<linearGradient id="${ref}"><stop offset="0" stop-color="#000" stop-opacity=".14"/><stop offset=".28" stop-color="#fff" stop-opacity=".28"/><stop offset=".55" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".2"/></linearGradient>`,
      );
    },
    defs: () => (defs.size ? `<defs>${[...defs.values()].join('')}</defs>` : ''),
  };
}

// ---------------------------------------------------------------- label icons
// Drawn around (0, 0), about 48 units across; `c` is the main colour.

const ICONS = {
  wheat: (c) =>
    `<path d="M0 24V-20" stroke="${c}" stroke-width="3" stroke-linecap="round"/>` +
    [-12, -2, 8]
      .map(
        (y) =>
          `<ellipse cx="-6" cy="${y}" rx="4" ry="8" transform="rotate(-35 -6 ${y})" fill="${c}"/><ellipse cx="6" cy="${y}" rx="4" ry="8" transform="rotate(35 6 ${y})" fill="${c}"/>`,
      )
      .join('') +
    `<ellipse cy="-20" rx="4" ry="7" fill="${c}"/>`,
  cubes: (c) =>
    `<g fill="#fff" stroke="${c}" stroke-width="2.5" stroke-linejoin="round"><rect x="-20" y="-2" width="19" height="19" rx="2"/><rect x="2" y="-2" width="19" height="19" rx="2"/><rect x="-9" y="-22" width="19" height="19" rx="2"/></g>`,
  shaker: (c) =>
    `<path d="M-13 22h26l-4-32a9 9 0 0 0-18 0z" fill="${c}"/><g fill="#fff"><circle cx="-3" cy="-16" r="1.6"/><circle cx="3" cy="-16" r="1.6"/><circle cy="-11" r="1.6"/></g>`,
  fish: (c) =>
    `<path d="M-22 0c8-13 24-13 32 0c-8 13-24 13-32 0z" fill="${c}"/><path d="M8 0l14-11v22z" fill="${c}"/><circle cx="-12" cy="-2" r="2.2" fill="#fff"/>`,
  peas: () =>
    `<path d="M-24 6c8-16 40-18 48-10c-8 16-40 18-48 10z" fill="#4E9A35"/><g fill="#8CCB5E"><circle cx="-12" cy="2" r="6"/><circle cy="0" r="6"/><circle cx="12" cy="-2" r="6"/></g><g fill="#F28C28"><circle cx="-10" cy="16" r="5"/><circle cx="6" cy="17" r="5"/></g>`,
  ravioli: () =>
    `<rect x="-18" y="-18" width="36" height="36" rx="5" fill="#F3CD7A" stroke="#D29B3E" stroke-width="3" stroke-dasharray="3 3"/><circle r="8" fill="#E2A94F"/><path d="M-20 14q10-6 20 0t20 0v6h-40z" fill="#D8432E"/>`,
  tomato: () =>
    `<circle cy="4" r="19" fill="#E23D28"/><path d="M-12-12l8 4 4-8 4 8 8-4-4 8h-16z" fill="#3E8E41"/><ellipse cx="-8" cy="-2" rx="4" ry="6" fill="#fff" opacity=".35"/>`,
  beans: () =>
    `<g fill="none" stroke="#4E9A35" stroke-width="6" stroke-linecap="round"><path d="M-20 18Q-14-6 -8-22"/><path d="M-2 22Q0-2 4-22"/><path d="M16 20Q10-4 14-22"/></g>`,
  corn: () =>
    `<path d="M-18 22Q-20 0-8-14" stroke="#5DA03A" stroke-width="6" fill="none" stroke-linecap="round"/><ellipse rx="10" ry="22" fill="#F5C518"/><path d="M-10-6h20M-10 4h20M-8 14h16M0-20v42" stroke="#DDA70B" stroke-width="1.6"/><path d="M18 22Q20 0 8-14" stroke="#5DA03A" stroke-width="6" fill="none" stroke-linecap="round"/>`,
  chickpeas: () =>
    `<g fill="#E3BE7C" stroke="#C69A52" stroke-width="2"><circle cx="-10" cy="8" r="10"/><circle cx="11" cy="8" r="10"/><circle cy="-10" r="10"/></g>`,
  cassoulet: (c) =>
    `<path d="M-24-2h48a24 22 0 0 1-48 0z" fill="${c}"/><rect x="-16" y="-14" width="26" height="10" rx="5" fill="#8A3B22"/><g fill="#F4E4C4"><ellipse cx="-14" cy="-4" rx="5" ry="3.5"/><ellipse cx="2" cy="-3" rx="5" ry="3.5"/><ellipse cx="15" cy="-6" rx="5" ry="3.5"/></g>`,
  cup: (c) =>
    `<path d="M-18-4h30v10a15 15 0 0 1-30 0z" fill="${c}"/><path d="M12 0a7 7 0 0 1 0 14" stroke="${c}" stroke-width="4" fill="none"/><path d="M-10-10q-4-6 0-10t0-8M0-10q-4-6 0-10t0-8" stroke="${c}" stroke-width="2.5" fill="none" stroke-linecap="round"/><rect x="-22" y="20" width="38" height="4" rx="2" fill="${c}"/>`,
  bean: (c) => `<g transform="rotate(-30)"><ellipse rx="14" ry="20" fill="${c}"/><path d="M0-18q-8 18 0 36" stroke="#fff" stroke-width="3" fill="none"/></g>`,
  leaf: (c) =>
    `<path d="M-18 18C-18-8 2-20 20-20C20 6 4 18-18 18z" fill="${c}"/><path d="M-14 14L12-12" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/>`,
  strawberry: () =>
    `<path d="M-18-8c8-6 28-6 36 0c0 16-9 28-18 32c-9-4-18-16-18-32z" fill="#D7263D"/><path d="M-12-12l6 4 6-8 6 8 6-4-4 8h-16z" fill="#3E8E41"/><g fill="#FFE08A"><circle cx="-8" cy="2" r="1.6"/><circle cx="6" cy="0" r="1.6"/><circle cx="-2" cy="10" r="1.6"/><circle cx="8" cy="12" r="1.6"/></g>`,
  honey: (c) =>
    `<g fill="${c}" stroke="#fff" stroke-width="2">${[
      [-11, -9],
      [11, -9],
      [0, 10],
    ]
      .map(([x, y]) => `<path d="M${x} ${y - 12}l10 6v12l-10 6-10-6v-12z"/>`)
      .join('')}</g>`,
  flakes: () =>
    `<path d="M-24-2h48a24 22 0 0 1-48 0z" fill="#3F7CC4"/><g fill="#F2B544">${[
      [-12, -8, 20],
      [2, -12, -15],
      [14, -7, 40],
      [-3, -4, 70],
    ]
      .map(([x, y, a]) => `<ellipse cx="${x}" cy="${y}" rx="8" ry="5" transform="rotate(${a} ${x} ${y})"/>`)
      .join('')}</g>`,
  toast: (c) =>
    `<path d="M-18 20V-4a10 10 0 0 1 4-18h28a10 10 0 0 1 4 18v24z" fill="${c}"/><path d="M-12 14V-4a6 6 0 0 1 2-12h20a6 6 0 0 1 2 12v18z" fill="#F7DFA8"/>`,
  bottle: (c) =>
    `<rect x="-10" y="-10" width="20" height="32" rx="5" fill="#fff" stroke="${c}" stroke-width="3"/><path d="M-6-10v-6h12v6" fill="${c}"/><path d="M-4-16q4-12 8 0" fill="${c}"/><path d="M-10 6h20" stroke="${c}" stroke-width="2"/>`,
  carrot: () =>
    `<path d="M-6-12q6-4 12 0l-6 34z" fill="#F28C28"/><path d="M0-12l-8-12M0-12l0-14M0-12l8-12" stroke="#4E9A35" stroke-width="4" stroke-linecap="round"/>`,
  apple: (c) =>
    `<path d="M0-10c-6-6-24-6-24 10c0 14 12 24 18 22c3-1 9-1 12 0c6 2 18-8 18-22c0-16-18-16-24-10z" fill="${c}"/><path d="M0-10q0-8 4-12" stroke="#7A4B22" stroke-width="3" fill="none"/><path d="M4-16q10-8 14 0q-8 6-14 0z" fill="#4E9A35"/>`,
  banana: () =>
    `<path d="M-22-6Q0 30 22-14Q0 12-22-6z" fill="#F6CE3A"/>${ICONS.apple('#E8503A').replace('<path', '<path transform="translate(6 8) scale(.55)"')}`,
  glass: (c) => `<path d="M-14-20h28l-4 42h-20z" fill="#fff" stroke="${c}" stroke-width="3"/><path d="M-12-4h24l-3 24h-18z" fill="${c}" opacity=".25"/>`,
  orange: () =>
    `<circle r="20" fill="#F39A1E"/><circle r="15" fill="#FBC15A"/><path d="M0-15V15M-13-7.5L13 7.5M-13 7.5L13-7.5" stroke="#F39A1E" stroke-width="2"/>`,
  bubbles: (c) =>
    `<g fill="none" stroke="${c}" stroke-width="3"><circle cx="-8" cy="6" r="13"/><circle cx="12" cy="-8" r="8"/><circle cx="12" cy="16" r="5"/></g>`,
  drop: (c) => `<path d="M0-22C8-10 15-2 15 7a15 15 0 0 1-30 0c0-9 7-17 15-29z" fill="${c}"/>`,
  sparkle: (c) => `<path d="M-4-22Q-1-5 14-2Q-1 1-4 18Q-7 1-22-2Q-7-5-4-22z" fill="${c}"/><path d="M14 6q1 6 7 7q-6 1-7 7q-1-6-7-7q6-1 7-7z" fill="${c}"/>`,
  tooth: (c) =>
    `<path d="M-16-18c6-4 10 0 16 0s10-4 16 0c6 6 2 20-2 26l-3 14c-1 4-5 4-6 0l-3-10c-1-3-3-3-4 0l-3 10c-1 4-5 4-6 0l-3-14c-4-6-8-20-2-26z" fill="#fff" stroke="${c}" stroke-width="3"/>`,
  lemon: () =>
    `<path d="M-24 0q4-18 24-18t24 18q-4 18-24 18t-24-18z" fill="#F7D33B"/><path d="M-24 0h-4M24 0h4" stroke="#E2B714" stroke-width="5" stroke-linecap="round"/><path d="M6-16q8-12 18-6q-8 10-18 6z" fill="#4E9A35"/>`,
  flower: (c) =>
    `<g fill="${c}">${[0, 72, 144, 216, 288]
      .map((a) => `<ellipse cy="-12" rx="8" ry="12" transform="rotate(${a})"/>`)
      .join('')}</g><circle r="7" fill="#FFD45C"/>`,
  heart: (c) => `<path d="M0 20C-30 0-20-24 0-10C20-24 30 0 0 20z" fill="${c}"/>`,
  star: (c) => `<path d="M0-22l6 14 16 1-12 10 4 16-14-9-14 9 4-16-12-10 16-1z" fill="${c}"/>`,
  sunflower: () =>
    `<g fill="#F7C21B">${[0, 45, 90, 135, 180, 225, 270, 315]
      .map((a) => `<ellipse cy="-14" rx="6" ry="10" transform="rotate(${a})"/>`)
      .join('')}</g><circle r="9" fill="#7A4B22"/>`,
  oat: (c) =>
    `<path d="M0 24V-22" stroke="${c}" stroke-width="2.5" stroke-linecap="round"/>` +
    [
      [-8, -14, -30],
      [8, -8, 30],
      [-8, 0, -30],
      [8, 8, 30],
    ]
      .map(([x, y, a]) => `<ellipse cx="${x}" cy="${y}" rx="4" ry="7" transform="rotate(${a} ${x} ${y})" fill="${c}"/>`)
      .join(''),
};

/** A white disc with an icon, the usual product "label". */
function badge(x, y, r, icon, ic, disc = '#fff') {
  const s = r1(r / 27);
  return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(r)}" fill="${disc}"/><g transform="translate(${r1(x)} ${r1(y)}) scale(${s})">${ICONS[icon](ic)}</g>`;
}

// ---------------------------------------------------------------- templates
// Products stand on y = 246 around x = 200. Each returns [body, shadow half-width].

/** Pillow bag with a window on the contents (pasta, rice, lentils, grated cheese...). */
function bag(k, { c, a, fill, fc, win = '#FFF8EC', tall = false }) {
  const top = tall ? 42 : 66;
  const dk = shade(c, -0.22);
  const crimp = (y) =>
    `<rect x="128" y="${y}" width="144" height="16" rx="3" fill="${dk}"/><path d="${Array.from({ length: 17 }, (_, i) => `M${136 + i * 8} ${y + 3}v10`).join('')}" stroke="${shade(c, -0.4)}" stroke-width="1.5"/>`;
  const wy = top + 52;
  const wh = 226 - wy;
  let content = '';
  const R = k.rand;
  if (fill === 'penne') {
    for (let i = 0; i < 10; i++) {
      const x = r1(164 + (i % 3) * 32 + R() * 8);
      const y = r1(wy + 16 + Math.floor(i / 3) * 22 + R() * 6);
      content += `<path d="M-15-5h22l7 10h-22z" transform="translate(${x} ${y}) rotate(${Math.round(R() * 140 - 70)})" fill="${fc}" stroke="${shade(fc, -0.25)}" stroke-width="1.5"/>`;
    }
  } else if (fill === 'spaghetti') {
    content = `<path d="${Array.from({ length: 16 }, (_, i) => `M${156 + i * 6} ${wy - 4}l${r1(4 + R() * 6)} ${wh + 8}`).join('')}" stroke="${fc}" stroke-width="3.5"/><path d="${Array.from({ length: 15 }, (_, i) => `M${159 + i * 6} ${wy - 4}l${r1(4 + R() * 6)} ${wh + 8}`).join('')}" stroke="${shade(fc, -0.2)}" stroke-width="1.2"/>`;
  } else if (fill === 'shreds') {
    let d = '';
    for (let i = 0; i < 16; i++) {
      const x = 162 + (i % 4) * 22 + R() * 8;
      const y = wy + 14 + Math.floor(i / 4) * (wh / 4.4) + R() * 6;
      const a = R() * Math.PI;
      const dx = r1(Math.cos(a) * 9);
      const dy = r1(Math.sin(a) * 9);
      d += `M${r1(x - dx)} ${r1(y - dy)}q${r1(dx - dy * 0.8)} ${r1(dy + dx * 0.8)} ${r1(dx * 2)} ${r1(dy * 2)}`;
    }
    content = `<path d="${d}" stroke="${fc}" stroke-width="5" fill="none" stroke-linecap="round"/>`;
  } else if (fill === 'flakes') {
    for (let i = 0; i < 12; i++) {
      const x = r1(164 + (i % 4) * 24 + R() * 6);
      const y = r1(wy + 14 + Math.floor(i / 4) * (wh / 3.2) + R() * 8);
      content += `<ellipse cx="${x}" cy="${y}" rx="9" ry="6" transform="rotate(${Math.round(R() * 180)} ${x} ${y})"/>`;
    }
    content = `<g fill="${fc}" stroke="${shade(fc, -0.2)}" stroke-width="1.2">${content}</g>`;
  } else {
    // grains: 'rice' | 'lentil' | 'fine', as a tiled pattern
    const g = { rice: [4.5, 2, 20, 14], lentil: [3.6, 3, 16, 14], fine: [1.6, 1.6, 9, 8] }[fill];
    const [rx, ry, w, h] = g;
    const p = k.def(
      'g',
      (ref) =>
        `<pattern id="${ref}" width="${w}" height="${h}" patternUnits="userSpaceOnUse"><rect width="${w}" height="${h}" fill="${win}"/><g fill="${fc}"><ellipse cx="${r1(w * 0.25)}" cy="${r1(h * 0.3)}" rx="${rx}" ry="${ry}" transform="rotate(30 ${r1(w * 0.25)} ${r1(h * 0.3)})"/><ellipse cx="${r1(w * 0.72)}" cy="${r1(h * 0.78)}" rx="${rx}" ry="${ry}" transform="rotate(-40 ${r1(w * 0.72)} ${r1(h * 0.78)})"/></g><ellipse cx="${r1(w * 0.75)}" cy="${r1(h * 0.22)}" rx="${rx}" ry="${ry}" fill="${shade(fc, -0.15)}"/></pattern>`,
    );
    content = `<rect x="150" y="${wy}" width="100" height="${wh}" fill="url(#${p})"/>`;
  }
  const clip = k.def('w', (ref) => `<clipPath id="${ref}"><rect x="152" y="${wy}" width="96" height="${wh}" rx="14"/></clipPath>`);
  return [
    `<path d="M132 ${top}Q124 150 132 234H268Q276 150 268 ${top}Z" fill="${c}"/>` +
      `<path d="M131 ${top + 14}H269V${top + 36}H131Z" fill="${a}"/>` +
      `<rect x="152" y="${wy}" width="96" height="${wh}" rx="14" fill="${win}"/><g clip-path="url(#${clip})">${content}</g>` +
      `<rect x="152" y="${wy}" width="96" height="${wh}" rx="14" fill="none" stroke="${shade(c, -0.15)}" stroke-width="3"/>` +
      `<path d="M142 ${top + 44}Q137 150 142 222" stroke="#fff" stroke-opacity=".25" stroke-width="6" fill="none" stroke-linecap="round"/>` +
      crimp(top - 14) +
      crimp(230),
    80,
  ];
}

/** Paper bag with a folded top (flour, sugar). */
function paper(k, { c, a, icon, ic }) {
  return [
    `<path d="M142 80L150 50H250L258 80Z" fill="${shade(c, -0.1)}"/><path d="M150 50H250" stroke="${shade(c, -0.25)}" stroke-width="3"/>` +
      `<rect x="142" y="78" width="116" height="168" rx="3" fill="${c}"/>` +
      `<rect x="142" y="78" width="10" height="168" fill="#000" opacity=".06"/><rect x="248" y="78" width="10" height="168" fill="#000" opacity=".1"/>` +
      `<rect x="142" y="122" width="116" height="76" fill="${a}"/>` +
      badge(200, 160, 32, icon, ic) +
      `<rect x="142" y="222" width="116" height="8" fill="${a}" opacity=".5"/>`,
    72,
  ];
}

/** Cardboard box or block drawn with a little depth. */
function cube(x, y, w, h, dep, c) {
  const t = r1(dep * 0.6);
  return (
    `<path d="M${x} ${y}l${dep} -${t}h${w}l-${dep} ${t}z" fill="${shade(c, 0.22)}"/>` +
    `<path d="M${x + w} ${y}l${dep} -${t}v${h}l-${dep} ${t}z" fill="${shade(c, -0.25)}"/>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${c}"/>`
  );
}

function box(k, { c, a, icon, ic, w = 110, h = 180, dep = 26, disc = '#fff', extra = '' }) {
  const x = Math.round(200 - (w + dep) / 2);
  const y = 246 - h;
  const r = Math.min(w, h) * 0.3;
  return [
    cube(x, y, w, h, dep, c) +
      `<rect x="${x}" y="${r1(y + h * 0.1)}" width="${w}" height="${r1(Math.max(10, h * 0.11))}" fill="${a}"/>` +
      badge(x + w / 2, y + h * 0.58, r, icon, ic, disc) +
      `<rect x="${x}" y="${y + h - 12}" width="${w}" height="6" fill="${a}" opacity=".6"/>` +
      extra,
    (w + dep) / 2 + 6,
  ];
}

/** Tin can, or a tall canister with a plastic lid (`lid` colour). */
function can(k, { c, a, icon, ic, w = 110, h = 130, lid, disc = '#fff' }) {
  const x = 200 - w / 2;
  const yb = 246 - w * 0.1;
  const yt = yb - h;
  const ry = r1(w * 0.12);
  const hw = w / 2;
  const g = k.cyl();
  const body = `M${x} ${yt}V${yb}A${hw} ${ry} 0 0 0 ${x + w} ${yb}V${yt}Z`;
  const top = lid
    ? `<path d="M${x - 3} ${yt - 16}V${yt + 6}A${hw + 3} ${ry} 0 0 0 ${x + w + 3} ${yt + 6}V${yt - 16}Z" fill="${lid}"/><path d="M${x - 3} ${yt - 16}V${yt + 6}A${hw + 3} ${ry} 0 0 0 ${x + w + 3} ${yt + 6}V${yt - 16}Z" fill="url(#${g})"/><ellipse cx="200" cy="${yt - 16}" rx="${hw + 3}" ry="${ry}" fill="${shade(lid, 0.25)}"/>`
    : `<ellipse cx="200" cy="${yt}" rx="${hw}" ry="${ry}" fill="#DCE2E8"/><ellipse cx="200" cy="${yt}" rx="${hw - 7}" ry="${r1(ry - 3)}" fill="#C5CED6" stroke="#AEB8C2" stroke-width="1.5"/>`;
  const lt = yt + (lid ? 8 : 10);
  const lb = yb - 8;
  return [
    `<path d="${body}" fill="#B8C1CA"/>` +
      `<path d="M${x} ${lt}V${lb}A${hw} ${ry} 0 0 0 ${x + w} ${lb}V${lt}Z" fill="${c}"/>` +
      `<path d="M${x} ${lt + 8}h${w}v8h-${w}z" fill="${a}"/>` +
      badge(200, (lt + lb) / 2 + ry * 0.6, Math.min(w, lb - lt) * 0.3, icon, ic, disc) +
      `<path d="${body}" fill="url(#${g})"/>` +
      top,
    hw + 8,
  ];
}

function oilBottle(k, { liquid, cap, a, icon, ic, level = 96 }) {
  const shape = 'M188 56h24v18q0 6 8 14q20 20 20 44V236q0 10-10 10H170q-10 0-10-10V132q0-24 20-44q8-8 8-14z';
  const clip = k.def('b', (ref) => `<clipPath id="${ref}"><path d="${shape}"/></clipPath>`);
  const g = k.cyl();
  return [
    `<path d="${shape}" fill="#fff" opacity=".55"/>` +
      `<rect x="150" y="${level}" width="100" height="160" fill="${liquid}" clip-path="url(#${clip})"/>` +
      `<path d="${shape}" fill="url(#${g})"/><path d="${shape}" fill="none" stroke="${shade(liquid, -0.3)}" stroke-opacity=".35" stroke-width="2"/>` +
      `<rect x="184" y="38" width="32" height="22" rx="4" fill="${cap}"/><rect x="182" y="56" width="36" height="6" rx="2" fill="${shade(cap, -0.2)}"/>` +
      `<rect x="164" y="150" width="72" height="70" rx="8" fill="${a}"/>` +
      badge(200, 185, 25, icon, ic) +
      `<path d="M170 140V226" stroke="#fff" stroke-opacity=".45" stroke-width="5" stroke-linecap="round"/>`,
    48,
  ];
}

/** Plastic bottle with a flip cap (shampoo, shower gel). */
function flask(k, { c, cap, icon, ic, slim = false }) {
  const g = k.cyl();
  const shape = slim
    ? 'M172 104q0-16 16-20h24q16 4 16 20v128q0 14-14 14h-28q-14 0-14-14z'
    : 'M158 120q0-28 28-30h28q28 2 28 30v106q0 20-20 20h-44q-20 0-20-20z';
  const top = slim ? 84 : 90;
  return [
    `<rect x="184" y="${top - 34}" width="32" height="38" rx="7" fill="${cap}"/><rect x="180" y="${top - 6}" width="40" height="8" rx="3" fill="${shade(cap, -0.2)}"/>` +
      `<path d="${shape}" fill="${c}"/>` +
      `<ellipse cx="200" cy="${slim ? 170 : 172}" rx="${slim ? 24 : 32}" ry="${slim ? 40 : 38}" fill="#fff" opacity=".9"/>` +
      `<g transform="translate(200 ${slim ? 170 : 172}) scale(.85)">${ICONS[icon](ic)}</g>` +
      `<path d="${shape}" fill="url(#${g})"/>`,
    slim ? 34 : 46,
  ];
}

/** Washing-up liquid: tall bottle with a push-pull cap. */
function dish(k, { c, cap, icon, ic }) {
  const g = k.cyl();
  const shape = 'M164 112q0-20 24-26V72h24v14q24 6 24 26v26q-10 22 0 44v56q0 8-8 8h-56q-8 0-8-8v-56q10-22 0-44z';
  return [
    `<path d="M190 52h20v22h-20z" fill="${cap}"/><path d="M195 40h10l3 12h-16z" fill="${shade(cap, -0.25)}"/>` +
      `<path d="${shape}" fill="${c}" opacity=".92"/>` +
      `<ellipse cx="200" cy="174" rx="28" ry="30" fill="#fff"/>` +
      `<g transform="translate(200 172) scale(.8)">${ICONS[icon](ic)}</g>` +
      `<path d="${shape}" fill="url(#${g})"/>`,
    34,
  ];
}

/** Jug with a handle (laundry liquid, bleach). */
function jug(k, { c, cap, a, icon, ic }) {
  const g = k.cyl();
  const shape = 'M146 100q0-20 20-20h70q18 0 18 20v136q0 10-10 10H156q-10 0-10-10zM216 94h22q4 0 4 4v30q0 4-4 4h-22q-4 0-4-4v-30q0-4 4-4z';
  return [
    `<rect x="160" y="56" width="38" height="28" rx="5" fill="${cap}"/><path d="M160 66h38M160 74h38" stroke="${shade(cap, -0.2)}" stroke-width="2"/>` +
      `<path d="${shape}" fill="${c}" fill-rule="evenodd"/>` +
      `<rect x="158" y="146" width="84" height="78" rx="10" fill="${a}"/>` +
      badge(200, 185, 28, icon, ic) +
      `<path d="${shape}" fill="url(#${g})" fill-rule="evenodd"/>`,
    60,
  ];
}

/** Pack of six water bottles (three visible) with a shrink-wrap band. */
function waterPack(k, { c, cap, band, ic }) {
  const g = k.cyl();
  const bottle = (cx) =>
    `<path d="M${cx - 9} 78h18v10q0 6 9 13q13 10 13 26V238q0 8-8 8H${cx - 23}q-8 0-8-8V127q0-16 13-26q9-7 9-13z" fill="${c}"/>` +
    `<path d="M${cx - 22} 150h44M${cx - 22} 212h44M${cx - 22} 222h44" stroke="#fff" stroke-opacity=".6" stroke-width="2"/>` +
    `<rect x="${cx - 11}" y="64" width="22" height="16" rx="3" fill="${cap}"/>` +
    `<path d="M${cx - 9} 78h18v10q0 6 9 13q13 10 13 26V238q0 8-8 8H${cx - 23}q-8 0-8-8V127q0-16 13-26q9-7 9-13z" fill="url(#${g})"/>`;
  return [
    bottle(146) +
      bottle(254) +
      bottle(200) +
      `<rect x="114" y="160" width="172" height="46" rx="6" fill="${band}"/>` +
      `<path d="M124 190q12-10 24 0t24 0t24 0t24 0t24 0t24 0t8 0" stroke="#fff" stroke-width="4" fill="none" opacity=".8"/>` +
      `<g transform="translate(200 175) scale(.45)">${ICONS.drop(ic)}</g>`,
    92,
  ];
}

/** Gable-top carton (milk, juice). */
function carton(k, { c, a, icon, ic }) {
  const side = shade(c, -0.16);
  return [
    `<path d="M150 102L166 64H246L230 102Z" fill="${shade(c, 0.35)}"/>` +
      `<path d="M230 102L246 64L262 102Z" fill="${shade(c, -0.1)}"/>` +
      `<path d="M166 56H246V64H166Z" fill="${shade(c, -0.05)}"/>` +
      `<rect x="230" y="102" width="32" height="144" fill="${side}"/>` +
      `<rect x="150" y="102" width="80" height="144" fill="${c}"/>` +
      `<path d="M150 186q40-22 80-6V246H150Z" fill="${a}"/><path d="M230 180q16 4 32-2V246H230Z" fill="${shade(a, -0.2)}"/>` +
      badge(190, 150, 26, icon, ic),
    62,
  ];
}

function jarAt(k, cx, w, h, { glass, fill, lid, icon, ic, label = '#fff', level = 0.15 }) {
  const x = cx - w / 2;
  const yb = 246;
  const yt = yb - h;
  const lh = Math.round(h * 0.16);
  const body = `M${x + 6} ${yt + lh}h${w - 12}q6 0 6 8V${yb - 12}q0 12-12 12H${x + 12}q-12 0-12-12V${yt + lh + 8}q0-8 6-8z`;
  const clip = k.def(`j${cx}`, (ref) => `<clipPath id="${ref}"><path d="${body}"/></clipPath>`);
  return (
    `<path d="${body}" fill="${glass}"/>` +
    `<rect x="${x}" y="${r1(yt + lh + h * level)}" width="${w}" height="${h}" fill="${fill}" clip-path="url(#${clip})"/>` +
    `<rect x="${x + 4}" y="${yt}" width="${w - 8}" height="${lh + 2}" rx="4" fill="${lid}"/>` +
    `<path d="M${x + 4} ${r1(yt + lh * 0.5)}h${w - 8}" stroke="${shade(lid, -0.2)}" stroke-width="2"/>` +
    `<rect x="${x}" y="${r1(yt + h * 0.42)}" width="${w}" height="${r1(h * 0.36)}" fill="${label}"/>` +
    `<g transform="translate(${cx} ${r1(yt + h * 0.6)}) scale(${r1((h * 0.3) / 48)})">${ICONS[icon](ic)}</g>` +
    `<path d="M${x + 10} ${yt + lh + 10}V${r1(yt + h * 0.38)}" stroke="#fff" stroke-opacity=".5" stroke-width="5" stroke-linecap="round"/>`
  );
}

function jar(k, o) {
  return [jarAt(k, 200, 112, 150, o), 62];
}

function twoJars(k, o) {
  return [jarAt(k, 152, 86, 104, o) + jarAt(k, 248, 86, 104, o), 100];
}

/** Baby-food pouches with a spout. */
function pouches(k, { c, cap, icons }) {
  const one = (cx, rot, icon) =>
    `<g transform="translate(${cx} 160) rotate(${rot})"><rect x="-8" y="-82" width="16" height="16" fill="#AEB8C2"/><rect x="-12" y="-100" width="24" height="20" rx="4" fill="${cap}"/>` +
    `<path d="M-38 84V-36Q-38-56-14-68H14Q38-56 38-36V84Z" fill="${c}"/><path d="M-38 74H38V84H-38Z" fill="${shade(c, -0.2)}"/>` +
    `<circle cy="10" r="26" fill="#fff"/><g transform="translate(0 10) scale(.85)">${ICONS[icon]('#E8503A')}</g>` +
    `<path d="M-28-30V50" stroke="#fff" stroke-opacity=".4" stroke-width="5" stroke-linecap="round"/></g>`;
  return [one(160, -8, icons[0]) + one(240, 8, icons[1]), 96];
}

/** Soft plastic pack (nappies, pads, wipes). */
function soft(k, { c, a, icon, ic, kind }) {
  if (kind === 'wipes') {
    return [
      `<rect x="104" y="136" width="192" height="110" rx="36" fill="${c}"/>` +
        `<rect x="110" y="142" width="180" height="16" rx="8" fill="#fff" opacity=".35"/>` +
        `<rect x="148" y="150" width="104" height="52" rx="20" fill="${a}"/><rect x="164" y="160" width="72" height="32" rx="14" fill="${shade(a, -0.2)}"/>` +
        `<g transform="translate(200 222) scale(.4)">${ICONS[icon](ic)}</g>`,
      100,
    ];
  }
  const top = kind === 'nappies' ? 66 : 104;
  const handle = kind === 'nappies' ? `<path d="M172 74V50q0-10 10-10h36q10 0 10 10v24" stroke="${shade(c, -0.25)}" stroke-width="8" fill="none"/>` : '';
  const x0 = kind === 'nappies' ? 128 : 122;
  const w = 400 - 2 * x0;
  return [
    handle +
      `<path d="M${x0} ${top + 16}q0-16 16-16h${w - 32}q16 0 16 16V230q0 16-16 16H${x0 + 16}q-16 0-16-16z" fill="${c}"/>` +
      `<path d="M${x0 + 10} ${top + 22}V222" stroke="#fff" stroke-opacity=".35" stroke-width="8" stroke-linecap="round"/>` +
      `<rect x="${x0}" y="${top + 24}" width="${w}" height="16" fill="${a}"/>` +
      badge(200, (top + 246) / 2 + 18, kind === 'nappies' ? 40 : 34, icon, ic) +
      `<path d="M${x0} 226H${400 - x0}" stroke="${a}" stroke-width="6" opacity=".6"/>`,
    w / 2 + 6,
  ];
}

function toothpaste(k, { c, a, cap }) {
  return [
    `<g transform="translate(196 160) rotate(-14)">` +
      `<path d="M-104-32L60-24Q78-22 82-12V12Q78 22 60 24L-104 32Z" fill="#fff"/>` +
      `<path d="M-104-32L-40-29V29L-104 32Z" fill="${c}"/><path d="M-40-29L-20-28V28L-40 29Z" fill="${a}"/>` +
      `<g transform="translate(20 0) scale(.8)">${ICONS.tooth(c)}</g>` +
      `<rect x="-116" y="-34" width="14" height="68" rx="2" fill="${shade(c, -0.2)}"/><path d="M-112-30v60M-106-30v60" stroke="#fff" stroke-opacity=".5" stroke-width="1.5"/>` +
      `<rect x="82" y="-13" width="30" height="26" rx="4" fill="${cap}"/><path d="M90-13v26M98-13v26M106-13v26" stroke="${shade(cap, -0.2)}" stroke-width="2"/>` +
      `<path d="M-90-20L50-16" stroke="#000" stroke-opacity=".06" stroke-width="6"/></g>`,
    110,
  ];
}

function toothbrushes(k, { colours }) {
  const one = (x, y, c) =>
    `<g transform="translate(${x} ${y}) rotate(-28)">` +
    `<path d="M-110-8h110q10 0 14 4h50q4 0 4 4t-4 4h-50q-4 4-14 4h-110q-8 0-8-8t8-8z" fill="${c}"/>` +
    `<rect x="-96" y="-4" width="60" height="8" rx="4" fill="#fff" opacity=".5"/>` +
    `<rect x="68" y="-8" width="52" height="16" rx="8" fill="${c}"/>` +
    `<path d="${Array.from({ length: 8 }, (_, i) => `M${74 + i * 6} -8v-20`).join('')}" stroke="#fff" stroke-width="4"/>` +
    `<path d="${Array.from({ length: 4 }, (_, i) => `M${77 + i * 12} -8v-20`).join('')}" stroke="${shade(c, 0.5)}" stroke-width="4"/></g>`;
  return [one(188, 166, colours[0]) + one(200, 206, colours[1]), 100];
}

function soaps(k, { c, c2 }) {
  const stamp = (x, y, w, h, col) =>
    `<rect x="${x + 12}" y="${y + 12}" width="${w - 24}" height="${h - 24}" rx="4" fill="none" stroke="${shade(col, -0.18)}" stroke-width="3"/>`;
  return [
    cube(110, 150, 96, 96, 30, c) +
      stamp(110, 150, 96, 96, c) +
      cube(210, 150, 96, 96, 30, c2) +
      stamp(210, 150, 96, 96, c2) +
      `<g fill="#fff" stroke="#9AD0C2" stroke-width="2.5"><circle cx="150" cy="104" r="14"/><circle cx="178" cy="82" r="8"/><circle cx="254" cy="100" r="11"/><circle cx="232" cy="74" r="6"/></g>`,
    112,
  ];
}

function rolls(k, { wrap, band }) {
  const g = k.cyl();
  const roll = (cx, yb) =>
    `<rect x="${cx - 32}" y="${yb - 74}" width="64" height="74" fill="#FBFBF8"/><rect x="${cx - 32}" y="${yb - 74}" width="64" height="74" fill="url(#${g})"/>` +
    `<ellipse cx="${cx}" cy="${yb}" rx="32" ry="8" fill="#E8E8E2"/><ellipse cx="${cx}" cy="${yb - 74}" rx="32" ry="8" fill="#fff" stroke="#DDDDD5" stroke-width="1.5"/><ellipse cx="${cx}" cy="${yb - 74}" rx="10" ry="3" fill="#B9AE98"/>`;
  return [
    roll(136, 238) +
      roll(200, 238) +
      roll(264, 238) +
      roll(168, 158) +
      roll(232, 158) +
      `<path d="M100 92q0-20 20-20h160q20 0 20 20V236q0 10-10 10H110q-10 0-10-10z" fill="${wrap}" opacity=".16"/>` +
      `<rect x="100" y="196" width="200" height="30" fill="${band}"/>` +
      `<g transform="translate(200 211) scale(.5)">${ICONS.heart('#fff')}</g>`,
    104,
  ];
}

function binBags(k, { c, tie }) {
  return [
    `<path d="M150 226h96v14q-12 8-24 0t-24 0t-24 0t-24 0z" fill="${shade(c, 0.15)}"/>` +
      `<path d="M126 140H262V226H126A16 43 0 0 1 126 140Z" fill="${c}"/>` +
      `<path d="M130 152H258" stroke="#fff" stroke-opacity=".18" stroke-width="8"/>` +
      `<ellipse cx="262" cy="183" rx="16" ry="43" fill="${shade(c, 0.2)}"/>` +
      `<ellipse cx="262" cy="183" rx="10" ry="27" fill="none" stroke="${shade(c, -0.1)}" stroke-width="3"/>` +
      `<ellipse cx="262" cy="183" rx="5" ry="13" fill="${shade(c, -0.45)}"/>` +
      `<path d="M176 226q4 14 0 22M210 226q-4 14 2 22" stroke="${tie}" stroke-width="4" fill="none" stroke-linecap="round"/>`,
    90,
  ];
}

function sponges(k, { c, scour }) {
  const one = (x, y, rot) =>
    `<g transform="translate(${x} ${y}) rotate(${rot})"><rect x="-70" y="-22" width="140" height="44" rx="9" fill="${c}"/><rect x="-70" y="-30" width="140" height="16" rx="6" fill="${scour}"/>` +
    `<g fill="${shade(c, -0.12)}"><circle cx="-46" cy="4" r="3"/><circle cx="-20" cy="10" r="2.5"/><circle cx="8" cy="2" r="3.5"/><circle cx="34" cy="10" r="2.5"/><circle cx="52" cy="0" r="3"/></g></g>`;
  return [one(196, 218, 0) + one(204, 164, -6) + one(196, 112, 4), 86];
}

function eggs(k, { tray, egg }) {
  const e = (cx, cy, s = 1) =>
    `<ellipse cx="${cx}" cy="${cy}" rx="${24 * s}" ry="${31 * s}" fill="${egg}"/><ellipse cx="${cx - 8 * s}" cy="${cy - 12 * s}" rx="${5 * s}" ry="${8 * s}" fill="#fff" opacity=".35"/>`;
  return [
    `<path d="M112 168L128 74H272L288 168Z" fill="${shade(tray, -0.12)}"/><path d="M124 156L138 86H262L276 156Z" fill="${shade(tray, -0.22)}"/>` +
      e(148, 164, 0.9) +
      e(200, 164, 0.9) +
      e(252, 164, 0.9) +
      e(140, 190) +
      e(200, 190) +
      e(260, 190) +
      `<path d="M108 198q32-18 64 0q28-18 56 0q32-18 64 0V240q0 6-6 6H114q-6 0-6-6z" fill="${tray}"/>` +
      `<path d="M172 204V246M228 204V246" stroke="${shade(tray, -0.15)}" stroke-width="3"/>`,
    100,
  ];
}

function yogurts(k, { pot, band, foil, icon, ic, big = false }) {
  const one = (cx, yb, s) => {
    const tw = 36 * s;
    const bw = 29 * s;
    const h = 84 * s;
    return (
      `<path d="M${r1(cx - tw)} ${r1(yb - h)}H${r1(cx + tw)}L${r1(cx + bw)} ${yb}H${r1(cx - bw)}Z" fill="${pot}"/>` +
      `<path d="M${r1(cx - tw * 0.95)} ${r1(yb - h * 0.62)}H${r1(cx + tw * 0.95)}L${r1(cx + tw * 0.88)} ${r1(yb - h * 0.22)}H${r1(cx - tw * 0.88)}Z" fill="${band}"/>` +
      `<g transform="translate(${cx} ${r1(yb - h * 0.42)}) scale(${r1(s * 0.5)})">${ICONS[icon](ic)}</g>` +
      `<ellipse cx="${cx}" cy="${r1(yb - h)}" rx="${r1(tw + 3)}" ry="${r1(8 * s)}" fill="${foil}"/>` +
      `<path d="M${r1(cx - tw * 0.8)} ${r1(yb - h * 0.9)}L${r1(cx - bw * 0.8)} ${r1(yb - h * 0.08)}" stroke="#fff" stroke-opacity=".5" stroke-width="${r1(4 * s)}" stroke-linecap="round"/>`
    );
  };
  if (big) return [one(200, 246, 1.55), 70];
  return [one(162, 180, 0.9) + one(238, 180, 0.9) + one(124, 246, 1) + one(200, 246, 1) + one(276, 246, 1), 116];
}

function butter(k, { c, a }) {
  return [
    cube(112, 166, 150, 80, 36, c) +
      `<rect x="112" y="190" width="150" height="32" fill="${a}"/>` +
      `<g transform="translate(187 206) scale(.5)">${ICONS.star('#fff')}</g>` +
      `<path d="M112 166l36-22" stroke="#fff" stroke-opacity=".6" stroke-width="3"/>`,
    100,
  ];
}

// ----- fresh produce

function apples(k, { c, blush }) {
  const shape = 'M0-28C-14-42-50-36-50-2C-50 28-28 46-12 44C-6 43 6 43 12 44C28 46 50 28 50-2C50-36 14-42 0-28Z';
  const one = (x, y, s, rot) =>
    `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})"><path d="${shape}" fill="${c}" stroke="${shade(c, -0.18)}" stroke-width="2.5"/><path d="M10-24Q40-36 42 0Q38 30 12 38Q30 6 10-24Z" fill="${blush}" opacity=".25"/>` +
    `<path d="M0-30Q0-44 6-50" stroke="#6B4220" stroke-width="5" fill="none" stroke-linecap="round"/><path d="M4-42Q18-56 30-44Q16-34 4-42Z" fill="#4E9A35"/>` +
    `<ellipse cx="-24" cy="-8" rx="7" ry="12" fill="#fff" opacity=".35"/></g>`;
  return [one(142, 156, 0.95, -10) + one(258, 158, 0.95, 8) + one(200, 194, 1.05, 0), 110];
}

function bananas(k, { c }) {
  const one = (y, rot, s) =>
    `<g transform="translate(196 ${y}) rotate(${rot}) scale(${s})"><path d="M-88-28Q0 80 84-26Q78-32 72-28Q0 36-78-36Q-88-36-88-28Z" fill="${c}" stroke="${shade(c, -0.22)}" stroke-width="2.5"/>` +
    `<path d="M-84-30l-8-2" stroke="#5B4320" stroke-width="6" stroke-linecap="round"/><path d="M80-26l10-8" stroke="#7A8A3A" stroke-width="8" stroke-linecap="round"/>` +
    `<path d="M-60-10Q0 34 60-12" stroke="#fff" stroke-opacity=".3" stroke-width="4" fill="none"/></g>`;
  return [one(118, -14, 0.95) + one(150, -4, 1) + one(178, 6, 1.02), 100];
}

function carrots(k, { c }) {
  const one = (x, y, rot) =>
    `<g transform="translate(${x} ${y}) rotate(${rot})"><path d="M-8-64l-12-22M0-66V-92M8-64l14-20" stroke="#4E9A35" stroke-width="7" stroke-linecap="round"/>` +
    `<path d="M-16-60Q0-68 16-60Q12 10 2 72Q0 76-2 72Q-12 10-16-60Z" fill="${c}"/>` +
    `<path d="M-12-30h8M4-8h8M-8 16h7M3 38h6" stroke="${shade(c, -0.22)}" stroke-width="3" stroke-linecap="round"/></g>`;
  return [one(150, 160, -28) + one(186, 150, -9) + one(220, 156, 10) + one(252, 164, 28), 96];
}

function potatoes(k, { c }) {
  const R = k.rand;
  let out = '';
  for (const [x, y, rx, ry, rot] of [
    [160, 142, 40, 30, -10],
    [236, 146, 42, 30, 14],
    [198, 120, 38, 28, 4],
    [144, 204, 44, 32, 8],
    [212, 212, 46, 32, -6],
    [266, 200, 36, 28, 20],
  ]) {
    out += `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" transform="rotate(${rot} ${x} ${y})" fill="${c}" stroke="${shade(c, -0.2)}" stroke-width="2"/>`;
    out += `<g fill="${shade(c, -0.3)}"><circle cx="${r1(x - 12 + R() * 10)}" cy="${r1(y - 6 + R() * 6)}" r="2.2"/><circle cx="${r1(x + 8 + R() * 10)}" cy="${r1(y + 4 + R() * 6)}" r="2"/></g>`;
  }
  const net = k.def(
    'n',
    (ref) =>
      `<pattern id="${ref}" width="18" height="18" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><path d="M0 0H18M0 0V18" stroke="#D8432E" stroke-width="2.5"/></pattern>`,
  );
  return [
    out +
      `<path d="M104 214Q100 112 150 96Q200 78 250 96Q302 114 300 214Q300 246 270 246H130Q104 246 104 214Z" fill="url(#${net})" opacity=".85"/>` +
      `<path d="M186 86q14-10 28 0" stroke="#D8432E" stroke-width="6" fill="none"/><rect x="176" y="82" width="48" height="14" rx="4" fill="#D8432E"/>`,
    104,
  ];
}

function onions(k, { c }) {
  const shape = 'M0-50Q6-34 26-24Q48-8 42 16Q36 42 0 44Q-36 42-42 16Q-48-8-26-24Q-6-34 0-50Z';
  const one = (x, y, s) =>
    `<g transform="translate(${x} ${y}) scale(${s})"><path d="${shape}" fill="${c}"/>` +
    `<path d="M0-44Q-30-10-12 42M0-44Q30-10 12 42M0-44V43" stroke="${shade(c, -0.18)}" stroke-width="2" fill="none"/>` +
    `<path d="M-8 44l-4 8M0 44v9M8 44l4 8" stroke="#9C7A4E" stroke-width="2.5" stroke-linecap="round"/>` +
    `<path d="M0-50l-4-12M0-50l5-10" stroke="${shade(c, -0.25)}" stroke-width="3" stroke-linecap="round"/>` +
    `<ellipse cx="-22" cy="0" rx="6" ry="14" fill="#fff" opacity=".25"/></g>`;
  return [one(150, 180, 1) + one(250, 182, 1) + one(200, 194, 1.1), 104];
}

function clementines(k, { c }) {
  const R = k.rand;
  const one = (x, y, r, leaf) => {
    let dots = '';
    for (let i = 0; i < 5; i++) dots += `<circle cx="${r1(x - r / 2 + R() * r)}" cy="${r1(y - r / 2 + R() * r)}" r="1.6"/>`;
    return (
      `<circle cx="${x}" cy="${y}" r="${r}" fill="${c}"/><g fill="${shade(c, -0.15)}">${dots}</g>` +
      `<ellipse cx="${x - r * 0.4}" cy="${y - r * 0.4}" rx="${r * 0.18}" ry="${r * 0.3}" transform="rotate(40 ${x - r * 0.4} ${y - r * 0.4})" fill="#fff" opacity=".35"/>` +
      (leaf
        ? `<path d="M${x} ${y - r + 2}q2-10 8-14" stroke="#5B4320" stroke-width="3" fill="none"/><path d="M${x + 6} ${y - r - 8}q20-22 44-6q-22 20-44 6z" fill="#3E8E41"/>`
        : `<circle cx="${x}" cy="${y - r + 5}" r="3" fill="#7A8A3A"/>`)
    );
  };
  return [one(146, 204, 42, false) + one(254, 204, 42, false) + one(200, 210, 44, false) + one(200, 130, 42, true), 106];
}

// ---------------------------------------------------------------- catalogue

const TEMPLATES = {
  bag,
  paper,
  box,
  can,
  oilBottle,
  flask,
  dish,
  jug,
  waterPack,
  carton,
  jar,
  twoJars,
  pouches,
  soft,
  toothpaste,
  toothbrushes,
  soaps,
  rolls,
  binBags,
  sponges,
  eggs,
  yogurts,
  butter,
  apples,
  bananas,
  carrots,
  potatoes,
  onions,
  clementines,
};

/** image file → [template, options] */
const SPECS = {
  // Épicerie salée
  'penne.svg': ['bag', { c: '#1F5FA8', a: '#E8B04B', fill: 'penne', fc: '#F0C25A' }],
  'spaghetti.svg': ['bag', { c: '#2F7D4F', a: '#E9463A', fill: 'spaghetti', fc: '#EFC55C', tall: true }],
  'riz.svg': ['bag', { c: '#C9412E', a: '#F4D35E', fill: 'rice', fc: '#FFFFFF', win: '#E9DFC6' }],
  'lentilles.svg': ['bag', { c: '#6A8D3A', a: '#F2E3B3', fill: 'lentil', fc: '#6F7B3A', win: '#D8CFA8' }],
  'huile-tournesol.svg': ['oilBottle', { liquid: '#F2C230', cap: '#2F7D4F', a: '#2F7D4F', icon: 'sunflower' }],
  'farine.svg': ['paper', { c: '#F6F1E6', a: '#3A6EA5', icon: 'wheat', ic: '#D9A441' }],
  'sucre.svg': ['paper', { c: '#FFFFFF', a: '#D94F70', icon: 'cubes', ic: '#D94F70' }],
  'sel.svg': ['can', { c: '#2C6FB7', a: '#FFFFFF', icon: 'shaker', ic: '#2C6FB7', w: 96, h: 150, lid: '#E9EEF3' }],
  'semoule.svg': ['bag', { c: '#E0A030', a: '#7A3E1D', fill: 'fine', fc: '#E7C36A', win: '#F7E7B5' }],
  // Conserves
  'thon.svg': ['can', { c: '#1D5C8C', a: '#F2C14E', icon: 'fish', ic: '#1D5C8C', w: 150, h: 64 }],
  'sardines.svg': ['box', { c: '#D9472F', a: '#F6D76B', icon: 'fish', ic: '#2A5C8A', w: 190, h: 76, dep: 40 }],
  'petits-pois-carottes.svg': ['can', { c: '#3F8A3A', a: '#F28C28', icon: 'peas', w: 116, h: 140 }],
  'raviolis.svg': ['can', { c: '#B8322A', a: '#F3CD7A', icon: 'ravioli', w: 120, h: 140 }],
  'tomates-pelees.svg': ['can', { c: '#E4572E', a: '#3E8E41', icon: 'tomato', w: 112, h: 116 }],
  'haricots-verts.svg': ['can', { c: '#F4EBD0', a: '#4E9A35', icon: 'beans', w: 116, h: 140, disc: '#E4F1D8' }],
  'mais.svg': ['can', { c: '#2F7D4F', a: '#F5C518', icon: 'corn', w: 110, h: 92 }],
  'pois-chiches.svg': ['can', { c: '#8B5A2B', a: '#F1D9A7', icon: 'chickpeas', w: 106, h: 112 }],
  'cassoulet.svg': ['can', { c: '#7A2E1F', a: '#E8B04B', icon: 'cassoulet', ic: '#C5652F', w: 136, h: 140 }],
  // Petit-déjeuner
  'petales-mais.svg': ['box', { c: '#F2A93B', a: '#C9412E', icon: 'flakes', w: 118, h: 186 }],
  'flocons-avoine.svg': ['bag', { c: '#A7C4A0', a: '#6B4A2B', fill: 'flakes', fc: '#E9D8A6', win: '#FBF5E6' }],
  'confiture-fraises.svg': ['jar', { glass: '#F7D6DA', fill: '#B3122E', lid: '#D84A4A', icon: 'strawberry' }],
  'miel.svg': ['jar', { glass: '#FBE7B5', fill: '#E9A21F', lid: '#F2C94C', icon: 'honey', ic: '#E9A21F', level: 0.05 }],
  'cafe-moulu.svg': ['box', { c: '#4A2C1D', a: '#C8873A', icon: 'bean', ic: '#6B3E26', w: 92, h: 156, dep: 34 }],
  'the-noir.svg': ['box', { c: '#1F3B2D', a: '#C9A227', icon: 'leaf', ic: '#3E8E41', w: 150, h: 96, dep: 40 }],
  'chocolat-poudre.svg': ['can', { c: '#5A3322', a: '#F2C14E', icon: 'cup', ic: '#5A3322', w: 108, h: 150, lid: '#E9B949' }],
  'biscottes.svg': ['box', { c: '#E7B35A', a: '#B5482A', icon: 'toast', ic: '#C7843B', w: 170, h: 100, dep: 36 }],
  // Fruits et légumes
  'pommes.svg': ['apples', { c: '#E8D04A', blush: '#F08A3C' }],
  'bananes.svg': ['bananas', { c: '#F6CE3A' }],
  'clementines.svg': ['clementines', { c: '#F39A1E' }],
  'carottes.svg': ['carrots', { c: '#F28C28' }],
  'pommes-de-terre.svg': ['potatoes', { c: '#D9B27A' }],
  'oignons.svg': ['onions', { c: '#C98B3A' }],
  // Produits laitiers & œufs
  'lait-demi-ecreme.svg': ['carton', { c: '#FFFFFF', a: '#3C7DD9', icon: 'glass', ic: '#3C7DD9' }],
  'yaourts-nature.svg': ['yogurts', { pot: '#FFFFFF', band: '#3C7DD9', foil: '#D6DEE8', icon: 'drop', ic: '#FFFFFF' }],
  'oeufs.svg': ['eggs', { tray: '#C9BCA3', egg: '#E9C9A0' }],
  'emmental-rape.svg': ['bag', { c: '#2E6FB0', a: '#E63946', fill: 'shreds', fc: '#F4D35E' }],
  'beurre.svg': ['butter', { c: '#F2C94C', a: '#2E6FB0' }],
  'creme-fraiche.svg': ['yogurts', { pot: '#FFFFFF', band: '#2F7D4F', foil: '#2F7D4F', icon: 'drop', ic: '#FFFFFF', big: true }],
  // Boissons
  'eau-minerale.svg': ['waterPack', { c: '#CFE9F6', cap: '#2C6FB7', band: '#2C6FB7', ic: '#FFFFFF' }],
  'jus-orange.svg': ['carton', { c: '#FFFFFF', a: '#F39A1E', icon: 'orange' }],
  'jus-pomme.svg': ['carton', { c: '#FFFFFF', a: '#7DB83A', icon: 'apple', ic: '#C9302C' }],
  'sirop-grenadine.svg': ['oilBottle', { liquid: '#C1121F', cap: '#3A3A3A', a: '#FFFFFF', icon: 'drop', ic: '#C1121F', level: 104 }],
  // Bébé
  'petits-pots-legumes.svg': ['twoJars', { glass: '#F6E2C8', fill: '#F08A24', lid: '#3C9A5F', icon: 'carrot' }],
  'gourdes-fruits.svg': ['pouches', { c: '#F5C542', cap: '#E8503A', icons: ['apple', 'banana'] }],
  'lait-infantile.svg': ['can', { c: '#FFFFFF', a: '#7FB3E6', icon: 'bottle', ic: '#3C7DD9', w: 120, h: 150, lid: '#7FB3E6', disc: '#E8F1FB' }],
  'couches-taille-4.svg': ['soft', { c: '#8CC3EE', a: '#FFFFFF', icon: 'star', ic: '#F5C542', kind: 'nappies' }],
  'lingettes-bebe.svg': ['soft', { c: '#BFE3D6', a: '#F2A1B8', icon: 'heart', ic: '#FFFFFF', kind: 'wipes' }],
  // Hygiène
  'savon.svg': ['soaps', { c: '#9CAF6A', c2: '#E9DDB8' }],
  'shampooing.svg': ['flask', { c: '#4FB3A9', cap: '#2E7D74', icon: 'bubbles', ic: '#4FB3A9' }],
  'gel-douche.svg': ['flask', { c: '#8E7CC3', cap: '#FFFFFF', icon: 'drop', ic: '#8E7CC3', slim: true }],
  'dentifrice.svg': ['toothpaste', { c: '#2C6FB7', a: '#E63946', cap: '#FFFFFF' }],
  'brosses-a-dents.svg': ['toothbrushes', { colours: ['#3FA7D6', '#F26B5B'] }],
  'papier-toilette.svg': ['rolls', { wrap: '#3C7DD9', band: '#3C7DD9' }],
  'protections-periodiques.svg': ['soft', { c: '#F3A6C0', a: '#FFFFFF', icon: 'flower', ic: '#D95C8A', kind: 'pads' }],
  // Entretien
  'lessive.svg': ['jug', { c: '#2C7FD1', cap: '#F28C28', a: '#FFFFFF', icon: 'sparkle', ic: '#2C7FD1' }],
  'liquide-vaisselle.svg': ['dish', { c: '#7BC043', cap: '#F2F2F2', icon: 'lemon' }],
  'eponges.svg': ['sponges', { c: '#F6D04D', scour: '#3F9B5B' }],
  'eau-de-javel.svg': ['jug', { c: '#F4F6F8', cap: '#2C6FB7', a: '#2C6FB7', icon: 'drop', ic: '#2C6FB7' }],
  'sacs-poubelle.svg': ['binBags', { c: '#3D4A5C', tie: '#F2C14E' }],
};

// ---------------------------------------------------------------- main

mkdirSync(OUT, { recursive: true });
const seen = new Set();
for (const p of products) {
  if (seen.has(p.image)) continue;
  seen.add(p.image);
  const spec = SPECS[p.image];
  if (!spec) throw new Error(`No drawing for ${p.image} (${p.slug})`);
  const [tpl, opts] = spec;
  const id = p.image.replace(/\.svg$/, '');
  const k = ctx(id);
  const [body, half] = TEMPLATES[tpl](k, opts);
  const bg = BG[p.category];
  if (!bg) throw new Error(`No background for category ${p.category}`);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300" role="img" aria-label="${esc(p.name)}">` +
    `<title>${esc(p.name)}</title>${k.defs()}` +
    `<rect width="400" height="300" fill="${bg}"/><circle cx="334" cy="58" r="96" fill="#fff" opacity=".35"/><circle cx="54" cy="262" r="74" fill="#fff" opacity=".25"/>` +
    `<ellipse cx="200" cy="250" rx="${Math.round(half)}" ry="9" fill="#000" opacity=".1"/>` +
    body +
    `</svg>\n`;
  writeFileSync(join(OUT, p.image), svg);
}
const unused = Object.keys(SPECS).filter((f) => !seen.has(f));
if (unused.length) console.warn(`Drawings not used by any product: ${unused.join(', ')}`);
console.log(`Wrote ${seen.size} images to ${OUT}`);
