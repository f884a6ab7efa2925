package shop;

@Entity
@Table(name = "orders")
class Order {
  @Id private Long id;
  private String status;
  void setStatus(String s) { status = s; }
}

@Entity
@Table(name = "invoices")
class Invoice {
  @Id private Long id;
}

class OrderService {
  void a(EntityManager em, OrderRepository repo) {
    Order o = new Order();
    o.setStatus("new");
    em.persist(o);
    Order p = new Order();
    repo.save(p);
    Invoice i = new Invoice();
    em.persist(i);
    Order q = em.find(Order.class, 1L);
    em.persist(q);
    Order r = new Order();
    r = em.find(Order.class, 2L);
    em.persist(r);
    Order s = new Order();
    System.out.println(s);
  }
}
