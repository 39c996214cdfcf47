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

  // SIGTERM (systemd, Docker, a balancer's rolling update) or Ctrl-C: drain, then exit 0.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { drainSeconds, graceSeconds } = config.shutdown;
    logger.info({ signal, drainSeconds, graceSeconds }, 'shutting down');
    // Last resort: each step is bounded, but nothing may keep a stopping process alive.
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, (drainSeconds + graceSeconds + 20) * 1000).unref();
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
}

main().catch((err) => {
  console.error('Démarrage impossible :', err instanceof Error ? err.message : err);
  process.exit(1);
});
