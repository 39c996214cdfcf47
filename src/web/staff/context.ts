import type { User } from '../shared/api.ts';
import type { Live } from './live.ts';

/** What every view of the signed-in console gets. */
export interface ConsoleApp {
  user: User;
  live: Live;
  navigate(href: string, opts?: { replace?: boolean }): void;
  /**
   * A 401 (session over) or 403 (role taken away) is the app's business: it shows the
   * sign-in form or the refusal page. Returns true when it took care of the error.
   */
  handleAuthError(err: unknown): boolean;
}
