import { basename, dirname, resolve } from 'node:path';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

const SHOP_DESCRIPTION = 'Panier Solidaire : l’épicerie en ligne à prix coûtant, et vos achats offerts aux Restos du Cœur si vous le souhaitez.';

/** What differs between the three pages' heads; the rest of the page is the same for all (see pageShell). */
const PAGES: Record<string, { title: string; description: string; robots?: string }> = {
  shop: { title: 'Panier Solidaire', description: SHOP_DESCRIPTION },
  admin: { title: 'Panier Solidaire', description: SHOP_DESCRIPTION },
  staff: {
    title: 'Console de l’équipe — Panier Solidaire',
    description: 'Panier Solidaire — console de l’équipe : les commandes en direct, leur préparation, leur livraison et les paiements.',
    robots: 'noindex',
  },
};

/**
 * Writes the one page shell into each entry's index.html: the shared head (charset, viewport,
 * brand colour, no favicon request), the page's own title and description, the #app mount point
 * and the page's module script. It runs before Vite reads the page, so the script is bundled as
 * if it were written there.
 */
function pageShell(): Plugin {
  return {
    name: 'panier-page-shell',
    transformIndexHtml: {
      order: 'pre',
      handler(_html, ctx): HtmlTagDescriptor[] {
        const name = basename(dirname(ctx.filename));
        const page = PAGES[name];
        if (!page) throw new Error(`No head for the page ${name}: add it to PAGES in vite.config.ts`);
        const meta = (attrs: Record<string, string>): HtmlTagDescriptor => ({ tag: 'meta', attrs, injectTo: 'head' });
        return [
          meta({ charset: 'utf-8' }),
          meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          meta({ name: 'theme-color', content: '#c8102e' }),
          meta({ name: 'description', content: page.description }),
          ...(page.robots ? [meta({ name: 'robots', content: page.robots })] : []),
          { tag: 'title', children: page.title, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'icon', href: 'data:,' }, injectTo: 'head' },
          ...(name === 'staff'
            ? [{ tag: 'link', attrs: { rel: 'manifest', href: '/staff/manifest.webmanifest' }, injectTo: 'head' } as HtmlTagDescriptor]
            : []),
          { tag: 'div', attrs: { id: 'app' }, children: name === 'shop' ? shopSkeleton() : undefined, injectTo: 'body' },
          { tag: 'script', attrs: { type: 'module', src: './main.ts' }, injectTo: 'body' },
        ];
      },
    },
  };
}

/**
 * The shop's first paint, before its script has run (a slow link): the header and a grid of
 * skeleton cards, drawn by the page's own stylesheet (a <link> in the head, no inline style,
 * so the strict CSP holds). The script replaces it with the real page.
 */
function shopSkeleton(): HtmlTagDescriptor[] {
  const div = (cls: string, children?: HtmlTagDescriptor[] | string): HtmlTagDescriptor => ({ tag: 'div', attrs: { class: cls }, children });
  const card: HtmlTagDescriptor = {
    tag: 'li',
    attrs: { class: 'card card--skeleton' },
    children: [div('skeleton skeleton--media'), div('skeleton skeleton--line'), div('skeleton skeleton--line skeleton--short')],
  };
  return [
    {
      tag: 'header',
      attrs: { class: 'site-header' },
      children: [div('site-header__inner', [{ tag: 'span', attrs: { class: 'brand brand__name' }, children: 'Panier Solidaire' }])],
    },
    {
      tag: 'main',
      attrs: { class: 'site-main', 'aria-busy': 'true' },
      children: [
        div('container catalogue boot', [
          { tag: 'p', attrs: { class: 'boot__text' }, children: 'Chargement de l’épicerie solidaire…' },
          { tag: 'ul', attrs: { class: 'grid', 'aria-hidden': 'true' }, children: Array.from({ length: 8 }, () => card) },
        ]),
      ],
    },
  ];
}

/**
 * The staff console as an installable web app: its manifest and icon, written next to its
 * service worker under /staff/ (served from our origin: the CSP's default-src 'self' covers
 * manifest-src and worker-src).
 */
function staffApp(): Plugin {
  const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#c8102e"/><path d="M128 200h256l-32 200H160z" fill="#fff"/><path d="M192 200l40-80M320 200l-40-80" stroke="#fff" stroke-width="28" stroke-linecap="round"/></svg>`;
  const manifest = {
    name: 'Panier Solidaire — retraits',
    short_name: 'Retraits',
    description: 'Console de l’équipe : les retraits du jour au centre, même hors ligne.',
    lang: 'fr',
    start_url: '/staff/retraits',
    scope: '/staff/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#c8102e',
    icons: [{ src: '/staff/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
  return {
    name: 'panier-staff-app',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'staff/manifest.webmanifest', source: `${JSON.stringify(manifest, null, 2)}\n` });
      this.emitFile({ type: 'asset', fileName: 'staff/icon.svg', source: icon });
    },
  };
}

// Three entry pages — shop, admin panel, staff console — built into dist/web and
// served by the Node server (npm start). No inline scripts or styles are emitted,
// which the strict Content-Security-Policy requires.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web'),
  publicDir: false,
  plugins: [pageShell(), staffApp()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
    rollupOptions: {
      input: {
        shop: resolve(import.meta.dirname, 'src/web/shop/index.html'),
        admin: resolve(import.meta.dirname, 'src/web/admin/index.html'),
        staff: resolve(import.meta.dirname, 'src/web/staff/index.html'),
        // The service worker keeps a fixed address (its scope is /staff/).
        'staff-sw': resolve(import.meta.dirname, 'src/web/staff/sw.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'staff-sw' ? 'staff/sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
