import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * One server per embedded data folder. PGlite keeps a `postmaster.pid` that a killed
 * process leaves behind, and opening one folder from two processes would corrupt it.
 * We hold our own lock file naming our pid: a lock whose process is gone is stale and
 * cleared (with PGlite's leftover pid file); a live one makes the start fail clearly.
 */
export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `Le dossier de données ${dir} est déjà utilisé par un autre serveur Panier Solidaire (pid ${pid}). ` + 'Arrêtez-le, ou choisissez un autre DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // The pid may have been reused by an unrelated program after a crash.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (macOS): trust the live pid
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(pgDataDir: string, warn: (msg: string) => void): Promise<DataDirLock> {
  const parent = path.dirname(pgDataDir);
  await mkdir(parent, { recursive: true });
  const lockFile = path.join(parent, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails when the file exists: two starting servers cannot both win.
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (isAlive(pid)) throw new DataDirLockedError(parent, pid);
      warn(`stale data folder lock of process ${pid || '?'} (hard stop) removed`);
      await rm(lockFile, { force: true });
      await rm(path.join(pgDataDir, 'postmaster.pid'), { force: true });
      if (attempt === 1) throw new DataDirLockedError(parent, pid);
    }
  }
  return {
    async release() {
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (pid === process.pid) await rm(lockFile, { force: true });
    },
  };
}
