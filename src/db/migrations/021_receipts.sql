-- Issue 20, point 3: tax receipts for gifts, when the association enables them. The admin
-- sets the association's object, the legal basis it chooses and the nature of the gift;
-- each paid order's gift then gets a number RF-YYYY-NNNNNN, allocated from its Paris year's
-- counter row in the transaction that marks the order paid (a rollback leaves no gap).
-- A receipt is never deleted nor renumbered: a refund or a cancellation marks it void.

ALTER TABLE association
  ADD COLUMN object               text    NOT NULL DEFAULT '',
  ADD COLUMN receipts_enabled     boolean NOT NULL DEFAULT false,
  ADD COLUMN receipt_legal_basis  text    NOT NULL DEFAULT '',
  ADD COLUMN receipt_nature       text    NOT NULL DEFAULT 'don en nature acheté au prix coûtant';

CREATE TABLE receipt_counters (
  year  integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
  last  integer NOT NULL CHECK (last >= 1)
);

CREATE TABLE receipts (
  number        text PRIMARY KEY CHECK (number ~ '^RF-[0-9]{4}-[0-9]{6,}$'),
  year          integer NOT NULL,
  seq           integer NOT NULL CHECK (seq >= 1),
  order_id      uuid NOT NULL UNIQUE REFERENCES orders (id),
  user_id       uuid REFERENCES users (id) ON DELETE SET NULL,
  amount_cents  bigint NOT NULL CHECK (amount_cents > 0),
  -- When the gift was made (the order paid), and the issuer's details as issued.
  issued_at     timestamptz NOT NULL,
  issuer        jsonb NOT NULL,
  void          boolean NOT NULL DEFAULT false,
  voided_at     timestamptz,
  UNIQUE (year, seq),
  CHECK (void = (voided_at IS NOT NULL))
);
CREATE INDEX receipts_user_idx ON receipts (user_id, year);
CREATE INDEX receipts_year_idx ON receipts (year, seq);
