def place(cur, customer_id):
    cur.execute("INSERT INTO orders (customer_id) VALUES (%s)", (customer_id,))
