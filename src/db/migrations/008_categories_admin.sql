-- Categories managed from the admin panel (issue 14): an optional English name shown to
-- visitors who read the shop in English (the French name stands in when it is missing),
-- and when each category was last changed. `position` (display order) already exists.

ALTER TABLE categories ADD COLUMN name_en text;
ALTER TABLE categories ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE categories ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Counting a category's products (admin list, refusing to delete a category in use) reads
-- every product of that category, on sale or not; products_category_idx covers only those on sale.
CREATE INDEX products_category_all_idx ON products (category_slug);
