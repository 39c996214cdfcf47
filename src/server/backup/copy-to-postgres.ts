import { migrate, type Database, type Queryable, type Transaction } from '../../db/index.ts';
import { OperatorError } from '../cli/operator.ts';

/**
 * Moves the embedded database into an empty PostgreSQL one, table by table, inside ONE
 * transaction on the target: it all arrives, or nothing does.
 *
 * Why not dump and restore: PGlite is PostgreSQL 18 while the target may be older (the
 * shop supports 15), and pg_dump cannot read PGlite without a dependency we do not have
 * (@electric-sql/pglite-tools); a custom-format dump from 18 does not restore into 15.
 * Copying rows through our own driver seam works across versions: the target's schema
 * comes from our migrations, and every value travels as its text form (lossless in
 * PostgreSQL for every type we use: uuid, timestamptz, bytea in hex, jsonb, arrays),
 * cast back to the target column's type. Ids are copied as they are and sequences are
 * set to the source's values, so order numbers continue.
 */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Our tables (public schema), parents before children, following foreign keys. */
async function tablesInDependencyOrder(db: Queryable): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const edges = (
    await db.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
    )
  ).rows;
  const ordered: string[] = [];
  const pending = new Set(tables);
  while (pending.size) {
    const ready = [...pending].filter((t) => !edges.some((e) => e.child === t && pending.has(e.parent)));
    if (!ready.length) throw new OperatorError(`Dépendances circulaires entre tables : ${[...pending].join(', ')}.`);
    for (const t of ready) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered;
}

async function columnsOf(db: Queryable, table: string): Promise<Array<{ name: string; type: string }>> {
  const { rows } = await db.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [`public.${ident(table)}`],
  );
  return rows;
}

async function count(db: Queryable, table: string): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(`SELECT count(*)::text AS n FROM public.${ident(table)}`);
  return Number(rows[0]!.n);
}

/** Inserts in batches bounded by parameters (65535 max) and by size (images are rows too). */
async function copyTable(source: Queryable, tx: Transaction, table: string): Promise<void> {
  const columns = await columnsOf(tx, table);
  const select = columns.map((c, i) => `${ident(c.name)}::text AS c${i}`).join(', ');
  const { rows } = await source.query<Record<string, string | null>>(`SELECT ${select} FROM public.${ident(table)}`);
  const maxRows = Math.max(1, Math.min(500, Math.floor(60_000 / columns.length)));
  const names = columns.map((c) => ident(c.name)).join(', ');
  let batch: unknown[][] = [];
  let batchChars = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values = batch.map((_, r) => `(${columns.map((c, i) => `$${r * columns.length + i + 1}::${c.type}`).join(', ')})`);
    await tx.query(`INSERT INTO public.${ident(table)} (${names}) VALUES ${values.join(', ')}`, batch.flat());
    batch = [];
    batchChars = 0;
  };
  for (const row of rows) {
    const values = columns.map((_, i) => row[`c${i}`] ?? null);
    batch.push(values);
    batchChars += values.reduce((n, v) => n + (v?.length ?? 0), 0);
    if (batch.length >= maxRows || batchChars > 8_000_000) await flush();
  }
  await flush();
}

async function copySequences(source: Queryable, tx: Transaction): Promise<void> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
  );
  for (const { name } of rows) {
    const seq = (await source.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM public.${ident(name)}`)).rows[0];
    if (seq) await tx.query('SELECT setval($1::regclass, $2::bigint, $3)', [`public.${ident(name)}`, seq.last_value, seq.is_called]);
  }
}

/**
 * `check` sees the counts before COMMIT and throws to roll everything back (the command
 * refuses any difference).
 */
export async function copyEmbeddedToPostgres(source: Database, target: Database, check: (counts: TableCount[]) => void): Promise<TableCount[]> {
  await migrate(source); // the source at this version's schema, like the target will be
  return target.transaction(async (tx) => {
    // Our migrations, applied inside this same transaction (migrate() opens its own
    // transaction on the Database it is given: here that is this one).
    const here: Database = {
      driver: target.driver,
      query: (sql, params) => tx.query(sql, params),
      exec: (sql) => tx.exec(sql),
      transaction: (fn) => fn(tx),
      close: async () => undefined,
      roundTrips: () => target.roundTrips(),
    };
    await migrate(here);
    const tables = (await tablesInDependencyOrder(tx)).filter((t) => t !== 'schema_migrations');
    // A migration may seed default rows: the source has its own (possibly edited) copy.
    if (tables.length) await tx.query(`TRUNCATE ${tables.map((t) => `public.${ident(t)}`).join(', ')}`);
    for (const table of tables) await copyTable(source, tx, table);
    await copySequences(source, tx);
    const counts: TableCount[] = [];
    for (const table of [...tables, 'schema_migrations']) counts.push({ table, source: await count(source, table), target: await count(tx, table) });
    check(counts);
    return counts;
  });
}
