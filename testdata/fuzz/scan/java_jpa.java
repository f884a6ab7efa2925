@Entity @Table(name = "orders")
class Order { @Column(name = "customer_id") Long customerId;
  static final String Q = "SELECT customer_id FROM orders " + "WHERE id = ?"; }
