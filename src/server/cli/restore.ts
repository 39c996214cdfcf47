// npm run restore -- <file> — puts a backup back into an EMPTY database: the PostgreSQL
// database of DATABASE_URL (for a .dump) or a new DATA_DIR (for an embedded .tar.gz).
// It never overwrites anything: a target that holds data is refused.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../../db/pglite-lock.ts';
import { detectBackupKind, userRelations } from '../backup/archive.ts';
import { pgRestore } from '../backup/postgres-tools.ts';
import type { DatabaseConfig } from '../config.ts';
import { databaseConfig, OperatorError, openOperatorDatabase, redactUrl, runOperatorCommand } from './operator.ts';

async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const db = await openOperatorDatabase({ databaseUrl, pgDataDir: '' });
  try {
    const existing = await userRelations(db);
    if (existing.length) {
      throw new OperatorError(
        `Restauration refusée : la base ${redactUrl(databaseUrl)} n'est pas vide (${existing.length} objet(s), dont ${existing.slice(0, 3).join(', ')}). ` +
          'Restaurez dans une base neuve (createdb) et pointez DATABASE_URL dessus.',
      );
    }
  } finally {
    await db.close();
  }
  await pgRestore(databaseUrl, file);
}

async function restoreEmbedded(config: DatabaseConfig, file: string): Promise<void> {
  const present = await readdir(config.pgDataDir).catch(() => [] as string[]);
  if (present.length) {
    throw new OperatorError(
      `Restauration refusée : le dossier de données ${config.dataDir} contient déjà une base (${config.pgDataDir}). ` +
        'Choisissez un DATA_DIR vide ou inexistant.',
    );
  }
  const lock = await lockDataDir(config.pgDataDir, (msg) => console.warn(msg));
  try {
    const tarball = await readFile(file);
    const db = await PGlite.create({ dataDir: config.pgDataDir, loadDataDir: new Blob([tarball]) });
    // Proves the copy opens and is ours before saying it worked.
    await db.query('SELECT count(*) FROM schema_migrations');
    await db.close();
  } finally {
    await lock.release();
  }
}

runOperatorCommand(async () => {
  const [given, ...rest] = process.argv.slice(2);
  if (!given || rest.length) throw new OperatorError('Usage : npm run restore -- fichier-de-sauvegarde');
  // npm runs scripts from the package folder; the path is the operator's, from where they typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const kind = await detectBackupKind(file).catch((err: NodeJS.ErrnoException) => {
    throw new OperatorError(`Fichier de sauvegarde illisible : ${file} (${err.code ?? err.message}).`);
  });
  if (!kind) throw new OperatorError(`${file} n'est pas une sauvegarde Panier Solidaire (ni pg_dump au format custom, ni dossier intégré .tar.gz).`);
  const config = databaseConfig();
  if (kind === 'postgres') {
    if (!config.databaseUrl) throw new OperatorError('Cette sauvegarde vient de PostgreSQL : indiquez la base (vide) où la restaurer dans DATABASE_URL.');
    await restorePostgres(config.databaseUrl, file);
    console.log(`Sauvegarde restaurée dans ${redactUrl(config.databaseUrl)}.`);
  } else {
    if (config.databaseUrl) {
      throw new OperatorError(
        'Cette sauvegarde vient de la base intégrée : retirez DATABASE_URL et indiquez un DATA_DIR vide. ' +
          'Pour passer ensuite à PostgreSQL : npm run migrate-to-postgres.',
      );
    }
    await restoreEmbedded(config, file);
    console.log(`Sauvegarde restaurée dans ${config.dataDir}.`);
  }
});
