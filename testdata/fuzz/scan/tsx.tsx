export const C = () => <div>{db.query("SELECT customer_id FROM orders")}</div>;
