SET lock_timeout = 0;
SET statement_timeout = '0';
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
