\set ON_ERROR_STOP on
\connect appdb
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN a int;
\echo done :'name'
SELECT format('ALTER TABLE %I ADD COLUMN b int', 'orders') \gexec
\i other.sql
\
\\
