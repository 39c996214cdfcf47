-- Accounts, sessions, login throttling, catalogue, centres and stock movements.

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  email         text NOT NULL,
  password_hash text,                       -- null for accounts created through OpenID Connect
  role          text NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'staff', 'admin')),
  locale        text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Email is case-insensitive: one account per lower-cased address.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Server-side sessions. The cookie carries a random token; only its SHA-256 is
-- stored, so a leaked table does not hand out live sessions.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  user_agent   text,
  ip           text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed logins, by account ("acct:<email>") and by address ("ip:<addr>"), kept in the
-- database so every node throttles the same way.
CREATE TABLE auth_failures (
  id         bigserial PRIMARY KEY,
  key        text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_failures_key_at_idx ON auth_failures (key, at);

CREATE TABLE categories (
  slug      text PRIMARY KEY,
  name      text NOT NULL,
  position  integer NOT NULL DEFAULT 0
);

CREATE TABLE products (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug           text NOT NULL UNIQUE,
  name           text NOT NULL,
  description    text NOT NULL DEFAULT '',
  category_slug  text NOT NULL REFERENCES categories (slug),
  unit           text NOT NULL DEFAULT '',
  price_cents    integer NOT NULL CHECK (price_cents >= 0),
  -- The last guard of invariant 1: whatever the code does, stock never goes below zero.
  stock          integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  image_path     text,
  on_sale        boolean NOT NULL DEFAULT true,
  max_per_order  integer CHECK (max_per_order IS NULL OR max_per_order >= 1),
  -- Lower-cased, accent-free name and description, written by the application, so
  -- search ignores case and accents identically on PostgreSQL and PGlite without
  -- depending on the unaccent extension.
  search_text    text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category_slug) WHERE on_sale;
CREATE INDEX products_name_idx ON products (name);

CREATE TABLE stock_movements (
  id          bigserial PRIMARY KEY,
  product_id  uuid NOT NULL REFERENCES products (id),
  delta       integer NOT NULL CHECK (delta <> 0),
  reason      text NOT NULL,
  order_id    uuid,
  actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_product_idx ON stock_movements (product_id);

CREATE TABLE centres (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL,
  address        text NOT NULL,
  postcode       text NOT NULL,
  city           text NOT NULL,
  opening_hours  text NOT NULL DEFAULT '',
  lat            double precision NOT NULL,
  lng            double precision NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
