-- Issue 20: what a centre needs (a product, a target quantity, an optional end date and a
-- short why), filled by paid gifts of that product to that centre.
CREATE TABLE needs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id        uuid NOT NULL REFERENCES centres (id),
  product_id       uuid NOT NULL REFERENCES products (id),
  target_quantity  integer NOT NULL CHECK (target_quantity >= 1),
  given_quantity   integer NOT NULL DEFAULT 0 CHECK (given_quantity >= 0),
  until            date,
  note             text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX needs_centre_idx ON needs (centre_id);
CREATE INDEX needs_centre_product_idx ON needs (centre_id, product_id);

-- Which paid order's gifts went to which need, and how many: a cancellation takes back
-- exactly what its order gave (a need deleted since forgets its gifts).
CREATE TABLE need_gifts (
  need_id   uuid NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
  order_id  uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  quantity  integer NOT NULL CHECK (quantity >= 1),
  PRIMARY KEY (need_id, order_id)
);
CREATE INDEX need_gifts_order_idx ON need_gifts (order_id);
