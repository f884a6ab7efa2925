def by_customer(db, cid):
    return db.execute("SELECT id FROM orders WHERE customer_id = %s", (cid,))
