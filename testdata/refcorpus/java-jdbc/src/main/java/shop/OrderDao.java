package shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Orders over plain JDBC. */
public class OrderDao {
  private static final Logger LOG = Logger.getLogger("orders");
  // customer_id is indexed  pf-decoy: orders.customer_id
  private static final String BY_CUSTOMER =
      "SELECT id, notes FROM orders WHERE customer_id = ? ORDER BY created_at"; // pf-ref: orders.notes=sql orders.customer_id=sql

  private final Connection conn;

  public OrderDao(Connection conn) {
    this.conn = conn;
  }

  public List<Long> byCustomer(long customerId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(BY_CUSTOMER)) {
      ps.setLong(1, customerId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong("id"));
        }
      }
    }
    return ids;
  }

  public void insert(long customerId, String notes) throws SQLException { // pf-decoy: orders.notes
    LOG.info("insert order customer_id=" + customerId); // pf-decoy: orders.customer_id
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO orders (customer_id, notes, status) VALUES (?, ?, 'new')")) { // pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
      ps.setLong(1, customerId);
      ps.setString(2, notes); // pf-decoy: orders.notes
      ps.executeUpdate();
    }
  }

  public void reassign(long from, long to) throws SQLException {
    String sql = "UPDATE orders SET customer_id = ? " // pf-ref: orders.customer_id=sql
        + "WHERE customer_id = ?"; // pf-ref: orders.customer_id=sql
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, to);
      ps.setLong(2, from);
      ps.executeUpdate();
    }
  }

  public String invoiceNotes(long invoiceId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT notes, customer_id FROM invoices WHERE id = ?")) { // pf-decoy: orders.notes orders.customer_id
      ps.setLong(1, invoiceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("notes") : null; // pf-decoy: orders.notes
      }
    }
  }

  public int mismatched() throws SQLException {
    String sql = """
        SELECT count(*)
          FROM orders o
          JOIN invoices i ON i.order_id = o.id
         WHERE o.customer_id <> i.customer_id -- pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id
           AND o.notes IS NOT NULL -- pf-ref: orders.notes=sql
        """;
    try (PreparedStatement ps = conn.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  public String userEmail(long id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT email FROM users WHERE id = ?")) { // pf-ref: users.email=sql
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("email") : null; // pf-decoy: users.email
      }
    }
  }

  public void purgeCoupons() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM coupons WHERE expires_at < now()")) { // pf-ref: coupons=sql
      ps.executeUpdate();
    }
    LOG.info("coupons purged"); // pf-decoy: coupons
  }

  public void customerEmails() throws SQLException {
    conn.prepareStatement("SELECT email FROM customers").executeQuery(); // pf-decoy: users.email
  }
}
