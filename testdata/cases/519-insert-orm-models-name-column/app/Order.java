@Entity
@Table(name = "orders")
public class Order {
  @Id private Long id;
  @Column(name = "region", nullable = false) private String area;
}
