import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../../db/index.ts';

/**
 * One backup is one file, whose first bytes say which driver made it:
 * - PostgreSQL: pg_dump's custom format (starts with "PGDMP"), `.dump`;
 * - embedded PGlite: the data folder as a gzip tarball (starts with 1f 8b), `.tar.gz`.
 * Product images are rows of product_images, so both carry them; nothing else under
 * DATA_DIR is data (outbox/ holds copies of mails already sent when SMTP_URL is unset).
 */
export type BackupKind = 'postgres' | 'embedded';

export function defaultBackupFile(kind: BackupKind, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return path.join('backups', `panier-solidaire-${stamp}${kind === 'postgres' ? '.dump' : '.tar.gz'}`);
}

export async function detectBackupKind(file: string): Promise<BackupKind | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'postgres';
    if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Tables, views and sequences outside PostgreSQL's own schemas: what makes a database "not empty". */
export async function userRelations(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}
