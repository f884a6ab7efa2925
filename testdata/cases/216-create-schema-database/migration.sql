SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE SCHEMA scratch;
CREATE TABLE scratch.t (id bigint PRIMARY KEY);
DROP SCHEMA scratch CASCADE;  -- created by this migration: not in use
