import type { Server } from 'node:http';
import type { Logger } from '../shared/logger.ts';

/**
 * A graceful stop behind a load balancer, in three steps:
 * 1. drain: the caller has already turned /readyz to 503; the node keeps serving for
 *    `drainMs` so the balancer notices and stops sending. Idle keep-alive connections are
 *    closed now, and every answer from here on says `Connection: close` (see app.ts), so
 *    clients come back through the balancer instead of reusing a connection to this node.
 * 2. stop accepting (`stopAccepting` closes the listener and the realtime sockets, whose
 *    clients reconnect to another node) and let requests in flight finish;
 * 3. after `graceMs`, cut whatever is still open: a client that hangs (a body never
 *    finished, a response never read) cannot hold the process.
 * Resolves once the HTTP server is closed.
 */
export async function drainHttpServer(
  server: Server,
  opts: { drainMs: number; graceMs: number; stopAccepting: () => Promise<void>; logger: Logger },
): Promise<void> {
  server.closeIdleConnections();
  if (opts.drainMs > 0) {
    opts.logger.info({ drainSeconds: opts.drainMs / 1000 }, 'draining: /readyz answers 503, still serving');
    await new Promise((r) => setTimeout(r, opts.drainMs));
  }
  const cut = setTimeout(() => {
    opts.logger.warn('requests still in flight at the end of the grace period: connections cut');
    server.closeAllConnections();
  }, opts.graceMs);
  try {
    await opts.stopAccepting();
  } finally {
    clearTimeout(cut);
  }
}

/** Waits for `step` at most `ms`: a close that hangs (a stuck connection) must not hold the exit. */
export async function boundedStep(name: string, ms: number, step: () => Promise<void>, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  try {
    const outcome = await Promise.race([step().then(() => 'done' as const), late]);
    if (outcome === 'late') logger.warn({ step: name }, 'shutdown step did not finish in time; going on');
  } catch (err) {
    logger.warn({ err, step: name }, 'shutdown step failed; going on');
  } finally {
    clearTimeout(timer);
  }
}
