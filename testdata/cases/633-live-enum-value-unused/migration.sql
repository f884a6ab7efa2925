-- An enum created here has no rows yet; a change to a non-enum type and a
-- new enum that keeps every value drop nothing.
CREATE TYPE size AS ENUM ('s', 'm');
ALTER TYPE size RENAME VALUE 's' TO 'small';
ALTER TYPE color RENAME TO color_old;
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
ALTER TABLE items ALTER COLUMN color TYPE color USING color::text::color;
ALTER TABLE items ALTER COLUMN label TYPE varchar(10);
