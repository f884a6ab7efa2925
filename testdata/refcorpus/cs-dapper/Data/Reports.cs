using System.Collections.Generic;
using Dapper;
using Npgsql;

namespace Shop.Data;

public static class Reports
{
    public static IEnumerable<dynamic> PerCustomer(NpgsqlConnection c) =>
        c.Query("SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id"); // pf-ref: orders.customer_id=sql orders.customer_id=sql

    public static IEnumerable<dynamic> Annotated(NpgsqlConnection c) =>
        c.Query(@"SELECT id, notes -- pf-ref: orders.notes=sql
                  FROM orders
                  WHERE notes <> ''"); // pf-ref: orders.notes=sql

    public static int Relink(NpgsqlConnection c, long from, long to) =>
        c.Execute("UPDATE orders SET customer_id = @to WHERE customer_id = @from", new { from, to }); // pf-ref: orders.customer_id=sql orders.customer_id=sql

    public static IEnumerable<string> Logins(NpgsqlConnection c) =>
        c.Query<string>("SELECT email FROM users ORDER BY email"); // pf-ref: users.email=sql users.email=sql

    public static IEnumerable<dynamic> InvoiceOwners(NpgsqlConnection c) =>
        c.Query("SELECT customer_id, notes FROM invoices"); // pf-decoy: orders.customer_id orders.notes

    public static int Coupons(NpgsqlConnection c) =>
        c.ExecuteScalar<int>("SELECT count(*) FROM coupons"); // pf-ref: coupons=sql
}
