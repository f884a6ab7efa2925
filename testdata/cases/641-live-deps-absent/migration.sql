ALTER TABLE orders DROP COLUMN legacy_code;
ALTER TABLE orders RENAME COLUMN legacy_code TO old_code;
DROP TABLE audit CASCADE;
