import { chmod, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Database } from '../../db/index.ts';
import type { Logger } from '../../shared/logger.ts';

/**
 * Backups of the embedded database while the shop runs. PGlite lives inside the server
 * process and its data folder is locked (pglite-lock.ts), so only the server can take a
 * consistent copy: it answers on a Unix socket in DATA_DIR, readable and writable by
 * the OS user that runs the shop only (mode 0600, never on the network, no HTTP route).
 *
 * Protocol, one exchange per connection: the client sends `backup\n`; the server answers
 * `OK <bytes>\n` followed by the gzip tarball of the data folder, or `ERR <message>\n`.
 */
export const BACKUP_SOCKET_NAME = 'backup.sock';

export function backupSocketPath(dataDir: string): string {
  return path.join(dataDir, BACKUP_SOCKET_NAME);
}

export async function listenForBackups(deps: { db: Database; dataDir: string; logger: Logger }): Promise<{ close(): Promise<void> }> {
  const { db, logger } = deps;
  const socketPath = backupSocketPath(deps.dataDir);
  const dump = db.dumpDataDir;
  if (!dump) return { close: async () => undefined };
  // We hold the data folder's lock: a socket file still there was left by a crashed server.
  await rm(socketPath, { force: true });
  const server = net.createServer((conn) => {
    conn.on('error', () => undefined);
    let request = '';
    conn.on('data', (chunk) => {
      request += chunk.toString();
      if (!request.includes('\n')) return;
      conn.removeAllListeners('data');
      if (request.trim() !== 'backup') {
        conn.end('ERR demande inconnue\n');
        return;
      }
      const started = Date.now();
      dump.call(db).then(
        (bytes) => {
          logger.info({ bytes: bytes.length, ms: Date.now() - started }, 'embedded database backup taken');
          conn.write(`OK ${bytes.length}\n`);
          conn.end(bytes);
        },
        (err: unknown) => {
          logger.error({ err }, 'embedded database backup failed');
          conn.end(`ERR ${err instanceof Error ? err.message : String(err)}\n`);
        },
      );
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    await chmod(socketPath, 0o600);
  } catch (err) {
    // A backup channel that cannot open (path too long for a socket, read-only folder)
    // must not stop the shop: `npm run backup` then says the server cannot be reached.
    logger.warn({ err, socketPath }, 'backup socket unavailable: npm run backup will not work while the server runs');
    server.close();
    return { close: async () => undefined };
  }
  return {
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketPath, { force: true });
    },
  };
}

/**
 * Asks the running server for a copy. Resolves undefined when no server listens (no
 * socket, or one left by a stopped server): the caller then opens the folder itself.
 */
export function requestBackupFromServer(dataDir: string): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(backupSocketPath(dataDir));
    const chunks: Buffer[] = [];
    let connected = false;
    conn.on('connect', () => {
      connected = true;
      conn.write('backup\n');
    });
    conn.on('data', (c: Buffer) => chunks.push(c));
    conn.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) resolve(undefined);
      else reject(new Error(`échange avec le serveur interrompu (${err.code ?? err.message})`));
    });
    conn.on('end', () => {
      const all = Buffer.concat(chunks);
      const eol = all.indexOf(10);
      const header = all.subarray(0, eol < 0 ? all.length : eol).toString();
      const body = all.subarray(eol + 1);
      const ok = header.match(/^OK (\d+)$/);
      if (ok && Number(ok[1]) === body.length) resolve(new Uint8Array(body));
      else if (header.startsWith('ERR ')) reject(new Error(`le serveur n'a pas pu faire la copie : ${header.slice(4)}`));
      else reject(new Error('réponse du serveur incomplète'));
    });
  });
}
