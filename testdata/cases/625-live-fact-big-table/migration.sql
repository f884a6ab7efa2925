SET lock_timeout = '2s';
SET statement_timeout = '5min';
-- 5000 rows: not tiny, the warnings stay.
CREATE INDEX accounts_name_idx ON accounts (name);
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(200);
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
