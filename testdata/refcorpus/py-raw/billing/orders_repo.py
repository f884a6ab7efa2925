"""Order storage on psycopg: hand-written SQL."""
import logging

import psycopg

log = logging.getLogger(__name__)

# customer_id is the owner of an order  pf-decoy: orders.customer_id
RECENT = """
    SELECT id, customer_id, total_cents  -- pf-ref: orders.customer_id=sql
    FROM orders
    WHERE customer_id = %(customer_id)s  -- pf-ref: orders.customer_id=sql
    ORDER BY created_at DESC
"""


def recent_orders(conn, customer_id):  # pf-decoy: orders.customer_id
    with conn.cursor() as cur:
        cur.execute(RECENT, {"customer_id": customer_id})  # pf-decoy: orders.customer_id
        return cur.fetchall()


def create_order(conn, customer_id, total, notes=None):  # pf-decoy: orders.customer_id orders.notes
    log.info("creating order for customer_id=%s", customer_id)  # pf-decoy: orders.customer_id
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO orders (customer_id, total_cents, notes) VALUES (%s, %s, %s) RETURNING id",  # pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
            (customer_id, total, notes),  # pf-decoy: orders.customer_id orders.notes
        )
        return cur.fetchone()[0]


def annotate(conn, order_id, text):
    conn.execute("UPDATE orders SET notes = %s WHERE id = %s", (text, order_id))  # pf-ref: orders.notes=sql


def invoice_totals(conn, customer_id):  # pf-decoy: orders.customer_id
    # invoices carry their own customer_id and notes  pf-decoy: orders.customer_id orders.notes
    sql = (
        "SELECT i.customer_id, sum(i.amount_cents) "  # pf-decoy: orders.customer_id
        "FROM invoices i WHERE i.customer_id = %s GROUP BY 1"  # pf-decoy: orders.customer_id
    )
    return conn.execute(sql, (customer_id,)).fetchall()  # pf-decoy: orders.customer_id


def orders_with_invoices(conn):
    return conn.execute(
        "SELECT o.id, o.notes, i.notes FROM orders o "  # pf-ref: orders.notes=sql pf-decoy: orders.notes
        "JOIN invoices i ON i.order_id = o.id "
        "WHERE o.customer_id = i.customer_id"  # pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id
    ).fetchall()


def by_table(conn, status):
    where = "status = %s"
    query = f"SELECT customer_id, notes FROM orders WHERE {where}"  # pf-ref: orders.customer_id=sql orders.notes=sql
    return conn.execute(query, (status,)).fetchall()


def shipments_for(conn, order_id):
    return conn.execute(
        "SELECT carrier, notes, customer_id FROM shipments WHERE order_id = %s",  # pf-decoy: orders.notes orders.customer_id
        (order_id,),
    ).fetchall()


def export_columns():
    # a CSV header, not SQL
    return ["id", "customer_id", "notes", "total"]  # pf-decoy: orders.customer_id orders.notes


def reassign(conn, old, new):
    conn.execute(
        """
        UPDATE orders
           SET customer_id = %(new)s  -- pf-ref: orders.customer_id=sql
         WHERE customer_id = %(old)s  -- pf-ref: orders.customer_id=sql
        """,
        {"old": old, "new": new},
    )


def latest_per_customer(conn):
    return conn.execute(
        """
        WITH ranked AS (
            SELECT o.customer_id, o.id,  -- pf-ref: orders.customer_id=sql
                   row_number() OVER (PARTITION BY o.customer_id ORDER BY o.created_at DESC) AS rn  -- pf-ref: orders.customer_id=sql
            FROM orders o
        )
        SELECT customer_id, id FROM ranked WHERE rn = 1  -- pf-decoy: orders.customer_id
        """
    ).fetchall()


def sorted_orders(conn, col, direction):
    # The sort column and direction are interpolated: the text only parses
    # once they are known, so the scanner's tokens speak for it.
    sql = f"SELECT id, notes FROM orders WHERE customer_id = %s ORDER BY {col} {direction}"  # pf-ref: orders.notes=sql orders.customer_id=sql
    return conn.execute(sql).fetchall()


def sorted_invoices(conn, col, direction):
    sql = f"SELECT id, notes FROM invoices WHERE customer_id = %s ORDER BY {col} {direction}"  # pf-decoy: orders.notes orders.customer_id
    return conn.execute(sql).fetchall()


def import_csv(conn, f):
    with conn.cursor() as cur:
        cur.copy_expert("COPY orders (customer_id, total_cents) FROM STDIN WITH (FORMAT csv)", f)  # pf-ref: insert:orders.region=ins orders.customer_id=sql
        cur.copy_expert("COPY invoices (customer_id, amount_cents) FROM STDIN WITH (FORMAT csv)", f)  # pf-decoy: insert:orders.region orders.customer_id
        cur.copy_expert("COPY orders TO STDOUT WITH (FORMAT csv)", f)  # pf-decoy: insert:orders.region


def import_rows(conn, rows):
    from psycopg2.extras import execute_values

    with conn.cursor() as cur:
        # execute_values expands VALUES %s: the text alone does not parse
        execute_values(cur, "INSERT INTO orders (status, total_cents) VALUES %s", rows)  # pf-ref: insert:orders.region=ins
        execute_values(cur, "INSERT INTO shipments (order_id, carrier) VALUES %s", rows)  # pf-decoy: insert:orders.region
