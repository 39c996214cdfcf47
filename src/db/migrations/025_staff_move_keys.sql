-- A staff move sent again with the same Idempotency-Key (the pickup mode's offline queue
-- resends a hand-over whose answer was lost on a phone's flaky link) is recognised as the
-- move already made, not reported as a conflict with oneself. The key is the sender's:
-- unique per order and staff member.
ALTER TABLE order_events ADD COLUMN request_key text;
CREATE UNIQUE INDEX order_events_request_key_idx ON order_events (order_id, actor_id, request_key) WHERE request_key IS NOT NULL;
