SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders SET TABLESPACE fast_ssd;
ALTER TABLE sessions SET UNLOGGED;
ALTER TABLE audit_log SET LOGGED, SET ACCESS METHOD heap;
