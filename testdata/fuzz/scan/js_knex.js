const rows = await knex("orders").where("customer_id", id).select("customer_id");
const q = `SELECT customer_id FROM orders WHERE id = ${id}`;
