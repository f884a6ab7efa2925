SET lock_timeout = '2s';
SET statement_timeout = '30s';
DROP SCHEMA reporting CASCADE;
DROP SCHEMA IF EXISTS staging;
