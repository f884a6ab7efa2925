@Entity("orders")
export class Order {
  @Column({ name: "customer_id" }) customerId: number;
}
const sql = "UPDATE orders SET customer_id = $1 WHERE id = $2";
