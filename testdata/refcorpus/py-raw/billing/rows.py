"""Reading order rows by key: tied to the table by the query they came from."""
import json


def owner_of(conn, order_id):
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))
        row = cur.fetchone()
        return row["customer_id"]  # pf-ref: orders.customer_id=attr


def order_notes(conn):
    cur = conn.cursor()
    cur.execute("SELECT id, notes FROM orders")  # pf-ref: orders.notes=sql
    out = []
    for row in cur:
        out.append(row.get("notes"))  # pf-ref: orders.notes=attr
    return out


def invoice_owner(conn, invoice_id):
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
        row = cur.fetchone()
        return row["customer_id"], row["notes"]  # pf-decoy: orders.customer_id orders.notes


def from_payload(body):
    payload = json.loads(body)
    return payload["customer_id"]  # pf-decoy: orders.customer_id


def defaults():
    settings = {"notes": "", "customer_id": None}  # pf-decoy: orders.notes orders.customer_id
    return settings["notes"]  # pf-decoy: orders.notes
