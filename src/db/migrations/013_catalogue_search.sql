-- Issue 17, point 2: search that finds. French full-text search (stemming), accents and
-- case ignored (unaccent), typos tolerated (pg_trgm), admin-editable keywords, and English
-- names, descriptions and keywords for visitors reading the shop in English. Both
-- extensions ship with PostgreSQL's contrib package and with PGlite (loaded by its driver);
-- both are "trusted", so a database owner without superuser rights may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE products
  ADD COLUMN name_en        text,
  ADD COLUMN description_en text,
  ADD COLUMN keywords       text[] NOT NULL DEFAULT '{}',
  ADD COLUMN keywords_en    text[] NOT NULL DEFAULT '{}',
  -- Net weight of one unit, for the impact figures (kilograms given); null when unknown.
  ADD COLUMN weight_grams   integer CHECK (weight_grams IS NULL OR weight_grams > 0);
