import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("orders")
export class Order extends BaseEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "customer_id" })
  customerId!: number;
}

@Entity("orders")
export class OrderRegion {
  @Column({ name: "region" })
  area!: string;
}

@Entity("orders")
export class AuditedOrder extends Audited {
  @Column()
  status!: string;
}
