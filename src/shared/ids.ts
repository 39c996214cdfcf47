const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a row, and is answered 404 without asking the database. */
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
