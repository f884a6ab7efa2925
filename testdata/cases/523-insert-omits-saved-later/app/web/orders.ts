@Entity("orders")
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column() customerId!: number;
}

export async function place(manager: EntityManager, customerId: number) {
  const order = new Order();
  order.customerId = customerId;
  await manager.save(order);
}
