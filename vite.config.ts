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

// Three entry pages — shop, admin panel, staff console — built into dist/web and
// served by the Node server (npm start). No inline scripts or styles are emitted,
// which the strict Content-Security-Policy requires.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web'),
  publicDir: false,
  plugins: [pageShell()],
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
      },
    },
  },
});
