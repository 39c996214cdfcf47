-- Issue 19: pickup slots, the "collected" status, pickup codes, reminders and no-shows.
-- A centre that takes slots has a slot length and a number of orders per slot (both NULL:
-- customers come any time it is open). An order keeps the slot it was given (start and end,
-- copied so that a later change of the centre's hours never moves it); pickup_slot_locks
-- holds one row per (centre, slot start) that placements lock before counting the orders of
-- the slot, so that concurrent buyers of the last place queue and exactly one gets it.
ALTER TABLE centres ADD COLUMN slot_minutes integer CHECK (slot_minutes IS NULL OR slot_minutes BETWEEN 5 AND 480);
ALTER TABLE centres ADD COLUMN slot_capacity integer CHECK (slot_capacity IS NULL OR slot_capacity BETWEEN 1 AND 10000);

ALTER TABLE orders ADD COLUMN pickup_slot_start timestamptz;
ALTER TABLE orders ADD COLUMN pickup_slot_end timestamptz;
-- sha256 of the pickup code (the code itself is an HMAC of the order id, recomputed for its owner).
ALTER TABLE orders ADD COLUMN pickup_code_hash text;
ALTER TABLE orders ADD COLUMN reminded_day_at timestamptz;
ALTER TABLE orders ADD COLUMN reminded_hour_at timestamptz;
ALTER TABLE orders ADD COLUMN offered_to_centre_at timestamptz;
CREATE INDEX orders_pickup_slot_idx ON orders (centre_id, pickup_slot_start);
CREATE UNIQUE INDEX orders_pickup_code_idx ON orders (pickup_code_hash);

CREATE TABLE pickup_slot_locks (
  centre_id  uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  starts_at  timestamptz NOT NULL,
  PRIMARY KEY (centre_id, starts_at)
);

-- "collected": the customer took their goods at the centre (after "delivered").
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
  ('pending_payment', 'paid', 'in_preparation', 'in_delivery', 'delivered', 'collected', 'canceled'));
