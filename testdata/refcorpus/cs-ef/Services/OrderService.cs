using System.Collections.Generic;
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

public class OrderQueries
{
    private readonly ShopContext _db;

    public OrderQueries(ShopContext db) => _db = db;

    public long[] OfCustomer(long customerId) => // pf-decoy: orders.customer_id
        _db.Orders.Where(o => o.CustomerId == customerId).Select(o => o.Id).ToArray(); // pf-ref: orders.customer_id=attr pf-decoy: orders.customer_id

    public string?[] AllNotes() =>
        _db.Orders.OrderBy(o => o.Id).Select(o => o.Notes).ToArray(); // pf-ref: orders.notes=attr

    public long[] InvoiceOwners() =>
        _db.Invoices.Where(i => i.Notes != null).Select(i => i.CustomerId).ToArray(); // pf-decoy: orders.notes orders.customer_id

    public int ClearNotes() =>
        _db.Orders.Where(o => o.Status == "closed")
            .ExecuteUpdate(s => s.SetProperty(o => o.Notes, o => null)); // pf-ref: orders.notes=attr

    public void Place()
    {
        _db.Orders.Add(new Order { Status = "new" }); // pf-ref: insert:orders.region=ins
        _db.Invoices.Add(new Invoice { Id = 1 }); // pf-decoy: insert:orders.region
        _db.SaveChanges();
    }

    public void Draft()
    {
        var order = new Order { Status = "draft" }; // pf-ref: insert:orders.region=ins
        _db.Orders.Add(order);
        _db.SaveChanges();
    }

    public List<Order> Preview()
    {
        var order = new Order { Status = "preview" }; // pf-decoy: insert:orders.region
        var list = new List<Order>();
        list.Add(order);
        return list;
    }
}
