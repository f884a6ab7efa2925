// Reports with knex and raw SQL.
const knex = require("./db");

async function perCustomer() {
  return knex("orders").select("customer_id").count("* as n").groupBy("customer_id"); // pf-ref: orders.customer_id=qb orders.customer_id=qb
}

async function annotated() {
  return knex("orders").whereNotNull("notes").orderBy("customer_id"); // pf-ref: orders.notes=qb orders.customer_id=qb
}

async function invoiceOwners() {
  return knex("invoices").select("customer_id").whereNotNull("notes"); // pf-decoy: orders.customer_id orders.notes
}

async function loginList() {
  return knex.select("email").from("users").orderBy("email"); // pf-ref: users.email=qb users.email=qb
}

module.exports = { perCustomer, annotated, invoiceOwners, loginList };
