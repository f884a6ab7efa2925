package shop;

import jakarta.persistence.EntityManager;

class OrderService {
  private final EntityManager em;

  OrderService(EntityManager em) {
    this.em = em;
  }

  void open() {
    em.persist(new Order()); // pf-ref: insert:orders.region=ins
  }

  void draft() {
    Order order = new Order(); // pf-ref: insert:orders.region=ins
    em.persist(order);
  }

  void reopen(long id) {
    Order order = em.find(Order.class, id); // pf-decoy: insert:orders.region
    em.persist(order);
  }

  void billLater() {
    Invoice invoice = new Invoice(); // pf-decoy: insert:orders.region
    em.persist(invoice);
  }

  void bill() {
    em.persist(new Invoice()); // pf-decoy: insert:orders.region
  }
}
