SELECT o.customer_id, u.email FROM orders o JOIN users u ON u.id = o.user_id;
UPDATE orders SET customer_id = :cid WHERE id = ?;
SELECT (((customer_id FROM orders;
