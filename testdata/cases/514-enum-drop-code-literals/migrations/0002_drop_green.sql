-- PostgreSQL cannot drop an enum value: recreate the type without it.
BEGIN;
ALTER TYPE color RENAME TO color_old;
CREATE TYPE color AS ENUM ('red', 'blue');
ALTER TABLE items ALTER COLUMN color TYPE color USING color::text::color;
DROP TYPE color_old;
COMMIT;
