// SQL strings and knex chains in TypeScript.
import knex from "knex";

const db = knex({ client: "pg" });

export async function raw(client: any, id: number, status: string) {
  await client.query(`SELECT id FROM orders WHERE customer_id = ${id} AND status = '${status}'`); // pf: high
  await client.query("SELECT id FROM orders WHERE customer_id = ?", [id]); // pf: high
  await client.query(
    "SELECT o.id FROM orders o " +
      "JOIN invoices i ON i.order_id = o.id " +
      "WHERE i.customer_id = $1",
    [id],
  );
  await client.query(`
    UPDATE orders
       SET customer_id = $1  -- pf: high
     WHERE id = $2`, [id, 1]);
}

export function chains(id: number) {
  db("orders").where({ customer_id: id, status: "new" }); // pf: high
  db("orders as o").select("o.customer_id", "o.id"); // pf: high
  db("invoices").select("customer_id");
  db("orders").join("invoices", "invoices.order_id", "orders.id").where("invoices.customer_id", id);
  db("orders").join("invoices", "invoices.order_id", "orders.id").where("orders.customer_id", id); // pf: high
  db("orders").join("customers", "customers.id", "orders.customer_id"); // pf: high
  db.select("customer_id").from("orders"); // pf: high
  db("orders").insert({ customer_id: id, status: "new" }); // pf: high
  db("orders").where("created_at", ">", new Date()).orderBy("created_at");
}
