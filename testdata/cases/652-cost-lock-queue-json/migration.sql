-- ACCESS EXCLUSIVE on orders: it waits behind the idle transaction.
ALTER TABLE orders ADD COLUMN region text;
-- SHARE UPDATE EXCLUSIVE on customers: nobody holds a lock there.
ALTER TABLE customers SET (fillfactor = 90);
