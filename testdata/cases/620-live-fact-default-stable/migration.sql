SET lock_timeout = '2s';
SET statement_timeout = '5min';
-- Guessed volatile by name; pg_proc says stable: no rewrite (notice).
ALTER TABLE accounts ADD COLUMN score float8 DEFAULT public.random();
-- now() is stable: no finding at all.
ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now();
