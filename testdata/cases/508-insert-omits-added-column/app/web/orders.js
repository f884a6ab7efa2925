// knex writes exactly the keys it is given.
export async function create(db, customerId) {
  // omits region: breaks
  await db("orders").insert({ customer_id: customerId, total: 0 });
  // names region: fine
  await db("orders").insert({ customer_id: customerId, region: "eu" });
  // rows as an array: the second omits region
  await db("orders").insert([
    { customer_id: 1, region: "eu" },
    { customer_id: 2 },
  ]);
}

export async function opaque(db, row, extra) {
  // a variable, a spread: what they hold is not known, nothing is reported
  await db("orders").insert(row);
  await db("orders").insert({ ...extra, customer_id: 1 });
  // another table
  await db("invoices").insert({ customer_id: 1 });
}
