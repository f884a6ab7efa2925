@Entity("orders")
export class Order {
  @Column({ name: "region", default: "eu", nullable: true })
  area!: string | null;
}

Crate.init(
  { area: { type: DataTypes.TEXT, field: "region", defaultValue: "eu" } },
  { sequelize, tableName: "orders" },
);

export async function place() {
  await Crate.create({});
  await db("orders").insert({ customer_id: 1, region: "eu" });
}
