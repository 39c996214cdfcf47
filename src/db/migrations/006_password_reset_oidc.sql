-- Password reset links, OpenID Connect identities and sign-ins in progress.

-- A reset link's token is random; only its SHA-256 is stored, so a leaked table hands out
-- no working link. Single use (used_at), valid one hour (expires_at, from the app's clock).
CREATE TABLE password_reset_tokens (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id);
CREATE INDEX password_reset_tokens_expires_idx ON password_reset_tokens (expires_at);

-- Accounts linked to an OpenID Connect provider: the provider's stable subject, once
-- the first sign-in matched or created the account by verified email.
CREATE TABLE user_identities (
  issuer      text NOT NULL,
  subject     text NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- OpenID Connect sign-ins in progress (state, nonce, PKCE verifier), kept server-side and
-- bound to the browser that started them by a random value in a short-lived HttpOnly
-- cookie (only its SHA-256 is stored). Each row is used once, within ten minutes.
CREATE TABLE oidc_logins (
  binding_hash   text PRIMARY KEY,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  next_path      text NOT NULL DEFAULT '/',
  expires_at     timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);
