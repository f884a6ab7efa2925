@Entity @Table(name = "orders")
class Order extends Base {
  @Embedded Address address;
  @Column(name = "notes", nullable = true, insertable = false) String notes;
  int count;
  void f(EntityManager em) { em.persist(new Order()); repo.save(new Order<>()); }
}
