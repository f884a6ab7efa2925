using System.ComponentModel.DataAnnotations.Schema;

namespace Shop.Models;

[Table("orders")]
public class Order  // pf-ref: insert:orders.region=ins
{
    public long Id { get; set; }

    [Column("customer_id")] // pf-ref: orders.customer_id=orm
    public long CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public string? Notes { get; set; } // pf-ref: orders.notes=orm

    public string Status { get; set; } = "new";
}

[Table("invoices")]
public class Invoice  // pf-decoy: insert:orders.region
{
    public long Id { get; set; }

    [Column("customer_id")] // pf-decoy: orders.customer_id
    public long CustomerId { get; set; } // pf-decoy: orders.customer_id

    public string? Notes { get; set; } // pf-decoy: orders.notes
}

public class Customer
{
    public long Id { get; set; }
    public string? Email { get; set; } // pf-decoy: users.email
}

public class Account
{
    public long Id { get; set; }
    public string Login { get; set; } = "";
}

public class Coupon
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
}
