-- None of these expressions may run: each is reported as not evaluated.
ALTER TABLE orders ADD CONSTRAINT c_sleep CHECK (pg_sleep(30) IS NOT NULL) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT c_user CHECK (is_valid_code(code)) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT c_sub CHECK (total > (SELECT count(*) FROM audit)) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT c_now CHECK (now() > '2000-01-01') NOT VALID;
ALTER TABLE orders ALTER COLUMN code TYPE integer USING length(code);
