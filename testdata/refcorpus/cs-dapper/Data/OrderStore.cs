using System.Collections.Generic;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shop.Data;

public sealed class OrderStore
{
    private readonly NpgsqlConnection _conn;
    private readonly ILogger<OrderStore> _log;

    public OrderStore(NpgsqlConnection conn, ILogger<OrderStore> log) => (_conn, _log) = (conn, log);

    public Task<IEnumerable<long>> ForCustomer(long customerId) => // pf-decoy: orders.customer_id
        _conn.QueryAsync<long>("SELECT id FROM orders WHERE customer_id = @customerId", new { customerId }); // pf-ref: orders.customer_id=sql

    public async Task<long> Create(long customerId, string? notes) // pf-decoy: orders.notes
    {
        _log.LogInformation("order for customer_id {Id}", customerId); // pf-decoy: orders.customer_id
        return await _conn.ExecuteScalarAsync<long>(
            "INSERT INTO orders (customer_id, notes, status) VALUES (@customerId, @notes, 'new') RETURNING id", // pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
            new { customerId, notes });
    }

    public Task Reassign(long from, long to) =>
        _conn.ExecuteAsync(@"
            UPDATE orders
               SET customer_id = @to -- pf-ref: orders.customer_id=sql
             WHERE customer_id = @from", new { from, to }); // pf-ref: orders.customer_id=sql

    public Task<IEnumerable<string>> Notes(string status) =>
        _conn.QueryAsync<string>($"SELECT notes FROM orders WHERE status = '{status}'"); // pf-ref: orders.notes=sql

    public Task<int> Mismatched() =>
        _conn.ExecuteScalarAsync<int>("""
            SELECT count(*)
              FROM orders o JOIN invoices i ON i.order_id = o.id
             WHERE o.customer_id <> i.customer_id -- pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id
               AND o.notes IS NULL -- pf-ref: orders.notes=sql
            """);

    public Task<IEnumerable<string>> InvoiceNotes(long customerId) => // pf-decoy: orders.customer_id
        _conn.QueryAsync<string>("SELECT notes FROM invoices WHERE customer_id = @customerId", new { customerId }); // pf-decoy: orders.notes orders.customer_id

    public async Task<long?> UserByEmail(string email) // pf-decoy: users.email
    {
        using var cmd = new NpgsqlCommand("SELECT id FROM users WHERE email = $1", _conn); // pf-ref: users.email=sql
        cmd.Parameters.AddWithValue(email); // pf-decoy: users.email
        return (long?)await cmd.ExecuteScalarAsync();
    }

    public Task<IEnumerable<string>> CustomerEmails() =>
        _conn.QueryAsync<string>("SELECT email FROM customers"); // pf-decoy: users.email

    public Task PurgeCoupons() =>
        _conn.ExecuteAsync("DELETE FROM coupons " + "WHERE expires_at < now()"); // pf-ref: coupons=sql

    private const string Header = "customer_id,notes,email"; // pf-decoy: orders.customer_id orders.notes users.email
}
