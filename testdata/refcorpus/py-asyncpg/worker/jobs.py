"""Background jobs on asyncpg ($n placeholders)."""
import logging

log = logging.getLogger("jobs")


async def close_stale(pool):
    async with pool.acquire() as con:
        await con.execute(
            "UPDATE orders SET status = 'closed', notes = coalesce(notes, '') || ' [auto]' "  # pf-ref: orders.notes=sql orders.notes=sql
            "WHERE created_at < now() - interval '90 days'"
        )


async def owners(pool, ids):
    return await pool.fetch("SELECT id, customer_id FROM orders WHERE id = any($1::bigint[])", ids)  # pf-ref: orders.customer_id=sql


async def notify(pool, mailer):
    rows = await pool.fetch(
        """
        SELECT u.email, o.id  -- pf-ref: users.email=sql
          FROM orders o
          JOIN customers c ON c.id = o.customer_id  -- pf-ref: orders.customer_id=sql
          JOIN users u ON u.name = c.name
         WHERE o.notes IS NOT NULL  -- pf-ref: orders.notes=sql
        """
    )
    for row in rows:
        await mailer.send(row["email"], f"order {row['id']}")  # pf-decoy: users.email
        log.info("notified %s about notes", row["email"])  # pf-decoy: users.email orders.notes


async def copy_owner(pool, order_id, invoice_id):
    await pool.execute(
        "UPDATE invoices SET customer_id = (SELECT customer_id FROM orders WHERE id = $1) WHERE id = $2",  # pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id
        order_id,
        invoice_id,
    )


async def archive(pool):
    await pool.execute(
        "INSERT INTO orders_archive (id, customer_id, notes) "  # pf-decoy: insert:orders.region orders.customer_id orders.notes
        "SELECT id, customer_id, notes FROM orders WHERE status = 'closed'"  # pf-ref: orders.customer_id=sql orders.notes=sql
    )


async def coupon_stats(pool):
    total = await pool.fetchval("SELECT count(*) FROM coupons")  # pf-ref: coupons=sql
    log.info("coupons: %d", total)  # pf-decoy: coupons
    return total


async def user_exists(pool, email):  # pf-decoy: users.email
    return await pool.fetchval("SELECT exists(SELECT 1 FROM users WHERE email = $1)", email)  # pf-ref: users.email=sql pf-decoy: users.email


async def shipment_notes(pool, order_id):
    return await pool.fetch("SELECT notes FROM shipments WHERE order_id = $1", order_id)  # pf-decoy: orders.notes


def notes_preview(notes: str) -> str:  # pf-decoy: orders.notes orders.notes
    return notes[:80]  # pf-decoy: orders.notes


async def import_orders(pool, records):
    # COPY through the driver's API: no SQL text names the columns
    await pool.copy_records_to_table("orders", records=records, columns=["status", "total_cents"])  # pf-ref: insert:orders.region=ins
    await pool.copy_records_to_table("orders_archive", records=records, columns=["status"])  # pf-decoy: insert:orders.region
