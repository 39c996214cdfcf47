import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { deleteUserSessions } from './sessions.ts';
import { findUserByEmail, USER_COLUMNS, userColumns, type UserRow } from './users-repo.ts';
import { stripBidiControls } from '../../shared/text.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
}

/** Why a sign-in through the provider did not end in a session; each has its own page. */
export type OidcFailureReason =
  | 'expired' // no sign-in in progress for this browser (cookie missing, used, or older than ten minutes)
  | 'denied' // the provider answered with an error (the person refused, or the provider failed)
  | 'invalid' // the answer does not verify: wrong state, code, nonce or ID token
  | 'unverified_email' // no verified email to match or create an account with
  | 'disabled' // the matching account is disabled
  | 'unavailable'; // the provider cannot be reached

export class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    cause?: unknown,
  ) {
    super(`oidc sign-in failed: ${reason}`, { cause });
  }
}

const PENDING_MS = 10 * 60 * 1000;
export const OIDC_COOKIE = 'ps_oidc';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A `next` destination is kept only when it is a path of this site ("/account", not "//evil.example"). */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500 || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses in a redirect target.
  if (/[\u0000-\u001f\\]/.test(next)) return '/';
  return next;
}

/**
 * Sign-in with an OpenID Connect provider (La Poste Connect or any other), through
 * openid-client: authorization code flow with PKCE (S256), `state` and `nonce`.
 *
 * What the browser must bring back (state, nonce, PKCE verifier) stays on the server,
 * in `oidc_logins`, under the hash of a random value given to the browser in a
 * short-lived HttpOnly cookie: nothing secret travels, every node can finish a sign-in
 * another started, a sign-in is finished once (the row is deleted as it is read), and
 * a callback URL replayed in another browser (login CSRF) finds nothing.
 */
export function createOidc(deps: {
  db: Database;
  clock: Clock;
  settings: OidcSettings;
  /** Production accepts only an https:// issuer; elsewhere http:// works (local providers). */
  production: boolean;
  publicUrl: () => string;
  /** Told when a sign-in takes over an unverified account (its sessions ended: sockets are cut). */
  events?: EventPublisher;
}) {
  const { db, clock, settings } = deps;
  const issuerUrl = new URL(settings.issuer);
  const insecure = issuerUrl.protocol === 'http:';
  if (insecure && deps.production) throw new Error('Configuration invalide : OIDC_ISSUER doit être une adresse https:// en production.');

  // Discovery happens at the first sign-in, and again after a failure: a provider that is
  // down when the server starts does not stop the shop.
  let discovered: Promise<client.Configuration> | undefined;
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(issuerUrl, settings.clientId, settings.clientSecret, undefined, {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovered = undefined;
        throw new OidcFailure('unavailable', err);
      });
    return discovered;
  }

  const redirectUri = () => `${deps.publicUrl()}/api/auth/oidc/callback`;

  return {
    provider: { id: 'oidc', label: settings.label },

    /** Starts a sign-in: where to send the browser, and the value for its binding cookie. */
    async begin(next: string): Promise<{ url: string; binding: string; maxAgeSeconds: number }> {
      const config = await configuration();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const verifier = client.randomPKCECodeVerifier();
      const binding = randomBytes(32).toString('base64url');
      const now = clock.now();
      await db.query('DELETE FROM oidc_logins WHERE expires_at <= $1', [now]);
      await db.query('INSERT INTO oidc_logins (binding_hash, state, nonce, code_verifier, next_path, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        sha256(binding),
        state,
        nonce,
        verifier,
        safeNextPath(next),
        new Date(now.getTime() + PENDING_MS),
      ]);
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(),
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, binding, maxAgeSeconds: PENDING_MS / 1000 };
    },

    /**
     * Finishes a sign-in from the provider's redirect: checks state, exchanges the code
     * (PKCE), verifies the ID token and its nonce, reads the claims (ID token, then
     * UserInfo for what it lacks), and finds or creates the account.
     */
    async complete(binding: string | undefined, query: URLSearchParams): Promise<{ user: UserRow; next: string }> {
      if (!binding || binding.length > 100) throw new OidcFailure('expired');
      const { rows } = await db.query<{ state: string; nonce: string; code_verifier: string; next_path: string; expires_at: Date }>(
        'DELETE FROM oidc_logins WHERE binding_hash = $1 RETURNING state, nonce, code_verifier, next_path, expires_at',
        [sha256(binding)],
      );
      const pending = rows[0];
      if (!pending || pending.expires_at <= clock.now()) throw new OidcFailure('expired');

      const config = await configuration();
      // redirect_uri is this URL without its query: it must be the one registered at the provider.
      const currentUrl = new URL(redirectUri());
      for (const [k, v] of query) currentUrl.searchParams.append(k, v);
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.code_verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw new OidcFailure(err instanceof client.AuthorizationResponseError ? 'denied' : 'invalid', err);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcFailure('invalid');
      let claims: Record<string, unknown> = { ...idClaims };
      if (typeof claims.email !== 'string' || claims.email_verified === undefined || typeof claims.name !== 'string') {
        try {
          // UserInfo answers for the same subject, or the library refuses it.
          const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...info, ...idClaims };
        } catch (err) {
          throw new OidcFailure('invalid', err);
        }
      }
      const user = await linkAccount(config.serverMetadata().issuer, idClaims.sub, claims);
      return { user, next: pending.next_path };
    },
  };

  /**
   * The account of this provider identity: the one already linked to it; else the
   * account with the same verified email (then linked); else a new customer account
   * without a password, verified. An unverified email neither links nor creates anything.
   *
   * An account whose address was never verified may have been opened by someone else
   * with this person's address, waiting for them to arrive (pre-hijack). The provider has
   * just proven the address, so the person who owns it keeps the account: its password
   * is removed, every session and pending reset link ends, the name and language become
   * the provider's, and the account is verified. The one who chose that password is out.
   */
  async function linkAccount(issuer: string, subject: string, claims: Record<string, unknown>): Promise<UserRow> {
    return db.transaction(async (tx) => {
      const linked = await tx.query<UserRow>(
        `SELECT ${userColumns('u')}
           FROM user_identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = $2`,
        [issuer, subject],
      );
      if (linked.rows[0]) {
        if (linked.rows[0].disabled_at) throw new OidcFailure('disabled');
        return linked.rows[0];
      }
      const email = typeof claims.email === 'string' ? claims.email.trim() : '';
      const verified = claims.email_verified === true || claims.email_verified === 'true';
      if (!email || !verified || email.length > 254 || !email.includes('@')) throw new OidcFailure('unverified_email');

      const given = [claims.given_name, claims.family_name].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(' ');
      const name = stripBidiControls((typeof claims.name === 'string' && claims.name.trim()) || given || email.split('@')[0]!)
        .trim()
        .slice(0, 100);
      const locale = typeof claims.locale === 'string' && claims.locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
      // A concurrent sign-in or sign-up with the same email cannot make a second account.
      await tx.query(
        `INSERT INTO users (name, email, password_hash, role, locale, email_verified_at) VALUES ($1, $2, NULL, 'customer', $3, $4)
         ON CONFLICT ((lower(email))) DO NOTHING`,
        [name, email, locale, clock.now()],
      );
      let user = await findUserByEmail(tx, email);
      if (!user) throw new OidcFailure('invalid');
      if (user.disabled_at) throw new OidcFailure('disabled');
      if (!user.email_verified_at) {
        const now = clock.now();
        const { rows: taken } = await tx.query<UserRow>(
          `UPDATE users SET password_hash = NULL, email_verified_at = $2, name = $3, locale = $4, updated_at = $2
            WHERE id = $1 AND email_verified_at IS NULL RETURNING ${USER_COLUMNS}`,
          [user.id, now, name, locale],
        );
        if (taken[0]) {
          user = taken[0];
          const userId = user.id;
          await deleteUserSessions(tx, userId);
          await tx.query('UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
          await tx.query('UPDATE email_verification_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
          tx.afterCommit(() => deps.events?.publish({ type: 'user.access_changed', userId }));
        }
      }
      await tx.query('INSERT INTO user_identities (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [issuer, subject, user.id]);
      return user;
    });
  }
}

export type Oidc = ReturnType<typeof createOidc>;
