/**
 * DESIGN's "Who may import whom" (docs/ARCHITECTURE.md), checked by `npm run deps`
 * (and by `npm test`). A violation names the rule and the two files.
 */
/** Every rule is an error: `npm test` fails on the first import that breaks the design. */
const forbid = (name, from, to, comment) => ({ name, severity: 'error', comment, from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    forbid('no-circular', { path: '^src/' }, { circular: true },
      'No import loops: if two parts need each other, one owns an interface the other fulfils.'),
    forbid('db-knows-no-module', { path: '^src/db/' }, { path: '^src/(modules|server|web|contract)/' },
      'src/db is the data-access seam: it knows no module, no server, no web code.'),
    forbid('modules-never-import-server', { path: '^src/modules/' }, { path: '^src/server/' },
      'src/server is the composition root: it wires the modules, never the reverse.'),
    forbid('shared-imports-no-module', { path: '^src/shared/' }, { path: '^src/(modules|server|web|db)/' },
      'src/shared is below every module: errors, events, logger, clock, validation, text.'),
    forbid('module-through-its-index', { path: '^src/modules/([^/]+)/' }, { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
      'A module is a folder whose index.ts is its public face: other modules import only that.'),
    forbid('realtime-is-fed-by-events-only', { path: '^src/modules/', pathNot: '^src/modules/realtime/' }, { path: '^src/modules/realtime/' },
      'Realtime hears the domain events; no module calls it (the server subscribes it to the publisher).'),
    forbid('orders-never-import-payments', { path: '^src/modules/orders/' }, { path: '^src/modules/payments/' },
      'Orders talk to the payment provider through orders/ports.ts, handed in at the composition root.'),
    forbid('audit-is-a-leaf', { path: '^src/modules/audit/' }, { path: '^src/modules/', pathNot: '^src/modules/audit/' },
      'Auth, catalog, centres and orders record into the journal: audit imports no module back (requireAdmin comes from the composition root), so the auth ↔ audit loop cannot return.'),
    forbid('front-ends-stand-alone', { path: '^src/web/(shop|admin|staff)/' }, { path: '^src/web/(shop|admin|staff)/', pathNot: '^src/web/$1/' },
      'The shop, the admin panel and the staff console are separate bundles: each imports web/shared, never another front end.'),
    forbid('web-shared-imports-no-front-end', { path: '^src/web/shared/' }, { path: '^src/web/(shop|admin|staff)/' },
      'src/web/shared is below the three front ends.'),
    forbid('web-imports-only-web-and-contract', { path: '^src/web/' }, { path: '^src/', pathNot: ['^src/web/', '^src/contract/'] },
      'Front ends talk to the server over HTTP and sockets: they import web code, npm packages and the contract.'),
    forbid('web-imports-contract-types-only', { path: '^src/web/' }, { path: '^src/contract/', pathNot: '^src/contract/enums\\.ts$', dependencyTypesNot: ['type-only'] },
      'Type-only imports of the contract keep server code (zod schemas) out of the bundles; contract/enums.ts (plain constant lists, no imports) is the one file web may import at run time.'),
    forbid('contract-imports-no-code-of-ours', { path: '^src/contract/' }, { path: '^src/(modules|server|db|web)/' },
      'The contract is shapes only: it depends on no module, server, database or web code.'),
    forbid('contract-enums-stand-alone', { path: '^src/contract/enums\\.ts$' }, {},
      'The front ends import contract/enums.ts at run time: it must stay free of imports.'),
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
