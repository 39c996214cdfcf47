/** Small decorative icons (hidden from assistive technology: the buttons carry the words). */

import { s } from '../shared/dom.ts';

function icon(paths: string[], className = 'icon'): SVGElement {
  return s(
    'svg',
    { class: className, viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', focusable: 'false' },
    paths.map((d) => s('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })),
  );
}

export const bellIcon = () => icon(['M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9', 'M13.73 21a2 2 0 0 1-3.46 0']);

export const soundOnIcon = () => icon(['M11 5 6 9H2v6h4l5 4V5z', 'M15.54 8.46a5 5 0 0 1 0 7.07', 'M19.07 4.93a10 10 0 0 1 0 14.14']);

export const soundOffIcon = () => icon(['M11 5 6 9H2v6h4l5 4V5z', 'M23 9l-6 6', 'M17 9l6 6']);

export const desktopIcon = () => icon(['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4']);

export const backIcon = () => icon(['M15 18l-6-6 6-6']);

export const downloadIcon = () => icon(['M12 3v12', 'M7 10l5 5 5-5', 'M5 21h14']);

export const printIcon = () => icon(['M6 9V2h12v7', 'M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2', 'M6 14h12v8H6z']);

export const searchIcon = () => icon(['M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16z', 'M21 21l-4.35-4.35']);
