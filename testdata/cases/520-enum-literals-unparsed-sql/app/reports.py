"""Report queries whose ORDER BY is filled in at run time: the text does
not parse as SQL until then, so only its tokens are read."""


def shipped(cur, col, direction):
    cur.execute(f"SELECT id FROM orders WHERE status = 'shipped' ORDER BY {col} {direction}")
    # parcels.status is text, not the enum: low, not shown
    cur.execute(f"SELECT id FROM parcels WHERE status = 'shipped' ORDER BY {col} {direction}")
    # another value of the enum
    cur.execute(f"SELECT id FROM orders WHERE status = 'paid' ORDER BY {col} {direction}")
    # MySQL's LIMIT in an UPDATE does not parse either
    cur.execute("UPDATE orders SET status = 'shipped' WHERE id = %s LIMIT 1", (1,))
