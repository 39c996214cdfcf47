-- A gift partly refunded (at the payment provider) can no longer be receipted for its whole
-- amount: its receipt is voided and a new one, with the next number, is issued for what the
-- donor still paid, naming the receipt it replaces. An order may so have several receipts,
-- at most one of them live.
ALTER TABLE receipts DROP CONSTRAINT receipts_order_id_key;
CREATE UNIQUE INDEX receipts_live_order_idx ON receipts (order_id) WHERE NOT void;
CREATE INDEX receipts_order_idx ON receipts (order_id);
ALTER TABLE receipts ADD COLUMN replaces text UNIQUE REFERENCES receipts (number);
