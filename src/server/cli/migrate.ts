// npm run migrate — apply pending migrations and exit (the server also does it at start;
// this is for upgrades run as a separate step before new nodes are started).
import { migrate, openDatabase } from '../../db/index.ts';
import { loadConfig } from '../config.ts';

const config = loadConfig({ ...process.env, SEED_DEMO: 'false' });
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
  onBackgroundError: (err) => console.error(err),
  warn: (msg) => console.warn(msg),
});
try {
  const applied = await migrate(db, (msg) => console.log(msg));
  console.log(applied ? `${applied} migration(s) appliquée(s).` : 'Base à jour : aucune migration en attente.');
} finally {
  await db.close();
}
