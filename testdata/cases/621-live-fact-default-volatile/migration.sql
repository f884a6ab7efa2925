SET lock_timeout = '2s';
SET statement_timeout = '5min';
-- The name list does not know make_code(); pg_proc says it is volatile.
ALTER TABLE accounts ADD COLUMN code text DEFAULT make_code();
-- Guessed and confirmed by the catalog.
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
