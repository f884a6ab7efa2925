
[Table("orders")]
public class Order : BaseEntity, IAudited
{
    [Required] public string? Notes { get; set; }
    public int? Region { get; set; } = 1;
}
class Ctx : DbContext {
  void M(ModelBuilder mb) {
    mb.Entity<Order>().Property<string>("Region");
    mb.Entity<Order>().Property(o => o.Notes).HasColumnName("notes");
    db.Orders.Add(new Order { Notes = "" });
    db.AddAsync(new Order());
  }
}
