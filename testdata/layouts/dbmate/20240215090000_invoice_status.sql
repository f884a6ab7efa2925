-- migrate:up
ALTER TABLE invoices ADD COLUMN status text;

CREATE INDEX invoices_status_idx ON invoices (status);

-- migrate:down
DROP INDEX invoices_status_idx;
ALTER TABLE invoices DROP COLUMN status;
