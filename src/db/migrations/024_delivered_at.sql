-- Issue 19, uncollected orders at centres without slots: such an order is offered to the
-- centre UNCOLLECTED_DAYS after it became "delivered", so the order keeps that moment.
-- Orders delivered before this migration keep NULL and are never offered: they were handed
-- over before the shop could record it ("collected" did not exist for them).
ALTER TABLE orders ADD COLUMN delivered_at timestamptz;
