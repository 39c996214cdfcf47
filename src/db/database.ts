/**
 * The data-access seam: one small interface, two drivers (node-postgres when
 * DATABASE_URL is set, embedded PGlite otherwise). Every module talks to this and
 * nothing else, so each SQL statement runs unchanged on both.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export interface Transaction extends Queryable {
  /** Several statements in one string, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs after COMMIT succeeds (never after a rollback): domain events go here. */
  afterCommit(fn: () => void): void;
}

export interface Database extends Queryable {
  readonly driver: 'pg' | 'pglite';
  /** Several statements in one string, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** BEGIN … COMMIT around fn; ROLLBACK and rethrow when fn throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Statements sent to the database since it was opened, each one round trip (BEGIN, COMMIT and
   * ROLLBACK included): what an operation costs in round trips is the difference around it
   * (npm run bench, GET /api/admin/diagnostics, test/placement-cost.test.ts).
   */
  roundTrips(): number;
  /**
   * Embedded driver only: a consistent gzip tarball of the live data folder, taken
   * between transactions (operator backups while the shop runs; see server/backup).
   */
  dumpDataDir?(): Promise<Uint8Array>;
}

/** Collects after-commit callbacks and runs them once the commit is done. */
export class AfterCommitQueue {
  private readonly callbacks: Array<() => void> = [];
  add(fn: () => void): void {
    this.callbacks.push(fn);
  }
  run(onError: (err: unknown) => void): void {
    for (const fn of this.callbacks) {
      try {
        fn();
      } catch (err) {
        onError(err);
      }
    }
  }
}
