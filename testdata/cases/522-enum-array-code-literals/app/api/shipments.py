def shipped(cur, shipment):
    # An array of the enum holds the value: each of these spells it.
    cur.execute("SELECT id FROM shipments WHERE 'shipped' = ANY (history)")
    cur.execute("SELECT id FROM shipments WHERE history @> ARRAY['shipped']::shipment_state[]")
    cur.execute("UPDATE shipments SET history = array_append(history, 'shipped') WHERE id = %s", (1,))
    cur.execute("INSERT INTO shipments (id, history) VALUES (%s, '{packed,shipped}')", (2,))
    cur.execute("UPDATE shipments SET history = ARRAY['packed', 'shipped'] WHERE id = %s", (3,))
    shipment.history = ["packed", "shipped"]
    # Decoys: another table's text array, a longer label, a log message.
    cur.execute("SELECT id FROM parcels WHERE labels @> ARRAY['shipped']")
    cur.execute("UPDATE shipments SET history = '{shipped_late}' WHERE id = 4")
    log.info("shipped")
