-- Issue 18, points 1 and 2: a new order is acknowledged once, by one person, for every staff
-- screen (the "NOUVELLE" mark survives a reload until then); a status change carries an internal
-- note (staff only, the existing `note`) and, apart, the message meant for the customer.
ALTER TABLE orders ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE orders ADD COLUMN acknowledged_by uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE order_events ADD COLUMN customer_message text;

-- The reminder and the dashboard look for paid orders nobody has acknowledged yet.
CREATE INDEX orders_unacknowledged_idx ON orders (created_at) WHERE acknowledged_at IS NULL;
