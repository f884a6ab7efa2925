using System.ComponentModel.DataAnnotations.Schema;

[Table("orders")]
public class Order
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
}

[Table("orders")]
public class OrderView
{
    public long Id { get; set; }
    public string Area { get; set; }
}

public class ShopContext : DbContext
{
    protected override void OnModelCreating(ModelBuilder mb)
    {
        mb.Entity<OrderView>().Property(o => o.Area).HasColumnName("region");
    }
}
