-- A person's postal address, optional (issue 20, receipts): the Cerfa n° 11580 receipt names
-- the donor with their address. Given by the person on their account page, printed on their
-- receipts and in the association's receipt list; erased with the account. All three or none.
ALTER TABLE users
  ADD COLUMN address_line text,
  ADD COLUMN address_postcode text,
  ADD COLUMN address_city text,
  ADD CONSTRAINT users_postal_address_whole CHECK (
    (address_line IS NULL AND address_postcode IS NULL AND address_city IS NULL)
    OR (address_line IS NOT NULL AND address_postcode IS NOT NULL AND address_city IS NOT NULL)
  );
