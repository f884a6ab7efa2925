package shop;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OrderRepository extends JpaRepository<Order, Long> {
  @Query(value = "SELECT * FROM orders WHERE customer_id = :cid", nativeQuery = true) // pf-ref: orders.customer_id=sql
  List<Order> nativeByCustomer(@Param("cid") long customerId); // pf-decoy: orders.customer_id

  @Query(value = "SELECT o.id FROM orders o WHERE o.notes ILIKE :q", nativeQuery = true) // pf-ref: orders.notes=sql
  List<Long> searchNotes(@Param("q") String q);

  @Query(value = "SELECT i.* FROM invoices i WHERE i.customer_id = :cid", nativeQuery = true) // pf-decoy: orders.customer_id
  List<Object[]> invoices(@Param("cid") long customerId); // pf-decoy: orders.customer_id

  @Query(value = "UPDATE orders SET notes = NULL WHERE status = 'closed'", nativeQuery = true) // pf-ref: orders.notes=sql
  void clearClosedNotes();

  @Query(value = "SELECT u.email FROM users u WHERE u.id = :id", nativeQuery = true) // pf-ref: users.email=sql
  String emailOf(@Param("id") long id);
}

interface JpqlQueries extends JpaRepository<Order, Long> {
  @Query("SELECT o FROM Order o WHERE o.customer.id = :cid") // pf-ref: orders.customer_id=sql
  List<Order> byCustomer(@Param("cid") long customerId); // pf-decoy: orders.customer_id

  @Query("SELECT o FROM Order o WHERE o.remarks LIKE :q") // pf-ref: orders.notes=sql
  List<Order> byRemarks(@Param("q") String q);

  @Query("SELECT i FROM Invoice i WHERE i.customerId = :cid AND i.notes IS NOT NULL") // pf-decoy: orders.customer_id orders.notes
  List<Invoice> invoicesOf(@Param("cid") long customerId); // pf-decoy: orders.customer_id

  @Query("UPDATE Order o SET o.remarks = NULL WHERE o.status = 'closed'") // pf-ref: orders.notes=sql
  void clearRemarks();

  @Query("SELECT u FROM User u WHERE u.email = :email") // pf-ref: users.email=sql pf-decoy: users.email
  User byEmail(@Param("email") String email); // pf-decoy: users.email
}
