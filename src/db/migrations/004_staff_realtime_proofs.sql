-- Secrets the application makes for itself at first start (e.g. the key that signs
-- proof links), shared by every node through the database.
CREATE TABLE app_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Used by @socket.io/postgres-adapter for payloads too large for NOTIFY (several nodes).
CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id          bigserial UNIQUE,
  created_at  timestamptz DEFAULT now(),
  payload     bytea
);
