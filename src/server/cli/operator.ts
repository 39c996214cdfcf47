// Shared by the operator commands: where the database is, how to open it, and how a
// failure is told to the person at the terminal (in French, one clear line, no stack).
import { openDatabase, type Database } from '../../db/index.ts';
import { loadDatabaseConfig, type DatabaseConfig } from '../config.ts';

/** A failure the operator can act on: its message is all they need to see. */
export class OperatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorError';
  }
}

/** DATABASE_URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL illisible)';
  }
}

/** Turns what the pg driver throws when it cannot connect into a sentence naming DATABASE_URL. */
function explainConnectionError(err: unknown, url: string): unknown {
  const code = (err as { code?: string }).code;
  const where = redactUrl(url);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
    return new OperatorError(`Impossible de joindre PostgreSQL (DATABASE_URL = ${where}) : ${code}. Vérifiez que le serveur tourne et l'adresse.`);
  }
  if (code === '28P01' || code === '28000') {
    return new OperatorError(`PostgreSQL refuse la connexion (DATABASE_URL = ${where}) : utilisateur ou mot de passe incorrect.`);
  }
  if (code === '3D000') {
    return new OperatorError(`La base indiquée par DATABASE_URL (${where}) n'existe pas : créez-la d'abord (createdb).`);
  }
  return err;
}

export function databaseConfig(): DatabaseConfig {
  try {
    return loadDatabaseConfig();
  } catch (err) {
    throw new OperatorError((err as Error).message);
  }
}

/** Opens the database the environment names (PostgreSQL, or the embedded one under DATA_DIR, locked). */
export async function openOperatorDatabase(config: Pick<DatabaseConfig, 'databaseUrl' | 'pgDataDir'>): Promise<Database> {
  try {
    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.pgDataDir,
      onBackgroundError: (err) => console.error('Erreur de la base :', err instanceof Error ? err.message : err),
      warn: (msg) => console.warn(msg),
      poolSize: 2,
    });
    // The pg driver connects lazily: make an unreachable server fail here, clearly.
    await db.query('SELECT 1').catch(async (err) => {
      await db.close().catch(() => undefined);
      throw err;
    });
    return db;
  } catch (err) {
    throw config.databaseUrl ? explainConnectionError(err, config.databaseUrl) : err;
  }
}

/**
 * Runs a command's body: any failure ends the process with code 1 and its message only.
 * A stack trace means nothing to a volunteer; LOG_LEVEL=debug shows it for developers.
 */
export function runOperatorCommand(body: () => Promise<void>): void {
  body().then(
    () => process.exit(0),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      const known = err instanceof OperatorError || (err instanceof Error && err.name === 'DataDirLockedError');
      console.error(known ? message : `Erreur : ${message}`);
      if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) console.error(err.stack);
      process.exit(1);
    },
  );
}
