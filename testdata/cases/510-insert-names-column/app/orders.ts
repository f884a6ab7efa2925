// Every INSERT into orders names region; the others leave out only
// columns that get a value anyway.
export async function create(db: any, customerId: number, region: string) {
  await db.query(
    "INSERT INTO orders (customer_id, region) VALUES ($1, $2)",
    [customerId, region],
  );
}

export async function invoices(db: any) {
  // another table
  await db.query("INSERT INTO invoices (customer_id) VALUES ($1)", [1]);
}
