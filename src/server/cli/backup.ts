// npm run backup [-- --out <file>] — one backup file of the database, taken while the
// shop runs, path printed on the last line. See server/backup/ for how each driver does it.
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataDirLockedError } from '../../db/index.ts';
import { defaultBackupFile } from '../backup/archive.ts';
import { pgDump } from '../backup/postgres-tools.ts';
import { requestBackupFromServer } from '../backup/socket.ts';
import { databaseConfig, OperatorError, openOperatorDatabase, runOperatorCommand } from './operator.ts';

function outOption(args: string[]): string | undefined {
  const i = args.findIndex((a) => a === '--out' || a.startsWith('--out='));
  if (i < 0) {
    if (args.length) throw new OperatorError('Usage : npm run backup [-- --out fichier]');
    return undefined;
  }
  const value = args[i]!.startsWith('--out=') ? args[i]!.slice(6) : args[i + 1];
  if (!value) throw new OperatorError('Usage : npm run backup [-- --out fichier]');
  return value;
}

/** The embedded database: from the running server if there is one, else from the folder itself. */
async function embeddedCopy(dataDir: string, pgDataDir: string): Promise<Uint8Array> {
  const fromServer = await requestBackupFromServer(dataDir).catch((err: Error) => {
    throw new OperatorError(`Sauvegarde impossible : ${err.message}.`);
  });
  if (fromServer) return fromServer;
  let db;
  try {
    db = await openOperatorDatabase({ databaseUrl: undefined, pgDataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new OperatorError(
        `${err.message}\nCe serveur ne répond pas sur ${path.join(dataDir, 'backup.sock')} : redémarrez-le avec cette version, puis relancez la sauvegarde.`,
      );
    }
    throw err;
  }
  try {
    return await db.dumpDataDir!();
  } finally {
    await db.close();
  }
}

runOperatorCommand(async () => {
  const config = databaseConfig();
  const kind = config.databaseUrl ? 'postgres' : 'embedded';
  // npm runs scripts from the package folder; paths are the operator's, from where they typed.
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), outOption(process.argv.slice(2)) ?? defaultBackupFile(kind));
  await mkdir(path.dirname(out), { recursive: true });
  // Written under a temporary name first: a file with the final name is always complete.
  const partial = `${out}.partial`;
  try {
    if (config.databaseUrl) {
      await pgDump(config.databaseUrl, partial);
      await chmod(partial, 0o600); // password hashes and addresses: for the shop's user only
    } else await writeFile(partial, await embeddedCopy(config.dataDir, config.pgDataDir), { mode: 0o600 });
    await rename(partial, out);
  } finally {
    await rm(partial, { force: true });
  }
  console.log(out);
});
