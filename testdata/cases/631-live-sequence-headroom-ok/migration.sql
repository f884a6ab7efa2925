-- Keys with room to grow, one the migration widens, and one on a table it
-- drops.
ALTER TABLE orders ADD COLUMN region text;
ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
DROP TABLE old_events;
