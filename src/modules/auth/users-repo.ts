import type { Queryable } from '../../db/index.ts';
import { escapeLike, foldForSearch, sqlFold } from '../../shared/text.ts';

import type { Role, User } from '../../contract/index.ts';

export { ROLES, type Role } from '../../contract/index.ts';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: 'fr' | 'en';
  password_hash: string | null;
  disabled_at: Date | null;
  /** When the person showed they read the address's mailbox (link, provider, reset); null until then. */
  email_verified_at: Date | null;
  created_at: Date;
}

/** What the API shows of a person: never the hash, never internal flags. */
export type PublicUser = User;

export const toPublicUser = (u: Pick<UserRow, 'id' | 'name' | 'email' | 'role' | 'locale' | 'email_verified_at'>): PublicUser => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  locale: u.locale,
  emailVerified: u.email_verified_at !== null,
});

const COLUMN_NAMES = ['id', 'name', 'email', 'role', 'locale', 'password_hash', 'disabled_at', 'email_verified_at', 'created_at'];
/** The columns of a UserRow, for SELECT and RETURNING lists; with an alias for joins (`u.id, u.name…`). */
export const userColumns = (alias?: string) => COLUMN_NAMES.map((c) => (alias ? `${alias}.${c}` : c)).join(', ');
export const USER_COLUMNS = userColumns();
const COLUMNS = USER_COLUMNS;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]);
  return r.rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return r.rows[0];
}

/** A person's postal address as they gave it (for their tax receipts). */
export interface PostalAddressRow {
  line: string;
  postcode: string;
  city: string;
}

/** The postal addresses these people gave (those without one are absent from the map). */
export async function postalAddressesByIds(db: Queryable, ids: Iterable<string>): Promise<Map<string, PostalAddressRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const r = await db.query<{ id: string; line: string; postcode: string; city: string }>(
    'SELECT id, address_line AS line, address_postcode AS postcode, address_city AS city FROM users WHERE id = ANY($1::uuid[]) AND address_line IS NOT NULL',
    [unique],
  );
  return new Map(r.rows.map(({ id, ...address }) => [id, address]));
}

/** An address on one line, as a receipt or a list prints it: « 12 rue des Lilas, 31000 Toulouse ». */
export const postalAddressLine = (a: PostalAddressRow): string => `${a.line}, ${a.postcode} ${a.city}`;

/**
 * Names and emails of these people, for other modules' read models (an order's customer, who
 * acted in its history). Ids of deleted accounts are simply absent from the map.
 */
export async function namesByIds(db: Queryable, ids: Iterable<string>): Promise<Map<string, { name: string; email: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const r = await db.query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])', [unique]);
  return new Map(r.rows.map((u) => [u.id, { name: u.name, email: u.email }]));
}

/**
 * The people whose name or email contains this text, accents and capitals ignored ("eloise"
 * finds Éloïse): other modules' searches by person (the staff's order search) ask here.
 */
export async function userIdsMatching(db: Queryable, text: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(`SELECT id FROM users WHERE ${sqlFold('name')} LIKE $1 OR ${sqlFold('email')} LIKE $1`, [
    `%${escapeLike(foldForSearch(text))}%`,
  ]);
  return r.rows.map((u) => u.id);
}

/** Enabled accounts of role staff (admins not counted: the first-run checklist asks for someone to run the counter). */
export async function countActiveStaff(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'staff' AND disabled_at IS NULL");
  return r.rows[0]?.n ?? 0;
}

export async function insertUser(
  db: Queryable,
  u: { name: string; email: string; passwordHash: string | null; role: Role; locale?: 'fr' | 'en'; emailVerifiedAt?: Date },
): Promise<UserRow> {
  const r = await db.query<UserRow>(
    `INSERT INTO users (name, email, password_hash, role, locale, email_verified_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [u.name, u.email, u.passwordHash, u.role, u.locale ?? 'fr', u.emailVerifiedAt ?? null],
  );
  return r.rows[0]!;
}
