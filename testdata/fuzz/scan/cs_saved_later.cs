
[Table("orders")]
public class Order
{
    public long Id { get; set; }
    public string Status { get; set; }
}
[Table("invoices")]
public class Invoice
{
    public long Id { get; set; }
}
public class Svc
{
    void F(ShopContext db, List<Order> list)
    {
        var o = new Order { Status = "new" };
        db.Orders.Add(o);
        var p = new Order();
        db.Add(p);
        var i = new Invoice { Id = 1 };
        db.Invoices.Add(i);
        var q = new Order();
        list.Add(q);
        var r = new Order();
        r = db.Orders.Find(1L);
        db.Orders.Add(r);
        Order s = new Order();
        _context.Set<Order>().Add(s);
        db.Orders.Add(new Order { Id = 1 });
    }
}
