// Reading rows by key, from raw queries.
const db = require("./db");

async function ownerOf(id) {
  const result = await db.raw("SELECT * FROM orders WHERE id = ?", [id]);
  const row = result.rows[0];
  return row["customer_id"]; // pf-ref: orders.customer_id=attr
}

async function allNotes() {
  const { rows } = await db.raw("SELECT id, notes FROM orders"); // pf-ref: orders.notes=sql
  return rows.map((row) => row["notes"]); // pf-ref: orders.notes=attr
}

async function invoiceOwner(id) {
  const result = await db.raw("SELECT customer_id FROM invoices WHERE id = ?", [id]); // pf-decoy: orders.customer_id
  const row = result.rows[0];
  return row["customer_id"]; // pf-decoy: orders.customer_id
}

function fromWebhook(body) {
  const payload = JSON.parse(body);
  return payload["customer_id"]; // pf-decoy: orders.customer_id
}

module.exports = { ownerOf, allNotes, invoiceOwner, fromWebhook };
