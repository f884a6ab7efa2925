SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE DOMAIN amount AS numeric NOT NULL;
ALTER DOMAIN order_status_code ADD CONSTRAINT known CHECK (VALUE IN ('new', 'paid')) NOT VALID;
