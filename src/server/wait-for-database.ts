import pg from 'pg';
import type { Logger } from '../shared/logger.ts';
import { maskUrl } from './config.ts';

/** A start-up failure whose message is meant for the operator as is (French, no stack). */
export class StartupError extends Error {}

/** What the usual connection errors mean, in the operator's words. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connexion refusée (aucun serveur PostgreSQL n’écoute à cette adresse et ce port)',
  ENOTFOUND: 'nom d’hôte inconnu',
  EAI_AGAIN: 'nom d’hôte introuvable pour l’instant (DNS)',
  ETIMEDOUT: 'pas de réponse du serveur (délai dépassé)',
  EHOSTUNREACH: 'hôte injoignable',
  ENETUNREACH: 'réseau injoignable',
  ECONNRESET: 'connexion coupée par le serveur',
  '57P03': 'le serveur PostgreSQL démarre encore',
  '53300': 'trop de connexions ouvertes sur le serveur PostgreSQL',
};

/** Errors that waiting will not fix: the server answered, and said no. */
const FINAL: Record<string, string> = {
  '28P01': 'mot de passe refusé pour cet utilisateur',
  '28000': 'connexion refusée pour cet utilisateur (pg_hba.conf ou rôle inconnu)',
  '3D000': 'cette base de données n’existe pas sur le serveur (créez-la, par exemple avec createdb)',
};

const codeOf = (err: unknown): string | undefined => (err as { code?: string })?.code;

function reasonOf(err: unknown): string {
  const code = codeOf(err);
  if (code && (FINAL[code] ?? REASONS[code])) return FINAL[code] ?? REASONS[code]!;
  if (/timeout/i.test((err as Error)?.message ?? '')) return REASONS.ETIMEDOUT!;
  return code ? `erreur ${code}` : 'erreur de connexion';
}

async function tryOnce(url: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A connection dropped while we wait must surface as this attempt's failure, not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Waits until PostgreSQL at `url` answers, for at most `timeoutSeconds` (a node often
 * starts before its database: compose, a reboot). One short log line per failed attempt;
 * after the deadline, or at once when the server refused us for good (password, missing
 * database), a StartupError naming DATABASE_URL with its password masked.
 */
export async function waitForDatabase(url: string, opts: { timeoutSeconds: number; logger: Logger }): Promise<void> {
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  const shown = maskUrl(url);
  for (let attempt = 1; ; attempt++) {
    const left = deadline - Date.now();
    try {
      await tryOnce(url, Math.max(1_000, Math.min(5_000, left)));
      if (attempt > 1) opts.logger.info({ attempt }, 'database reachable');
      return;
    } catch (err) {
      const code = codeOf(err);
      if (code && FINAL[code]) {
        throw new StartupError(
          `Base de données refusée : DATABASE_URL=${shown} — ${FINAL[code]}. Corrigez DATABASE_URL (utilisateur, mot de passe, nom de la base), puis relancez.`,
        );
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new StartupError(
          `Base de données injoignable : DATABASE_URL=${shown} — ${reasonOf(err)}, toujours après ${opts.timeoutSeconds} s et ${attempt} essai(s). ` +
            'Vérifiez que PostgreSQL tourne et que l’hôte, le port et la base de DATABASE_URL sont justes ' +
            '(ou laissez-lui plus de temps avec DB_CONNECT_TIMEOUT_SECONDS).',
        );
      }
      opts.logger.warn({ attempt, code: code ?? (err as Error)?.message, secondsLeft: Math.ceil(remaining / 1000) }, 'database not reachable yet, retrying');
      await new Promise((r) => setTimeout(r, Math.min(1_000, remaining)));
    }
  }
}
