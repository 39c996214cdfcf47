import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Three entry pages — shop, admin panel, staff console — built into dist/web and
// served by the Node server (npm start). No inline scripts or styles are emitted,
// which the strict Content-Security-Policy requires.
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/web'),
  publicDir: false,
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
