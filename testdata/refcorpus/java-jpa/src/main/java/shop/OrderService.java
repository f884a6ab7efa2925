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

  void bill() {
    em.persist(new Invoice()); // pf-decoy: insert:orders.region
  }
}
