-- Keys with room to grow, and one the migration widens.
ALTER TABLE orders ADD COLUMN region text;
ALTER TABLE accounts ALTER COLUMN id TYPE bigint;
