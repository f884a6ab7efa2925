-- With another statement, Flyway refuses the file.
ALTER TYPE order_status ADD VALUE 'cancelled' AFTER 'refunded';
ALTER TABLE orders ADD COLUMN cancelled_at timestamptz;
