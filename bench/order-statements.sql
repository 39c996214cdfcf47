-- pgbench script: the SQL one order request sends, in the same order, with pgbench's
-- C client in place of Node — the database's own ceiling for our checkout on this
-- machine. Variables: :centre (-D); buyers are drawn from bench_users (n 0..99 → the load
-- test's buyers and their session), products from bench_products (n 0..19 → product id),
-- two per order as in the load test.
-- Since issue 21 an order is the session lookup (which notes the session's use once a minute;
-- the server sends it about once a second per buyer, SESSION_CACHE_MS), one statement
-- (place_order, migration 022: its own transaction) and, with the Socket.IO PostgreSQL
-- adapter, one NOTIFY.
\set u random(0, 99)
\set a random(0, 19)
\set b (:a + 7) % 20
WITH found AS (
  SELECT u.id, u.name, u.email, u.role, u.locale, u.email_verified_at IS NOT NULL AS verified, s.expires_at, s.token_hash
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = (SELECT token_hash FROM bench_users WHERE n = :u) AND s.expires_at > now() AND u.disabled_at IS NULL),
noted AS (
  UPDATE sessions SET last_seen_at = now()
   WHERE token_hash IN (SELECT token_hash FROM found) AND (last_seen_at IS NULL OR last_seen_at <= now() - interval '60 seconds'))
SELECT id, name, email, role, locale, verified, expires_at FROM found;
SELECT place_order(jsonb_build_object(
  'orderId', gen_random_uuid(), 'userId', (SELECT id FROM bench_users WHERE n = :u), 'centreId', CAST(:centre AS text),
  'lines', jsonb_build_array(
    jsonb_build_object('productId', (SELECT id FROM bench_products WHERE n = :a), 'quantity', 1, 'donate', false),
    jsonb_build_object('productId', (SELECT id FROM bench_products WHERE n = :b), 'quantity', 1, 'donate', false)),
  'donationOnly', false, 'now', now(), 'holdExpiresAt', now() + interval '15 minutes', 'requestHash', md5(random()::text),
  'pickupCodeHash', md5(random()::text) || md5(random()::text),
  'payment', jsonb_build_object('id', gen_random_uuid(), 'provider', 'demo', 'url', '/pay/demo/x', 'providerRef', 'demo_' || md5(random()::text)),
  'limits', jsonb_build_object('unpaidOrders', 1000000, 'heldUnits', 1000000000, 'orderLines', 100, 'unitsPerProduct', 1000, 'orderCents', 100000000)));
-- What the Socket.IO adapter publishes for one order: the order and its stock, to the other nodes (~1.6 KB).
SELECT pg_notify('bench', repeat('x', 1600));
