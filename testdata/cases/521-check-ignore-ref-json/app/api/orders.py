def for_customer(cur, customer_id):
    cur.execute("SELECT id, notes FROM orders WHERE customer_id = %s", (customer_id,))
    # invoices keep their own customer_id
    cur.execute("SELECT customer_id FROM invoices")


def legacy(cur):
    # pgpreflight-ignore-ref  the legacy view is dropped in the same release
    cur.execute("SELECT customer_id FROM orders")
    cur.execute("UPDATE orders SET notes = NULL")  # pgpreflight-ignore-ref
