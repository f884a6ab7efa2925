using System.Linq;
using Microsoft.EntityFrameworkCore;
using Shop.Models;

namespace Shop.Services;

public class OrderService
{
    private readonly ShopContext _db;

    public OrderService(ShopContext db) => _db = db;

    public void Annotate(long id, string text)
    {
        var order = _db.Orders.Find(id)!;
        order.Notes = text; // pf-ref: orders.notes=attr
        _db.SaveChanges();
    }

    public long OwnerOf(long id)
    {
        var order = _db.Orders.Find(id)!;
        return order.CustomerId; // pf-ref: orders.customer_id=attr
    }

    public long InvoiceOwner(long id)
    {
        var invoice = _db.Invoices.Find(id)!;
        return invoice.CustomerId; // pf-decoy: orders.customer_id
    }

    public int RawCount(long customerId) => // pf-decoy: orders.customer_id
        _db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM orders WHERE customer_id = {customerId}").Single(); // pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id

    public int Cleared() =>
        _db.Database.ExecuteSqlRaw("UPDATE orders SET notes = NULL WHERE status = 'closed'"); // pf-ref: orders.notes=sql
}
