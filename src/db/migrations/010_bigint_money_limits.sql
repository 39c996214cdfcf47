-- Issue 15, finding 6: money columns that add lines up are bigint, so no order total can
-- overflow a 32-bit integer (an order of many expensive lines answered 500). Both drivers
-- read int8 back as a JS number (our amounts stay far below 2^53).
ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint, ALTER COLUMN donation_total_cents TYPE bigint;
ALTER TABLE order_items ALTER COLUMN line_total_cents TYPE bigint;
ALTER TABLE payments ALTER COLUMN amount_cents TYPE bigint, ALTER COLUMN refunded_cents TYPE bigint;

-- Issue 15, finding 2: placing an order counts the account's unpaid orders and the units
-- they hold; this keeps that read to the account's few unpaid orders.
CREATE INDEX orders_user_unpaid_idx ON orders (user_id) WHERE status = 'pending_payment';
