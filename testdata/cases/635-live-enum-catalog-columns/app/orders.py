def shipped(cur):
    cur.execute("SELECT id FROM orders WHERE status = 'shipped'")
    cur.execute("SELECT id FROM shipments WHERE 'shipped' = ANY (history)")
    cur.execute("UPDATE shipments SET last = 'shipped' WHERE id = %s", (1,))
    cur.execute("SELECT id FROM orders WHERE label = 'shipped'")
    Shipment.objects.filter(history__contains=["shipped"])
    order.status = "shipped"
    log.info("shipped")


def colors(cur):
    cur.execute("UPDATE items SET colors = array_append(colors, 'green') WHERE id = %s", (1,))
    cur.execute("SELECT 'green' AS word")
