SET lock_timeout = '1s';
ALTER TABLE orders ADD COLUMN region text;
ALTER TABLE orders ADD COLUMN zone text;
