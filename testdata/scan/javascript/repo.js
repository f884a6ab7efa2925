// Plain JavaScript: template literals and knex.
const knex = require("knex")({ client: "pg" });

async function byCustomer(pool, id) {
  const sql = `SELECT id, total_cents
                 FROM orders
                WHERE customer_id = $1`; // pf: high
  return pool.query(sql, [id]);
}

function viaKnex(id) {
  return knex("orders").where("customer_id", id).first(); // pf: high
}

module.exports = { byCustomer, viaKnex };
