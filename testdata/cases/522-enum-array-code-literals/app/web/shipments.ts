export async function markShipped(db: Knex, id: number) {
  await db("shipments").where({ id }).update({ history: ["packed", "shipped"] });
  return db("parcels").whereRaw("labels @> ARRAY['shipped']");
}
