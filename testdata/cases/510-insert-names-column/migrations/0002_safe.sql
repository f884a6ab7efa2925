-- Every INSERT names region; source has a DEFAULT; status has one;
-- notes is nullable, so losing a DEFAULT it never had breaks nothing.
ALTER TABLE orders ADD COLUMN region text NOT NULL;
ALTER TABLE orders ADD COLUMN source text NOT NULL DEFAULT 'web';
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
ALTER TABLE orders ALTER COLUMN notes DROP DEFAULT;
