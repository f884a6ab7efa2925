# Python: INSERTs into orders, with and without the new column.


def create(cur, customer_id, total):
    # omits region: breaks
    cur.execute("INSERT INTO orders (customer_id, total) VALUES (%s, %s)",
                (customer_id, total))


def create_with_region(cur, customer_id, region):
    # names region: fine
    cur.execute(
        "INSERT INTO orders (customer_id, total, region) VALUES (%s, 0, %s)",
        (customer_id, region))


def legacy(cur):
    # no column list: the values fill the old columns, never region
    cur.execute("INSERT INTO orders VALUES (DEFAULT, 1, 2)")


def placeholder(cur):
    cur.execute("INSERT INTO orders DEFAULT VALUES")


def copy(cur):
    # INSERT ... SELECT with a list that omits region
    cur.execute("INSERT INTO orders (customer_id, total) "
                "SELECT customer_id, total FROM carts WHERE id = %s", (1,))


def upsert(cur):
    # ON CONFLICT that names region in the list: fine
    cur.execute("INSERT INTO orders (id, customer_id, region) VALUES (%s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET region = EXCLUDED.region",
                (1, 2, "eu"))


def decoys(cur):
    # another table, a CTE named orders, a SELECT: not INSERTs into orders
    cur.execute("INSERT INTO invoices (customer_id) VALUES (%s)", (1,))
    cur.execute("WITH orders AS (SELECT 1 AS id) "
                "INSERT INTO audit (order_id) SELECT id FROM orders")
    cur.execute("SELECT customer_id, total FROM orders")
