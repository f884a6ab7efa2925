ALTER TABLE customers ADD COLUMN email text UNIQUE;
-- every row gets 'x': the index build fails on a second row
ALTER TABLE customers ADD COLUMN code text DEFAULT 'x' CONSTRAINT customers_code_key UNIQUE;
