import { Pool } from "pg";
import knex from "knex";

const pool = new Pool();
const db = knex({ client: "pg" });

export interface OrderRow {
  id: number;
  customerId: number;
  totalCents: number;
}

export async function ordersForCustomer(customerId: number): Promise<OrderRow[]> {
  const { rows } = await pool.query(
    'SELECT id, customer_id AS "customerId", total_cents AS "totalCents" ' +
      "FROM orders WHERE customer_id = $1",
    [customerId],
  );
  return rows;
}

export async function latestOrders(limit: number) {
  const { rows } = await pool.query(`
    SELECT o.id, o.created_at, c.email
      FROM orders AS o
      JOIN customers AS c ON c.id = o.customer_id
     ORDER BY o.created_at DESC
     LIMIT $1`, [limit]);
  return rows;
}

export async function moveOrders(from: number, to: number) {
  // customer_id of the orders moves from one customer to another
  await pool.query(
    `UPDATE orders SET customer_id = ${to} WHERE customer_id = ${from}`,
  );
}

export async function invoiceTotals(customerId: number) {
  const { rows } = await pool.query(
    "SELECT sum(amount_cents) FROM invoices WHERE customer_id = $1",
    [customerId],
  );
  return rows[0];
}

export function orderCountsByCustomer() {
  return db("orders").select("customer_id").count("id").groupBy("customer_id");
}

export function ordersSince(since: Date) {
  return db("orders").where("created_at", ">=", since).orderBy("created_at");
}

export function invoicesOf(customerId: number) {
  return db("invoices").where({ customer_id: customerId });
}

export async function mismatchedInvoices() {
  // Invoices whose customer differs from their order's customer.
  const { rows } = await pool.query(`
    SELECT i.id, i.order_id
      FROM invoices i
      JOIN orders o ON o.id = i.order_id
     WHERE o.customer_id IS DISTINCT FROM
           i.customer_id`);
  return rows;
}

export function parseCustomer(params: Record<string, string>): number {
  const customer_id = Number(params.id);
  if (!customer_id) {
    console.warn("customer_id missing");
  }
  return customer_id;
}
