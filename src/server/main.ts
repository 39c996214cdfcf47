import { loadConfig } from './config.ts';

/** `npm start`: read the environment, start, and stop cleanly on Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  // The rest of the server is loaded once the configuration is known to be good, so a
  // refusal to start is immediate and names the variable.
  const [{ startServer, DEMO_ACCOUNTS }, { createLogger }] = await Promise.all([import('./start.ts'), import('../shared/logger.ts')]);
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const server = await startServer({ config, logger });
  const publicUrl = config.publicUrl ?? `http://localhost:${server.port}`;
  logger.info({ url: publicUrl, driver: server.db.driver, ms: Date.now() - started }, 'Panier Solidaire is ready');

  if (config.seedDemo) {
    const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(8)} ${a.email.padEnd(36)} ${a.password}`);
    console.log(
      `\nPanier Solidaire — ${publicUrl}\n  boutique ${publicUrl}/   équipe ${publicUrl}/staff   admin ${publicUrl}/admin\n` +
        `Comptes de démonstration (mode démo uniquement) :\n${lines.join('\n')}\n`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'arrêt en cours');
    server.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'arrêt incomplet');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error('Démarrage impossible :', err instanceof Error ? err.message : err);
  process.exit(1);
});
