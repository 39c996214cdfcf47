-- Issue 17 (points 9, 11, 12c): sessions a person can see and end, the footer's editable
-- pages, and "tell me when it is back" subscriptions.

-- A session is shown to its owner by an opaque id that is not its token (nor the token's
-- hash, which keys the table): knowing it opens nothing. last_seen_at is written at most
-- once per SESSION_TOUCH_SECONDS, so reads stay reads.
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;
CREATE UNIQUE INDEX sessions_id_key ON sessions (id);

-- The shop's footer pages as the admin wrote them (markdown), one row per page and
-- language; a page without a row shows the default text shipped with the code.
CREATE TABLE site_pages (
  slug        text NOT NULL,
  lang        text NOT NULL CHECK (lang IN ('fr', 'en')),
  title       text NOT NULL,
  body        text NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (slug, lang)
);

-- "Prévenez-moi": one subscription per person and product, mailed once when the product
-- is back in stock (notified_at set in the transaction that queues the mail).
CREATE TABLE stock_alerts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  product_id   uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  notified_at  timestamptz,
  UNIQUE (user_id, product_id)
);
CREATE INDEX stock_alerts_waiting_idx ON stock_alerts (product_id) WHERE notified_at IS NULL;
