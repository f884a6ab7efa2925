SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE SCHEMA staging;
ALTER SCHEMA staging RENAME TO staging_v2;
CREATE TYPE shipment_state AS ENUM ('created', 'shiped');
ALTER TYPE shipment_state RENAME VALUE 'shiped' TO 'shipped';
