-- 'shipped' is held by rows of two tables; 'lost' by none.
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';
ALTER TYPE order_status RENAME VALUE 'lost' TO 'missing';
-- The new color drops 'green' (50 rows hold it) and 'blue' (none).
ALTER TYPE color RENAME TO color_old;
CREATE TYPE color AS ENUM ('red');
ALTER TABLE items ALTER COLUMN color TYPE color USING color::text::color;
