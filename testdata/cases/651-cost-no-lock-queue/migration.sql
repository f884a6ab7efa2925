-- Each kind of work under a lock, on tables nobody else is using.
SET lock_timeout = '2s';
SET statement_timeout = '60s';
-- A rewrite of the table and its two indexes.
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
-- A validating scan.
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
-- An index build.
CREATE INDEX orders_total ON orders (total);
-- Catalog only.
ALTER TABLE orders DROP COLUMN notes;
-- A partitioned table: sizes and rows summed over its partitions.
ALTER TABLE events ADD COLUMN seq bigint DEFAULT nextval('s');
-- Never analyzed: rows unknown.
ALTER TABLE fresh ALTER COLUMN id TYPE text;
