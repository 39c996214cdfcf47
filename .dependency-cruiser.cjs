/**
 * DESIGN's "Who may import whom" (docs/ARCHITECTURE.md), checked by `npm run deps`
 * (and by `npm test`). A violation names the rule and the two files.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import loops: if two parts need each other, one owns an interface the other fulfils.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'db-knows-no-module',
      severity: 'error',
      comment: 'src/db is the data-access seam: it knows no module, no server, no web code.',
      from: { path: '^src/db/' },
      to: { path: '^src/(modules|server|web|contract)/' },
    },
    {
      name: 'modules-never-import-server',
      severity: 'error',
      comment: 'src/server is the composition root: it wires the modules, never the reverse.',
      from: { path: '^src/modules/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'shared-imports-no-module',
      severity: 'error',
      comment: 'src/shared is below every module: errors, events, logger, clock, validation, text.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(modules|server|web|db)/' },
    },
    {
      name: 'module-through-its-index',
      severity: 'error',
      comment: 'A module is a folder whose index.ts is its public face: other modules import only that.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'realtime-is-fed-by-events-only',
      severity: 'error',
      comment: 'Realtime hears the domain events; no module calls it (the server subscribes it to the publisher).',
      from: { path: '^src/modules/', pathNot: '^src/modules/realtime/' },
      to: { path: '^src/modules/realtime/' },
    },
    {
      name: 'orders-never-import-payments',
      severity: 'error',
      comment: 'Orders talk to the payment provider through orders/ports.ts, handed in at the composition root.',
      from: { path: '^src/modules/orders/' },
      to: { path: '^src/modules/payments/' },
    },
    {
      name: 'audit-is-a-leaf',
      severity: 'error',
      comment:
        'Auth, catalog, centres and orders record into the journal: audit imports no module back ' +
        '(requireAdmin comes from the composition root), so the auth ↔ audit loop cannot return.',
      from: { path: '^src/modules/audit/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/audit/' },
    },
    {
      name: 'front-ends-stand-alone',
      severity: 'error',
      comment: 'The shop, the admin panel and the staff console are separate bundles: each imports web/shared, never another front end.',
      from: { path: '^src/web/(shop|admin|staff)/' },
      to: { path: '^src/web/(shop|admin|staff)/', pathNot: '^src/web/$1/' },
    },
    {
      name: 'web-shared-imports-no-front-end',
      severity: 'error',
      comment: 'src/web/shared is below the three front ends.',
      from: { path: '^src/web/shared/' },
      to: { path: '^src/web/(shop|admin|staff)/' },
    },
    {
      name: 'web-imports-only-web-and-contract',
      severity: 'error',
      comment: 'Front ends talk to the server over HTTP and sockets: they import web code, npm packages and the contract.',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: ['^src/web/', '^src/contract/'] },
    },
    {
      name: 'web-imports-contract-types-only',
      severity: 'error',
      comment:
        'Type-only imports of the contract keep server code (zod schemas) out of the bundles; ' +
        'contract/enums.ts (plain constant lists, no imports) is the one file web may import at run time.',
      from: { path: '^src/web/' },
      to: { path: '^src/contract/', pathNot: '^src/contract/enums\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-imports-no-code-of-ours',
      severity: 'error',
      comment: 'The contract is shapes only: it depends on no module, server, database or web code.',
      from: { path: '^src/contract/' },
      to: { path: '^src/(modules|server|db|web)/' },
    },
    {
      name: 'contract-enums-stand-alone',
      severity: 'error',
      comment: 'The front ends import contract/enums.ts at run time: it must stay free of imports.',
      from: { path: '^src/contract/enums\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    // Type-only imports count (a type import is still a dependency of the design) and are
    // told apart for the web → contract rule.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
