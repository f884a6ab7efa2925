SET lock_timeout = '2s';
SET statement_timeout = '5min';
-- 12 rows: the locks are held for milliseconds (notices).
CREATE INDEX settings_name_idx ON settings (name);
ALTER TABLE settings ALTER COLUMN value TYPE varchar(200);
ALTER TABLE settings ADD COLUMN token uuid DEFAULT gen_random_uuid();
