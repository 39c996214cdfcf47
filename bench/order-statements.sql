-- pgbench script: the SQL one order request sends, in the same order, with pgbench's
-- C client in place of Node — the database's own ceiling for our checkout on this
-- machine. Variables: :session (a session token hash), :usr, :centre (-D); products are
-- drawn from bench_products (n 0..19 → product id), two per order as in the load test.
\set a random(0, 19)
\set b (:a + 7) % 20
SELECT u.id, u.name, u.email, u.role, u.locale FROM sessions s JOIN users u ON u.id = s.user_id
 WHERE s.token_hash = :session AND s.expires_at > now() AND u.disabled_at IS NULL;
BEGIN;
SELECT id, name, address, postcode, city, opening_hours, lat, lng FROM centres WHERE id = :centre AND active;
SELECT id, name, unit, price_cents, max_per_order FROM products
 WHERE id = ANY(ARRAY(SELECT id FROM bench_products WHERE n IN (:a, :b))) AND on_sale;
INSERT INTO orders (id, number, user_id, centre_id, status, donation_only, total_cents, donation_total_cents, hold_expires_at, created_at, updated_at)
 VALUES (gen_random_uuid(), 'PS-' || lpad(nextval('order_number_seq')::text, 6, '0'), :usr, :centre, 'pending_payment', false, 300, 0, now() + interval '15 minutes', now(), now())
 RETURNING id AS order_id, number, version \gset
INSERT INTO order_items (order_id, position, product_id, name, unit, unit_price_cents, quantity, donate, line_total_cents)
 SELECT :order_id, row_number() OVER (), p.id, p.name, p.unit, p.price_cents, 1, false, p.price_cents
   FROM products p JOIN bench_products b ON b.id = p.id WHERE b.n IN (:a, :b);
INSERT INTO order_events (order_id, status, actor_id, actor_role, note, at) VALUES (:order_id, 'pending_payment', :usr, 'customer', NULL, now());
INSERT INTO payments (order_id, provider, amount_cents, status, created_at, updated_at) VALUES (:order_id, 'demo', 300, 'pending', now(), now())
 RETURNING id AS payment_id \gset
DELETE FROM cart_items WHERE user_id = :usr;
UPDATE products SET stock = stock - 1, updated_at = now()
 WHERE id = (SELECT id FROM bench_products WHERE n IN (:a, :b) ORDER BY id LIMIT 1) AND stock - 1 >= 0 RETURNING stock;
UPDATE products SET stock = stock - 1, updated_at = now()
 WHERE id = (SELECT id FROM bench_products WHERE n IN (:a, :b) ORDER BY id OFFSET 1 LIMIT 1) AND stock - 1 >= 0 RETURNING stock;
INSERT INTO stock_movements (product_id, delta, reason, order_id, actor_id, note)
 SELECT id, -1, 'order_hold', :order_id, :usr, NULL FROM bench_products WHERE n IN (:a, :b) ORDER BY id;
END;
UPDATE payments SET url = coalesce(url, '/pay/demo/' || :order_id), provider_ref = coalesce(provider_ref, 'demo_' || :payment_id), updated_at = now()
 WHERE id = :payment_id RETURNING url, provider_ref;
-- What the Socket.IO adapter publishes for one order: the order to its owner and to staff
-- (~1.5 KB each), and two stock:changed.
SELECT pg_notify('bench', repeat('x', 1500));
SELECT pg_notify('bench', repeat('x', 1500));
SELECT pg_notify('bench', '{"productId":"00000000-0000-0000-0000-000000000000","stock":100}');
SELECT pg_notify('bench', '{"productId":"00000000-0000-0000-0000-000000000000","stock":100}');
