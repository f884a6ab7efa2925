package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "orders")
public class Order {  // pf-ref: insert:orders.region=ins
  @Id @GeneratedValue private Long id;

  @ManyToOne
  @JoinColumn(name = "customer_id") // pf-ref: orders.customer_id=orm
  private Customer customer;

  @Column(name = "notes", columnDefinition = "text") // pf-ref: orders.notes=orm
  private String remarks;

  private String status;
}
