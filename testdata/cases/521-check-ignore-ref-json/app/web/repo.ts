export async function byCustomer(db: any, id: number) {
  return db("orders").where("customer_id", id).select("notes");
}
