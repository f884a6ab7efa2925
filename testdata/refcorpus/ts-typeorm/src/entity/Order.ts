import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Customer } from "./Customer";

@Entity("orders")
export class Order {  // pf-ref: insert:orders.region=ins
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Customer)
  @JoinColumn({ name: "customer_id" }) // pf-ref: orders.customer_id=orm
  customer!: Customer;

  @Column({ type: "text", nullable: true })
  notes!: string | null; // pf-ref: orders.notes=orm

  @Column({ name: "total_cents" })
  totalCents!: number;
}
