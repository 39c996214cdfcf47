-- Issue 17, point 1: a basket for people who are not signed in, kept on the server under a
-- cookie (only the SHA-256 of the cookie's token is stored), merged into the account's cart
-- at sign-up and sign-in, and purged by the sweeper once it expires (GUEST_CART_DAYS).
CREATE TABLE guest_carts (
  id          text PRIMARY KEY,
  -- SHA-256 of the client address: the creation rate limit (GUEST_CARTS_PER_MINUTE) counts by it.
  address     text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX guest_carts_expires_idx ON guest_carts (expires_at);
CREATE INDEX guest_carts_address_idx ON guest_carts (address, created_at);

CREATE TABLE guest_cart_items (
  cart_id     text NOT NULL REFERENCES guest_carts (id) ON DELETE CASCADE,
  product_id  uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  donate      boolean NOT NULL DEFAULT false,
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, product_id)
);
CREATE INDEX guest_cart_items_product_idx ON guest_cart_items (product_id);
