import type { Queryable } from './database.ts';

/**
 * The one way a paginated search is written: filters add WHERE clauses with their own
 * parameters, then one count and one page are read with the same clauses, so the total
 * and the items always agree. Clauses are SQL of the calling module; values only ever
 * travel as parameters.
 */
export class SearchFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** The `$n` placeholder of a new parameter. */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  /** Adds a condition (ANDed with the others); build its placeholders with param(). */
  where(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * Reads one page and the total of a search. `from` is the FROM clause (joins included)
 * shared by both reads, `select` the columns of the page, `orderBy` a total order (end it
 * with a unique column so pages never overlap).
 */
export async function pagedSearch<T>(
  db: Queryable,
  q: { select: string; from: string; filter: SearchFilter; orderBy: string } & PageRequest,
): Promise<{ rows: T[]; total: number }> {
  const { filter } = q;
  const where = filter.sql;
  const params = [...filter.params];
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.from} ${where}`, params);
  const limit = `$${params.push(q.pageSize)}`;
  const offset = `$${params.push((q.page - 1) * q.pageSize)}`;
  const page = await db.query<T>(`SELECT ${q.select} FROM ${q.from} ${where} ORDER BY ${q.orderBy} LIMIT ${limit} OFFSET ${offset}`, params);
  return { rows: page.rows, total: total.rows[0]?.n ?? 0 };
}
