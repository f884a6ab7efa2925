\set ON_ERROR_STOP on
\connect app
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
\i more.sql
