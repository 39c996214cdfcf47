import { api, ApiError, type User } from './api.ts';
import { t } from './i18n.ts';
import { toast } from './ui.ts';

/**
 * Who is signed in, as the server says (GET /api/auth/me). `undefined` until the
 * first answer, `null` when nobody is. Listeners hear every change.
 */
let user: User | null | undefined;
const listeners = new Set<(user: User | null) => void>();

export function currentUser(): User | null | undefined {
  return user;
}

export function setUser(next: User | null): void {
  user = next;
  for (const fn of listeners) fn(next);
}

export function onUserChange(fn: (user: User | null) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Asks the server who is signed in; 401 means nobody. Other errors propagate. */
export async function loadUser(signal?: AbortSignal): Promise<User | null> {
  try {
    const { user: me } = await api.get<{ user: User }>('/api/auth/me', { signal });
    setUser(me);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setUser(null);
      return null;
    }
    throw err;
  }
}

export async function signOut(): Promise<void> {
  await api.post<void>('/api/auth/logout');
  setUser(null);
}

/** What a sign-out button does first: signs out, or says in a toast that it failed (false). */
export async function trySignOut(): Promise<boolean> {
  try {
    await signOut();
    return true;
  } catch {
    toast(t('logout.failed'), 'error');
    return false;
  }
}

/**
 * A `next` destination is followed only when it is a path of this site:
 * "/account" yes; "//evil.example", "https://…", "/\\evil" no.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
