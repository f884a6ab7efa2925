-- Several statements are one implicit transaction; a BEGIN in it turns it
-- into an explicit one, without PostgreSQL's nesting warning.
BEGIN;
ALTER TABLE orders ADD COLUMN region text;
COMMIT;
