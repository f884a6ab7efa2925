"""SQL in Python strings: aliases, scopes, placeholders, concatenation."""


def aliases(cur, cid):
    cur.execute("SELECT o.customer_id FROM orders o WHERE o.id = %s", (cid,))  # pf: high
    cur.execute("SELECT x.customer_id FROM invoices x WHERE x.id = %s", (cid,))
    cur.execute("SELECT orders.customer_id FROM orders")  # pf: high
    cur.execute("SELECT invoices.customer_id FROM invoices, orders")
    cur.execute("SELECT public.orders.customer_id FROM public.orders")  # pf: high


def scopes(cur):
    cur.execute("""
        SELECT c.name
          FROM customers c
         WHERE EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id)  -- pf: high
    """)
    cur.execute("""
        WITH inv AS (SELECT customer_id, order_id FROM invoices)
        SELECT customer_id FROM inv
    """)
    cur.execute("""
        WITH mine AS (SELECT customer_id FROM orders)  -- pf: high
        SELECT m.customer_id FROM mine m
    """)
    cur.execute("""
        SELECT customer_id FROM orders   -- pf: high
        UNION
        SELECT customer_id FROM invoices
    """)
    cur.execute("""
        SELECT t.customer_id
          FROM (SELECT customer_id FROM invoices) t
    """)
    cur.execute("""
        SELECT customer_id, i.amount_cents   -- pf: medium
          FROM orders o
          JOIN invoices i ON i.order_id = o.id
    """)


def writes(cur, cid, new):
    cur.execute(
        "INSERT INTO orders (id, customer_id) VALUES (%s, %s) "  # pf: high
        "ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id",  # pf: high high
        (cid, new),
    )
    cur.execute("INSERT INTO invoices (customer_id, order_id) VALUES (1, 2)")
    cur.execute("UPDATE orders o SET status = 'x' FROM invoices i "
                "WHERE i.order_id = o.id AND i.customer_id = %(c)s", {"c": cid})
    cur.execute("DELETE FROM orders WHERE customer_id = :cid", {"cid": cid})  # pf: high


def placeholders(cur, cid, table):
    cur.execute(f"SELECT id FROM orders WHERE customer_id = {cid} AND status = '{table}'")  # pf: high
    cur.execute("SELECT id FROM orders WHERE customer_id = {}".format(cid))  # pf: high
    cur.execute("SELECT id FROM orders WHERE customer_id = ?", (cid,))  # pf: high
    cur.execute("SELECT id FROM orders WHERE customer_id = %(cid)s AND notes LIKE '%%x%%'", {})  # pf: high
    cur.execute("SELECT id FROM orders WHERE customer_id = " + str(cid))  # pf: high
    cur.execute("SELECT id FROM orders "
                "WHERE customer_id = %s" % cid)  # pf: high
    cur.execute(r"SELECT id FROM orders WHERE notes ~ '\d' AND customer_id = $1")  # pf: high
    cur.execute("SELECT id FROM orders WHERE created_at::date = $1 AND customer_id = $2")  # pf: high


def not_sql(log, customer_id):
    # SELECT customer_id FROM orders  (a comment, never counted)
    log.info("customer_id missing")
    log.info("select customer_id from the list")
    doc = """Update the orders: customer_id is required."""
    return customer_id, doc
