import { pino } from 'pino';

/** A logger keeping warnings and errors (or from `level` up) as parsed JSON lines: what an operator would read. */
export function capturingLogger(level = 'warn') {
  const lines: Array<{ level: number; msg: string; to?: string; error?: string; [k: string]: unknown }> = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
