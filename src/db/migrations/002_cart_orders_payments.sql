-- Cart, orders with their lines and history, idempotency keys, payments.

CREATE TABLE cart_items (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  product_id  uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  donate      boolean NOT NULL DEFAULT false,
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, product_id)
);

CREATE SEQUENCE order_number_seq;

CREATE TABLE orders (
  id                    uuid PRIMARY KEY,
  number                text NOT NULL UNIQUE,
  user_id               uuid REFERENCES users (id) ON DELETE SET NULL,
  centre_id             uuid NOT NULL REFERENCES centres (id),
  status                text NOT NULL CHECK (status IN
                          ('pending_payment', 'paid', 'in_preparation', 'in_delivery', 'delivered', 'canceled')),
  donation_only         boolean NOT NULL DEFAULT false,
  total_cents           integer NOT NULL CHECK (total_cents >= 0),
  donation_total_cents  integer NOT NULL CHECK (donation_total_cents >= 0),
  hold_expires_at       timestamptz NOT NULL,
  -- Bumped by every status change; staff send the version they saw, so the second of two
  -- colleagues acting at once gets a conflict instead of silently overwriting.
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC);
CREATE INDEX orders_status_idx ON orders (status, created_at DESC);
CREATE INDEX orders_pending_hold_idx ON orders (hold_expires_at) WHERE status = 'pending_payment';

-- Name and price are copied at order time: later catalogue edits never change an order.
CREATE TABLE order_items (
  order_id          uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position          integer NOT NULL,
  product_id        uuid NOT NULL REFERENCES products (id),
  name              text NOT NULL,
  unit              text NOT NULL DEFAULT '',
  unit_price_cents  integer NOT NULL CHECK (unit_price_cents >= 0),
  quantity          integer NOT NULL CHECK (quantity >= 1),
  donate            boolean NOT NULL,
  line_total_cents  integer NOT NULL CHECK (line_total_cents >= 0),
  PRIMARY KEY (order_id, position)
);

CREATE TABLE order_events (
  id          bigserial PRIMARY KEY,
  order_id    uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  status      text NOT NULL,
  actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_role  text NOT NULL,            -- customer | staff | admin | system | payment
  note        text,
  at          timestamptz NOT NULL
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

-- Idempotency-Key of POST /api/orders, per customer. The row is inserted in the
-- order's own transaction: a concurrent retry with the same key waits on it, then
-- finds the order already made.
CREATE TABLE idempotency_keys (
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  order_id      uuid REFERENCES orders (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

CREATE TABLE payments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id        uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  provider        text NOT NULL CHECK (provider IN ('demo', 'stripe')),
  provider_ref    text,            -- Checkout Session id (Stripe) or demo reference
  payment_intent  text,            -- what a refund is made against (Stripe)
  amount_cents    integer NOT NULL CHECK (amount_cents >= 0),
  refunded_cents  integer NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents),
  status          text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  url             text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX payments_order_idx ON payments (order_id, created_at DESC);
CREATE INDEX payments_created_idx ON payments (created_at DESC);
CREATE UNIQUE INDEX payments_provider_ref_key ON payments (provider, provider_ref) WHERE provider_ref IS NOT NULL;

-- Provider events acted on, once each (a webhook repeated by Stripe is a no-op).
CREATE TABLE payment_events (
  provider     text NOT NULL,
  event_id     text NOT NULL,
  type         text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
