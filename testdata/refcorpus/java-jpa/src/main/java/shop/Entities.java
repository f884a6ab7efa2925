package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "customers")
class Customer {
  @Id private Long id;
  private String email; // pf-decoy: users.email
}

@Entity
@Table(name = "users")
class User {
  @Id private Long id;

  @Column(nullable = false, unique = true)
  private String email; // pf-ref: users.email=orm
}

@Entity
@Table(name = "invoices")
class Invoice {  // pf-decoy: insert:orders.region
  @Id private Long id;

  @Column(name = "customer_id") // pf-decoy: orders.customer_id
  private Long customerId; // pf-decoy: orders.customer_id

  private String notes; // pf-decoy: orders.notes
}

@Entity
@Table(name = "coupons") // pf-ref: coupons=orm
class Coupon {
  @Id private Long id;
  private String code;
}
