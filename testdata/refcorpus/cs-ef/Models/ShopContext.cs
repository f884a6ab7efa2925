using Microsoft.EntityFrameworkCore;

namespace Shop.Models;

public class ShopContext : DbContext
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().ToTable("customers");
        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("users");
            e.Property(a => a.Login).HasColumnName("email"); // pf-ref: users.email=orm
        });
        modelBuilder.Entity<Coupon>().ToTable("coupons"); // pf-ref: coupons=orm
        modelBuilder.Entity<Order>().HasIndex(o => o.CustomerId); // pf-ref: orders.customer_id=attr
    }
}
