def old(db):
    return db.execute("SELECT customer_id FROM orders")
