UPDATE orders SET customer_id = 1;
