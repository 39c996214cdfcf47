import { loadConfig, productionWarnings, type Config } from './config.ts';

/**
 * Start-up failures the operator can act on, said in French and naming the variable;
 * anything else keeps its own message. Never a stack trace: the operator needs what to do.
 */
function explainStartError(err: unknown, config: Config | undefined): string {
  const code = (err as { code?: string })?.code;
  if (config && (code === 'EADDRINUSE' || code === 'EACCES')) {
    return code === 'EADDRINUSE'
      ? `Démarrage impossible : le port PORT=${config.port} est déjà utilisé sur ${config.host} par un autre programme — arrêtez-le ou choisissez un autre PORT.`
      : `Démarrage impossible : le port PORT=${config.port} est réservé (moins de 1024) — choisissez un PORT plus grand (par exemple 3000) et placez un proxy devant.`;
  }
  if (config && (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')) {
    return `Démarrage impossible : HOST=${config.host} n’est pas une adresse de cette machine — utilisez 0.0.0.0 (toutes) ou 127.0.0.1.`;
  }
  const message = err instanceof Error ? err.message : String(err);
  // Our own refusals (configuration, data folder in use, database) already say it all.
  return /^(Configuration invalide|Base de données|Démarrage impossible)/.test(message) ? message : `Démarrage impossible : ${message}`;
}

/** Known once read, so a later failure can name the variable it concerns. */
let loaded: Config | undefined;

/** `npm start`: read the environment, start, and stop cleanly on Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loaded = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  // The rest of the server is loaded once the configuration is known to be good, so a
  // refusal to start is immediate and names the variable.
  const [{ startServer }, { createLogger }, { waitForDatabase }] = await Promise.all([
    import('./start.ts'),
    import('../shared/logger.ts'),
    import('./wait-for-database.ts'),
  ]);
  const logger = createLogger(config.logLevel);
  for (const warning of productionWarnings(config)) {
    logger.warn(warning.log);
    console.error(`\n*** ${warning.operator}\n`);
  }
  const started = Date.now();
  // A node often starts before its database (compose, a reboot): wait for it a while.
  if (config.databaseUrl) await waitForDatabase(config.databaseUrl, { timeoutSeconds: config.dbConnectTimeoutSeconds, logger });
  const server = await startServer({ config, logger });
  // SIGTERM (systemd, Docker, a balancer's rolling update) or Ctrl-C: drain, then exit 0.
  // Set before saying "ready": whoever reads that line may stop the server at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { drainSeconds, graceSeconds } = config.shutdown;
    logger.info({ signal, drainSeconds, graceSeconds }, 'shutting down');
    // Last resort: each step is bounded, but nothing may keep a stopping process alive.
    setTimeout(
      () => {
        logger.error('shutdown did not finish in time; exiting');
        process.exit(1);
      },
      (drainSeconds + graceSeconds + 20) * 1000,
    ).unref();
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'shutdown incomplete');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const publicUrl = config.publicUrl ?? `http://localhost:${server.port}`;
  logger.info({ url: publicUrl, driver: server.db.driver, ms: Date.now() - started }, 'Panier Solidaire is ready');

  if (server.demoAccounts.length) {
    const lines = server.demoAccounts.map((a) => `  ${a.role.padEnd(8)} ${a.email.padEnd(36)} ${a.password}`);
    console.log(
      `\nPanier Solidaire — ${publicUrl}\n  boutique ${publicUrl}/   équipe ${publicUrl}/staff   admin ${publicUrl}/admin\n` +
        `Comptes de démonstration (créés avec les données de démonstration ; supprimez-les avant d’ouvrir le site) :\n${lines.join('\n')}\n`,
    );
  }
}

main().catch((err) => {
  console.error(explainStartError(err, loaded));
  process.exit(1);
});
