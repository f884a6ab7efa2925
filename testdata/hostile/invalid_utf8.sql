ALTER TABLE orders ADD COLUMN a int;
COMMENT ON TABLE orders IS 'café ÿþ À¯';
DROP TABLE orders;
