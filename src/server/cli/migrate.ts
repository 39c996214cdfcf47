// npm run migrate — apply pending migrations and exit (the server also does it at start;
// this is for upgrades run as a separate step before new nodes are started). Needs only
// the database (DATABASE_URL, or DATA_DIR for the embedded one).
import { migrate } from '../../db/index.ts';
import { databaseConfig, openOperatorDatabase, runOperatorCommand } from './operator.ts';

runOperatorCommand(async () => {
  const db = await openOperatorDatabase(databaseConfig());
  try {
    const applied = await migrate(db, (msg) => console.log(msg));
    console.log(applied ? `${applied} migration(s) appliquée(s).` : 'Base à jour : aucune migration en attente.');
  } finally {
    await db.close();
  }
});
