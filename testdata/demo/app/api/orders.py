"""Order endpoints: raw SQL through a DB-API cursor (psycopg)."""
import logging

from .db import get_conn

log = logging.getLogger(__name__)

# orders.customer_id is indexed; see migration 0031.


def orders_for_customer(customer_id, limit=50):
    # The local variable customer_id above is not a column reference.
    with get_conn().cursor() as cur:
        cur.execute(
            "SELECT id, total_cents, status FROM orders "
            "WHERE customer_id = %s ORDER BY created_at DESC LIMIT %s",
            (customer_id, limit),
        )
        return cur.fetchall()


def order_summary(order_id):
    sql = """
        SELECT o.id, o.customer_id, c.name, o.total_cents
          FROM orders o
          JOIN customers c ON c.id = o.customer_id
         WHERE o.id = %(order_id)s
    """
    with get_conn().cursor() as cur:
        cur.execute(sql, {"order_id": order_id})
        return cur.fetchone()


def create_order(customer_id, total_cents, notes=None):
    if customer_id is None:
        log.warning("customer_id missing")
        raise ValueError("customer_id missing")
    with get_conn().cursor() as cur:
        cur.execute(
            "INSERT INTO orders (customer_id, total_cents, notes, status) "
            "VALUES (%s, %s, %s, 'new') RETURNING id",
            (customer_id, total_cents, notes),
        )
        return cur.fetchone()[0]


def reassign_orders(old_customer, new_customer):
    with get_conn().cursor() as cur:
        cur.execute(
            f"UPDATE orders SET customer_id = {new_customer} WHERE customer_id = {old_customer}"
        )


def recent_orders(since):
    # The hot path: served by the index on orders(created_at).
    with get_conn().cursor() as cur:
        cur.execute(
            "SELECT id, status FROM orders WHERE created_at >= %s ORDER BY created_at",
            (since,),
        )
        return cur.fetchall()


def unpaid_invoices(customer_id):
    with get_conn().cursor() as cur:
        cur.execute(
            "SELECT i.id, i.amount_cents FROM invoices i WHERE i.customer_id = %s",
            (customer_id,),
        )
        return cur.fetchall()


def invoices_with_orders(customer_id):
    with get_conn().cursor() as cur:
        cur.execute(
            """
            SELECT i.id, o.status
              FROM orders o
              JOIN invoices i ON i.order_id = o.id
             WHERE i.customer_id = %s
            """,
            (customer_id,),
        )
        return cur.fetchall()
