import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("customers")
export class Customer {  // pf-decoy: insert:orders.region
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  email!: string; // pf-decoy: users.email
}

@Entity({ name: "users" })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "email", unique: true }) // pf-ref: users.email=orm
  login!: string;
}

@Entity("invoices")
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "customer_id" }) // pf-decoy: orders.customer_id
  customerId!: number; // pf-decoy: orders.customer_id

  @Column({ nullable: true })
  notes!: string; // pf-decoy: orders.notes
}

@Entity("coupons") // pf-ref: coupons=orm
export class Coupon {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  code!: string;
}
