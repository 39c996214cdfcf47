// npm run migrate-to-postgres — moves an embedded install (DATA_DIR, shop stopped) into an
// EMPTY PostgreSQL database (DATABASE_URL): every row, images included (they are rows),
// ids kept, sequences continued; then compares row counts table by table. On any
// difference the whole copy is rolled back and the command fails.
import { readdir } from 'node:fs/promises';
import { userRelations } from '../backup/archive.ts';
import { copyEmbeddedToPostgres, type TableCount } from '../backup/copy-to-postgres.ts';
import { databaseConfig, OperatorError, openOperatorDatabase, redactUrl, runOperatorCommand } from './operator.ts';

class CountMismatch extends OperatorError {}

function report(counts: TableCount[]): string {
  const width = Math.max(...counts.map((c) => c.table.length), 5);
  const lines = counts.map(
    (c) => `  ${c.table.padEnd(width)}  ${String(c.source).padStart(9)}  ${String(c.target).padStart(10)}  ${c.source === c.target ? 'ok' : 'DIFFÉRENT'}`,
  );
  return [`  ${'table'.padEnd(width)}  ${'intégrée'.padStart(9)}  ${'postgresql'.padStart(10)}`, ...lines].join('\n');
}

runOperatorCommand(async () => {
  const config = databaseConfig();
  if (!config.databaseUrl)
    throw new OperatorError('Indiquez la base PostgreSQL de destination (vide) dans DATABASE_URL, et le dossier de la base intégrée dans DATA_DIR.');
  if (!(await readdir(config.pgDataDir).catch(() => [])).length) {
    throw new OperatorError(`Aucune base intégrée dans ${config.dataDir} (dossier pgdata absent ou vide) : vérifiez DATA_DIR.`);
  }
  const target = await openOperatorDatabase(config);
  try {
    const existing = await userRelations(target);
    if (existing.length) {
      throw new OperatorError(
        `Migration refusée : la base ${redactUrl(config.databaseUrl)} n'est pas vide (${existing.slice(0, 3).join(', ')}…). Créez une base neuve (createdb) pour la boutique.`,
      );
    }
    // Locks DATA_DIR: refused (clearly) while the shop still runs on it.
    const source = await openOperatorDatabase({ ...config, databaseUrl: undefined });
    try {
      console.log(`Copie de ${config.dataDir} vers ${redactUrl(config.databaseUrl)}…`);
      const counts = await copyEmbeddedToPostgres(source, target, (c) => {
        if (c.some((x) => x.source !== x.target))
          throw new CountMismatch(`Les nombres de lignes diffèrent : rien n'a été écrit dans PostgreSQL.\n${report(c)}`);
      });
      console.log(report(counts));
      console.log(
        `Migration terminée : ${counts.length} tables, mêmes nombres de lignes. Démarrez la boutique avec DATABASE_URL ; ` +
          `gardez ${config.dataDir} tel quel jusqu'à ce que tout soit vérifié.`,
      );
    } finally {
      await source.close();
    }
  } finally {
    await target.close();
  }
});
