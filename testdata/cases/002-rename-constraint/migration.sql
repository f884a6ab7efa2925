ALTER TABLE orders RENAME CONSTRAINT orders_pkey TO orders_pk;
ALTER INDEX orders_created_at_idx RENAME TO orders_created_idx;
