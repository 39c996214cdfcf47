/**
 * Errors that mean "the database cannot be reached right now" rather than "this request
 * is wrong": a restarted or unreachable server, a terminated connection, a login that is
 * refused, a pool that could not hand out a connection in time. The HTTP layer answers
 * them 503 database_unavailable; they never crash the process.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, server stopping)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (server starting or in recovery)
  '57P04', // database_dropped
  '53300', // too_many_connections
  '28000', // invalid_authorization_specification (role may not log in)
  '28P01', // invalid_password
  '3D000', // invalid_catalog_name (database gone)
]);

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

// node-postgres and pg-pool say it in words only.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect/, // pool connectionTimeoutMillis
  /not queryable/, // a client whose connection already failed
  /^Cannot use a pool after calling end on the pool/, // shutting down
  /^Client was closed and is not queryable/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true; // connection_exception class
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  // AggregateError (a host name resolving to several addresses, all refused).
  const errors = (err as { errors?: unknown }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}
