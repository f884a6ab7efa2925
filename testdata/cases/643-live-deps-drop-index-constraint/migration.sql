DROP INDEX customers_email_key;
ALTER TABLE customers DROP CONSTRAINT customers_pkey;
DROP INDEX orders_free_idx;
