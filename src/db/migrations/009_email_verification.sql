-- Email verification: whether the person behind an account has shown they read its
-- mailbox. OpenID Connect links a provider identity to a password account only once
-- that is known; otherwise the sign-in takes the account over (its password removed, its
-- sessions ended), so that someone who signed up with another person's address before
-- them cannot keep a way in.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

-- Accounts that existed before this migration: only those whose address has been proven
-- are marked verified — linked to a provider that vouched for the email (that is how the
-- link was made), or that completed a password reset (the link went to the mailbox).
-- Marking every existing account verified would keep in place any pre-hijack planted
-- before the upgrade; the others lose nothing (ordering does not need it) and can verify
-- from their account page.
UPDATE users SET email_verified_at = now()
 WHERE id IN (SELECT user_id FROM user_identities)
    OR id IN (SELECT user_id FROM password_reset_tokens WHERE used_at IS NOT NULL);

-- A verification link's token is random; only its SHA-256 is stored. Single use,
-- valid EMAIL_VERIFY_HOURS, and only for the address it was sent to (`email`).
CREATE TABLE email_verification_tokens (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email       text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX email_verification_tokens_user_idx ON email_verification_tokens (user_id);
CREATE INDEX email_verification_tokens_expires_idx ON email_verification_tokens (expires_at);
