SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);
ALTER DOMAIN order_status_code ADD CONSTRAINT known CHECK (VALUE IN ('new', 'paid'));
