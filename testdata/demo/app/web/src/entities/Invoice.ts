import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

// invoices.customer_id is a different column from orders.customer_id.
@Entity({ name: "invoices" })
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  customer_id!: number;

  @Column({ name: "order_id" })
  orderId!: number;

  @Column({ name: "amount_cents" })
  amountCents!: number;
}
