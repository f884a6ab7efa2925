package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "orders")
public class Order {
  @Id @GeneratedValue private Long id;

  @Column(name = "customer_id", nullable = false)
  private Long customerId;
}

@Entity
@Table(name = "orders")
class OrderArea {
  @Id private Long id;

  @Column(name = "region", nullable = false)
  private String area;
}
