-- No migration defines order_status: the catalog says which columns hold
-- it (a column, an array, a domain, an array of the domain).
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';
-- The new color drops 'green', which 10 arrays hold and the code appends.
ALTER TYPE color RENAME TO color_old;
CREATE TYPE color AS ENUM ('red', 'blue');
ALTER TABLE items ALTER COLUMN colors TYPE color[] USING colors::text[]::color[];
