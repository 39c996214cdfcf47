import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured JSON logger; secrets and passwords are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'panier-solidaire' },
    redact: {
      paths: ['password', '*.password', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.token'],
      censor: '[redacted]',
    },
  });
}
