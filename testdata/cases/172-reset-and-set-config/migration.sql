SELECT set_config('lock_timeout', '2s', false);
SELECT set_config('statement_timeout', '1min', false);
CREATE INDEX orders_status_idx ON orders (status);
RESET ALL;
-- the timeouts are gone again
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
