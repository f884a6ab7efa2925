// Order queries with knex.
const knex = require("./db");
const logger = require("./logger");

async function ordersOf(customerId) {
  return knex("orders").where("customer_id", customerId).select("id", "notes"); // pf-ref: orders.customer_id=qb orders.notes=qb
}

async function ordersOfMany(ids) {
  return knex("orders").whereIn("customer_id", ids).orderBy("created_at"); // pf-ref: orders.customer_id=qb
}

async function addOrder(customerId, notes) {
  logger.info(`new order for customer_id=${customerId}`); // pf-decoy: orders.customer_id
  return knex("orders").insert({ customer_id: customerId, notes, total_cents: 0 }); // pf-ref: insert:orders.region=ins orders.customer_id=qb orders.notes=qb
}

async function clearNotes(id) {
  return knex("orders").where({ id }).update({ notes: null }); // pf-ref: orders.notes=qb
}

async function invoicesOf(customerId) {
  return knex("invoices").where("customer_id", customerId).select("notes"); // pf-decoy: orders.customer_id orders.notes
}

async function withInvoices() {
  return knex("orders as o")
    .join("invoices as i", "i.order_id", "o.id")
    .select("o.customer_id", "i.customer_id as invoice_customer", "o.notes"); // pf-ref: orders.customer_id=qb orders.notes=qb pf-decoy: orders.customer_id
}

async function rawTotals() {
  return knex.raw("SELECT customer_id, sum(total_cents) FROM orders GROUP BY customer_id"); // pf-ref: orders.customer_id=sql orders.customer_id=sql
}

async function shipments(orderId) {
  return knex("shipments").where({ order_id: orderId }).first("customer_id", "notes"); // pf-decoy: orders.customer_id orders.notes
}

const COLUMNS = ["customer_id", "notes"]; // pf-decoy: orders.customer_id orders.notes

function label(invoice) {
  return `${invoice.customer_id}: ${invoice.notes}`; // pf-decoy: orders.customer_id orders.notes
}

async function importOrders() {
  return knex("orders").insert([{ status: "imported" }, { status: "imported" }]); // pf-ref: insert:orders.region=ins
}

async function addInvoice(orderId) {
  return knex("invoices").insert({ order_id: orderId, amount_cents: 0 }); // pf-decoy: insert:orders.region
}

module.exports = { ordersOf, ordersOfMany, addOrder, clearNotes, invoicesOf, withInvoices, rawTotals, shipments, COLUMNS, label };
