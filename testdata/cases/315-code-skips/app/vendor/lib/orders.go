package lib

const q = "SELECT customer_id FROM orders"
