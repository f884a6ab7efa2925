-- Version 10 comes after 2 (numeric order, not name order).
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
