@Entity("orders")
export class Order extends BaseEntity {
  @Column({ nullable: true, name: "region" }) area!: string | null;
  @Column(() => Address) address!: Address;
  @ManyToOne(() => Customer) customer!: Customer;
}
Sale.init( // a comment first
  { notes: DataTypes.TEXT, ...rest, [k]: 1 },
  { sequelize, tableName: "orders" });
export async function f(ds, manager) {
  await ds.getRepository(Order).save({ id: 1 });
  await manager.insert(Order, {});
  await Sale.bulkCreate(rows);
  await prisma.order.createMany({ data: rows });
}
