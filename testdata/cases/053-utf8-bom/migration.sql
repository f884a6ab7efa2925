-- saved by an editor that writes a byte-order mark
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
