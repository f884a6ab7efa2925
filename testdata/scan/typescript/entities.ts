import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";

@Entity({ name: "orders" })
class OrderEntity {
  @PrimaryColumn()
  id!: number;

  @Column()
  customer_id!: number; // pf: high
}

@Entity()
export class Orders {
  @ManyToOne(() => Object)
  @JoinColumn({ name: "customer_id" }) // pf: high
  customer!: object;
}

@Entity("invoices")
export class InvoiceEntity {
  @Column({ name: "customer_id" })
  customerId!: number;
}

export class PlainDto {
  customer_id!: number;
}
