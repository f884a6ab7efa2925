-- The catalog knows the columns of both types; the code spells the values
-- only where no such column is: every literal is low, and none is reported.
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
