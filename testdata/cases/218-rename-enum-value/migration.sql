SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'dispatched';
