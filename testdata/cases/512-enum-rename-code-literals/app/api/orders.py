# Literals that spell 'shipped'.


def shipped(cur):
    # SQL comparing or writing orders.status: high
    cur.execute("SELECT id FROM orders WHERE status = 'shipped'")
    cur.execute("UPDATE orders SET status = 'shipped' WHERE id = %s", (1,))
    cur.execute("INSERT INTO orders (status) VALUES ('shipped')")
    cur.execute("SELECT id FROM orders o WHERE o.status IN ('new', 'shipped')")
    # on a table that holds the enum, not tied to the column: medium
    cur.execute("SELECT coalesce(max(id), 0), 'shipped' FROM orders")
    # parcels.status is text: low (hidden without --show-low)
    cur.execute("SELECT id FROM parcels WHERE status = 'shipped'")


def orm(Order, order):
    # keyword argument and comparison on the column's name: medium
    Order.objects.filter(status="shipped")
    if order.status == "shipped":
        return True
    # a plain string: low (hidden without --show-low)
    label = "shipped"
    # another word: nothing
    other = "Shipped"
    return label, other
