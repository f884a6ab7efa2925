package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "orders")
public class OrderEntity {
  @Id private Long id;

  @Column(name = "customer_id", nullable = false) // pf: high
  private Long buyer;

  @ManyToOne
  @JoinColumn(name = "customer_id", insertable = false, updatable = false) // pf: high
  private Customer customer;

  private static final String BY_CUSTOMER = """
      SELECT id FROM orders
       WHERE customer_id = ?"""; // pf: high

  @Transient private Long customerId;
}

@Entity
@Table(name = "invoices")
class InvoiceEntity {
  @Id private Long id;
  private Long customerId;
}

@Entity
class Orders {
  @Id private Long id;
  private Long customerId; // pf: high
}

class Repo {
  String q = "SELECT o.id FROM orders o WHERE o.customer_id = :cid"; // pf: high
  String r = "SELECT id FROM invoices WHERE customer_id = ?";
}
