/**
 * A tiny DOM builder. Elements are made with createElement, text with
 * textContent/text nodes and attributes with setAttribute — never innerHTML, so
 * data from the server can never become markup.
 */

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Listener = (event: Event) => void;

export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | Record<string, Listener>;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'on') {
      for (const [type, fn] of Object.entries(value as Record<string, Listener>)) el.addEventListener(type, fn);
      continue;
    }
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'object') throw new TypeError(`h(): attribute ${name} must be a scalar`);
    // The page's CSP forbids inline handlers and inline styles: refuse them here too.
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || lower === 'style') throw new TypeError(`h(): attribute ${name} is not allowed`);
    const text = value === true ? '' : String(value);
    if (URL_ATTRS.has(lower) && /^\s*(javascript|vbscript|data):/i.test(text)) {
      throw new TypeError(`h(): unsafe URL in ${name}`);
    }
    el.setAttribute(name, text);
  }
}

function append(el: Element | DocumentFragment, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child as readonly Child[]);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Builds an HTML element: h('a', {href: '/', class: 'brand'}, 'Accueil'). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Builds an SVG element (icons). */
export function s(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces every child of `el`. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A heart icon, decorative (hidden from assistive technology). */
export function heartIcon(className = 'icon'): SVGElement {
  return s(
    'svg',
    { class: className, viewBox: '0 0 24 24', width: 24, height: 24, 'aria-hidden': 'true', focusable: 'false' },
    s('path', {
      fill: 'currentColor',
      d: 'M12 21.35l-1.45-1.32C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54L12 21.35z',
    }),
  );
}

let idCounter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'id'): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
