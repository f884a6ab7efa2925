-- Each statement is a change of the model now, with its lock.
CREATE RULE orders_no_delete AS ON DELETE TO orders DO INSTEAD NOTHING;
CREATE STATISTICS orders_stats (dependencies) ON customer_id, status
  FROM orders;
CREATE FOREIGN TABLE remote_orders (id bigint) SERVER archive;
ALTER FUNCTION order_total(bigint) SECURITY DEFINER;
ALTER FUNCTION order_total(bigint) OWNER TO billing;
ALTER TYPE order_status OWNER TO billing;
ALTER SCHEMA billing OWNER TO billing;
ALTER TABLE ALL IN TABLESPACE fast SET TABLESPACE slow;
