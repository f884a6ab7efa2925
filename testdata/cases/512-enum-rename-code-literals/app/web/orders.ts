// knex and object literals keyed by the column: medium.
export function shippedOrders(db: any) {
  return db("orders").where("status", "shipped").select("id");
}
export const filter = { status: "shipped" };
