import { spawn } from 'node:child_process';
import pg from 'pg';
import { OperatorError, redactUrl } from '../cli/operator.ts';

/**
 * pg_dump / pg_restore, run from PATH. The password travels in PGPASSWORD, not on the
 * command line, where any user of the machine could read it (ps).
 */
function connectionFor(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new OperatorError(
              `${tool} est introuvable : installez les outils clients de PostgreSQL (paquet postgresql-client, de la version du serveur ou plus récente).`,
            )
          : err,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function toolMajor(tool: string): Promise<number> {
  const { stdout } = await run(tool, ['--version'], process.env);
  const m = stdout.match(/\s(\d+)(?:\.\d+)?/);
  if (!m) throw new OperatorError(`Version de ${tool} illisible : « ${stdout.trim()} ».`);
  return Number(m[1]);
}

export async function serverMajor(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]!.v) / 10000);
  } catch (err) {
    throw new OperatorError(`Impossible de joindre PostgreSQL (DATABASE_URL = ${redactUrl(databaseUrl)}) : ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A custom-format dump (-Fc) of the whole database, images included (they live in product_images). */
export async function pgDump(databaseUrl: string, outFile: string): Promise<void> {
  const [tool, server] = await Promise.all([toolMajor('pg_dump'), serverMajor(databaseUrl)]);
  if (tool < server) {
    throw new OperatorError(
      `pg_dump ${tool} ne sait pas sauvegarder un serveur PostgreSQL ${server} : installez postgresql-client-${server} (ou plus récent) et mettez-le en premier dans le PATH.`,
    );
  }
  const { dbname, env } = connectionFor(databaseUrl);
  const r = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', outFile, '--dbname', dbname], env);
  if (r.code !== 0) throw new OperatorError(`pg_dump a échoué :\n${r.stderr.trim()}`);
}

/** Restores a custom-format dump in one transaction: all of it, or nothing. */
export async function pgRestore(databaseUrl: string, file: string): Promise<void> {
  await toolMajor('pg_restore');
  const { dbname, env } = connectionFor(databaseUrl);
  const r = await run('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', '--dbname', dbname, file], env);
  if (r.code !== 0) throw new OperatorError(`pg_restore a échoué (rien n'a été restauré) :\n${r.stderr.trim()}`);
}
