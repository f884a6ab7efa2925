def list_orders(db, customer):
    return db.execute("SELECT id FROM orders WHERE customer_id = %s", (customer,))
