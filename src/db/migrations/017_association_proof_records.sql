-- Issue 18, point 3: the association's own details, set by the admin (one row), and the
-- proofs as issued: each processed order's proof keeps the issuer it was issued under and a
-- short code for its verification link, so what was issued is what is verified.

CREATE TABLE association (
  id               boolean PRIMARY KEY DEFAULT true CHECK (id),
  name             text NOT NULL DEFAULT 'Panier Solidaire',
  address          text NOT NULL DEFAULT '',
  postcode         text NOT NULL DEFAULT '',
  city             text NOT NULL DEFAULT '',
  rna              text NOT NULL DEFAULT '',
  siret            text NOT NULL DEFAULT '',
  contact_email    text NOT NULL DEFAULT '',
  signatory_name   text NOT NULL DEFAULT '',
  signatory_title  text NOT NULL DEFAULT '',
  updated_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO association (id) VALUES (true);

CREATE TABLE proof_records (
  order_id   uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  code       text NOT NULL UNIQUE,
  issuer     jsonb NOT NULL,
  issued_at  timestamptz NOT NULL DEFAULT now()
);
