-- Issue 21: an order is placed in one round trip. place_order(p jsonb) is the one place where
-- the placement rules live (both drivers: PGlite runs PL/pgSQL too). It runs as a single
-- statement, so it is its own transaction: any refusal raised here rolls back everything it
-- wrote (idempotency key, order, lines, history, payment, cart, holds).
--
-- Refusals are raised with SQLSTATE 'PS001', the reason as the message and its details as JSON
-- in DETAIL; orders/placement.ts words them (French) and answers the same 4xx as before.
-- Input (built by orders/placement.ts):
--   {orderId, userId, centreId, lines: [{productId, quantity, donate}] (merged, in order),
--    donationOnly, now, holdExpiresAt, idempotencyKey?, requestHash, pickupCodeHash?,
--    payment: {id, provider, url?, providerRef?},
--    limits: {unpaidOrders, heldUnits, orderLines, unitsPerProduct, orderCents},
--    slot?: {offered, slotMinutes, start?, end?, later: [iso…]}}

CREATE FUNCTION ps_refuse(reason text, details jsonb DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'PS001', MESSAGE = reason, DETAIL = coalesce(details, 'null'::jsonb)::text;
END $$;

-- A line of an order input, with its product (null columns: no such product), the units of its
-- product across the order's lines and the index of the product's first line.
CREATE TYPE ps_line AS (i int, product_id uuid, quantity int, donate boolean, units int, first_i int,
                        known boolean, on_sale boolean, name text, unit text, price_cents int, max_per_order int, stock int);

-- The lines, read once per placement (with the products as last committed); the checks below
-- go over this array, not over the tables again.
CREATE FUNCTION ps_order_lines(p jsonb) RETURNS SETOF ps_line LANGUAGE sql STABLE AS $$
  WITH l AS (
    SELECT (x.ord - 1)::int AS i, (x.e->>'productId')::uuid AS product_id, (x.e->>'quantity')::int AS quantity,
           coalesce((x.e->>'donate')::boolean, false) AS donate
      FROM jsonb_array_elements(p->'lines') WITH ORDINALITY AS x(e, ord))
  SELECT l.i, l.product_id, l.quantity, l.donate,
         (sum(l.quantity) OVER (PARTITION BY l.product_id))::int,
         (min(l.i) OVER (PARTITION BY l.product_id))::int,
         pr.id IS NOT NULL, pr.on_sale, pr.name, pr.unit, pr.price_cents, pr.max_per_order, pr.stock
    FROM l LEFT JOIN products pr ON pr.id = l.product_id
   ORDER BY l.i
$$;

-- Claims a place in a centre's slot (placing, or moving `except_order` to it): the slot's lock row
-- is locked to the end of the transaction, then its non-canceled orders are counted. A full slot
-- is refused 'slot_full' with up to five of the `later` starts (ISO strings) that still have room.
CREATE FUNCTION ps_claim_slot(centre uuid, start timestamptz, capacity int, later text[], except_order uuid)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  taken int;
  next jsonb;
BEGIN
  INSERT INTO pickup_slot_locks (centre_id, starts_at) VALUES (centre, start) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM pickup_slot_locks WHERE centre_id = centre AND starts_at = start FOR UPDATE;
  SELECT count(*) INTO taken FROM orders
   WHERE centre_id = centre AND pickup_slot_start = start AND status <> 'canceled' AND id IS DISTINCT FROM except_order;
  IF taken >= capacity THEN
    SELECT coalesce(jsonb_agg(s ORDER BY n), '[]'::jsonb) INTO next
      FROM (SELECT s, n FROM unnest(later) WITH ORDINALITY AS x(s, n)
             WHERE (SELECT count(*) FROM orders o
                     WHERE o.centre_id = centre AND o.pickup_slot_start = x.s::timestamptz AND o.status <> 'canceled'
                       AND o.id IS DISTINCT FROM except_order) < capacity
             ORDER BY n LIMIT 5) free;
    PERFORM ps_refuse('slot_full', jsonb_build_object('next', next));
  END IF;
END $$;

CREATE FUNCTION place_order(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid := (p->>'userId')::uuid;
  v_order uuid := (p->>'orderId')::uuid;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_key text := p->>'idempotencyKey';
  v_limits jsonb := p->'limits';
  v_slot jsonb := p->'slot';
  v_centre centres%ROWTYPE;
  v_first record;
  v_details jsonb;
  v_total bigint;
  v_donation bigint;
  v_units int;
  v_held_orders int;
  v_held_units int;
  v_for_customer boolean;
  v_slot_start timestamptz;
  v_slot_end timestamptz;
  v_number text;
  v_version int;
  v_line record;
  v_stock int;
  v_stocks jsonb := '[]'::jsonb;
  v_short jsonb := '[]'::jsonb;
  v_items jsonb;
  v_lines ps_line[];
BEGIN
  -- The order's own size.
  IF jsonb_array_length(p->'lines') > (v_limits->>'orderLines')::int THEN
    PERFORM ps_refuse('limit_reached', jsonb_build_object('limit', 'LIMIT_ORDER_LINES', 'max', (v_limits->>'orderLines')::int));
  END IF;

  -- One placement per account at a time: the account-wide limits below count what is committed.
  -- NO KEY UPDATE, so foreign-key checks of other writes naming the account do not queue behind it.
  PERFORM 1 FROM users WHERE id = v_user FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    PERFORM ps_refuse('unauthenticated');
  END IF;

  -- The idempotency key: a concurrent request with the same key waits on this row, then finds
  -- the first order committed (a replay) or a different body (a conflict).
  IF v_key IS NOT NULL THEN
    INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (v_user, v_key, p->>'requestHash') ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      SELECT request_hash, order_id INTO v_first FROM idempotency_keys WHERE user_id = v_user AND key = v_key;
      IF NOT FOUND OR v_first.request_hash <> p->>'requestHash' OR v_first.order_id IS NULL THEN
        PERFORM ps_refuse('idempotency_conflict');
      END IF;
      RETURN jsonb_build_object('replayOf', v_first.order_id);
    END IF;
  END IF;

  SELECT * INTO v_centre FROM centres WHERE id = (p->>'centreId')::uuid AND active;
  IF NOT FOUND THEN
    PERFORM ps_refuse('unknown_centre');
  END IF;
  SELECT array_agg(l ORDER BY l.i) INTO v_lines FROM ps_order_lines(p) l;

  -- A product taken off sale is refused by name, never dropped from the order silently.
  SELECT jsonb_agg(jsonb_build_object('productId', product_id, 'name', name) ORDER BY i) INTO v_details
    FROM unnest(v_lines) WHERE known AND NOT on_sale AND i = first_i;
  IF v_details IS NOT NULL THEN
    PERFORM ps_refuse('product_off_sale', v_details);
  END IF;
  -- Unknown products, and products past their own max_per_order (every line at fault).
  SELECT jsonb_agg(CASE WHEN NOT known THEN jsonb_build_object('index', i, 'problem', 'unknown')
                        ELSE jsonb_build_object('index', i, 'problem', 'max_per_order', 'max', max_per_order, 'name', name) END ORDER BY i)
    INTO v_details
    FROM unnest(v_lines) WHERE NOT known OR (max_per_order IS NOT NULL AND units > max_per_order);
  IF v_details IS NOT NULL THEN
    PERFORM ps_refuse('invalid_lines', v_details);
  END IF;
  -- A product without a cap of its own gets the shop's default cap (anti-hoarding).
  SELECT name INTO v_first FROM unnest(v_lines)
   WHERE max_per_order IS NULL AND units > (v_limits->>'unitsPerProduct')::int AND i = first_i ORDER BY i LIMIT 1;
  IF FOUND THEN
    PERFORM ps_refuse('limit_reached', jsonb_build_object('limit', 'LIMIT_UNITS_PER_PRODUCT', 'max', (v_limits->>'unitsPerProduct')::int, 'name', v_first.name));
  END IF;

  -- Priced at today's prices (copied into the order: later price changes never touch it).
  SELECT coalesce(sum(price_cents::bigint * quantity), 0), coalesce(sum(price_cents::bigint * quantity) FILTER (WHERE donate), 0),
         coalesce(sum(quantity), 0), bool_or(NOT donate)
    INTO v_total, v_donation, v_units, v_for_customer
    FROM unnest(v_lines);
  IF v_total > (v_limits->>'orderCents')::bigint THEN
    PERFORM ps_refuse('limit_reached', jsonb_build_object('limit', 'LIMIT_ORDER_CENTS', 'max', (v_limits->>'orderCents')::bigint));
  END IF;

  -- The account's unpaid orders (they hold stock until paid or released).
  SELECT count(DISTINCT o.id)::int, coalesce(sum(i.quantity), 0)::int INTO v_held_orders, v_held_units
    FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
   WHERE o.user_id = v_user AND o.status = 'pending_payment';
  IF v_held_orders >= (v_limits->>'unpaidOrders')::int THEN
    PERFORM ps_refuse('limit_reached', jsonb_build_object('limit', 'LIMIT_UNPAID_ORDERS', 'max', (v_limits->>'unpaidOrders')::int, 'held', v_held_orders));
  END IF;
  IF v_held_units + v_units > (v_limits->>'heldUnits')::int THEN
    PERFORM ps_refuse('limit_reached', jsonb_build_object('limit', 'LIMIT_HELD_UNITS', 'max', (v_limits->>'heldUnits')::int));
  END IF;

  -- A pickup slot for the customer's lines (none for a gift-only order), when the centre takes
  -- slots. Which slots the centre's hours offer is computed by the caller (centres/slots.ts);
  -- here: one must be chosen, it must be one of them, and it must have room.
  IF v_for_customer AND v_centre.slot_minutes IS NOT NULL AND v_centre.slot_capacity IS NOT NULL THEN
    IF v_slot IS NULL OR jsonb_typeof(v_slot) = 'null' THEN
      PERFORM ps_refuse('slot_required');
    END IF;
    IF NOT (v_slot->>'offered')::boolean OR (v_slot->>'slotMinutes')::int IS DISTINCT FROM v_centre.slot_minutes THEN
      PERFORM ps_refuse('slot_not_offered');
    END IF;
    v_slot_start := (v_slot->>'start')::timestamptz;
    v_slot_end := (v_slot->>'end')::timestamptz;
    PERFORM ps_claim_slot(v_centre.id, v_slot_start, v_centre.slot_capacity,
                          ARRAY(SELECT jsonb_array_elements_text(v_slot->'later')), NULL);
  END IF;

  -- A product already short (as last committed) is refused here, before anything is written or
  -- any product row is waited for: when many buyers race for the last units, the ones too late
  -- are answered at once. The holds below still decide, under the row locks.
  SELECT jsonb_agg(jsonb_build_object('productId', product_id, 'available', stock) ORDER BY product_id) INTO v_details
    FROM unnest(v_lines) WHERE i = first_i AND stock < units;
  IF v_details IS NOT NULL THEN
    PERFORM ps_refuse('insufficient_stock', v_details);
  END IF;

  -- The order, its lines, the first event of its history.
  INSERT INTO orders (id, number, user_id, centre_id, status, donation_only, total_cents, donation_total_cents, hold_expires_at,
                      created_at, updated_at, pickup_slot_start, pickup_slot_end, pickup_code_hash)
  VALUES (v_order, 'PS-' || lpad(nextval('order_number_seq')::text, 6, '0'), v_user, v_centre.id, 'pending_payment',
          (p->>'donationOnly')::boolean, v_total, v_donation, (p->>'holdExpiresAt')::timestamptz, v_now, v_now,
          v_slot_start, v_slot_end, p->>'pickupCodeHash')
  RETURNING number, version INTO v_number, v_version;
  INSERT INTO order_items (order_id, position, product_id, name, unit, unit_price_cents, quantity, donate, line_total_cents)
  SELECT v_order, i, product_id, name, unit, price_cents, quantity, donate, price_cents::bigint * quantity FROM unnest(v_lines);
  INSERT INTO order_events (order_id, status, actor_id, actor_role, note, at) VALUES (v_order, 'pending_payment', v_user, 'customer', NULL, v_now);

  -- The pending payment (its checkout link too, when the provider makes it without the network).
  INSERT INTO payments (id, order_id, provider, amount_cents, status, url, provider_ref, created_at, updated_at)
  VALUES ((p->'payment'->>'id')::uuid, v_order, p->'payment'->>'provider', v_total, 'pending',
          p->'payment'->>'url', p->'payment'->>'providerRef', v_now, v_now);

  DELETE FROM cart_items WHERE user_id = v_user;
  IF v_key IS NOT NULL THEN
    UPDATE idempotency_keys SET order_id = v_order WHERE user_id = v_user AND key = v_key;
  END IF;

  -- Last, the holds: product rows in id order (two orders over the same products never
  -- deadlock), each taking its units only if they are there, locked only to the commit.
  FOR v_line IN SELECT product_id, min(units) AS units FROM unnest(v_lines) GROUP BY product_id ORDER BY product_id LOOP
    UPDATE products SET stock = stock - v_line.units, updated_at = now()
     WHERE id = v_line.product_id AND stock - v_line.units >= 0 RETURNING stock INTO v_stock;
    IF FOUND THEN
      v_stocks := v_stocks || jsonb_build_object('productId', v_line.product_id, 'stock', v_stock);
    ELSE
      v_short := v_short || jsonb_build_object('productId', v_line.product_id,
                                              'available', coalesce((SELECT stock FROM products WHERE id = v_line.product_id), 0));
    END IF;
  END LOOP;
  IF jsonb_array_length(v_short) > 0 THEN
    PERFORM ps_refuse('insufficient_stock', v_short);
  END IF;
  INSERT INTO stock_movements (product_id, delta, reason, order_id, actor_id, note)
  SELECT product_id, -min(units), 'order_hold', v_order, v_user, NULL FROM unnest(v_lines) GROUP BY product_id ORDER BY product_id;

  SELECT jsonb_agg(jsonb_build_object('productId', product_id, 'name', name, 'unit', unit, 'unitPriceCents', price_cents,
                                      'quantity', quantity, 'donate', donate, 'lineTotalCents', price_cents::bigint * quantity) ORDER BY i)
    INTO v_items FROM unnest(v_lines);
  RETURN jsonb_build_object(
    'number', v_number, 'version', v_version, 'items', v_items, 'totalCents', v_total, 'donationTotalCents', v_donation,
    'centre', jsonb_build_object('id', v_centre.id, 'name', v_centre.name, 'address', v_centre.address, 'postcode', v_centre.postcode,
                                 'city', v_centre.city, 'openingHours', v_centre.opening_hours, 'lat', v_centre.lat, 'lng', v_centre.lng),
    'pickupSlot', CASE WHEN v_slot_start IS NULL THEN NULL ELSE jsonb_build_object('start', v_slot_start, 'end', v_slot_end) END,
    'stocks', v_stocks);
END $$;
