<?php

namespace Shop;

use PDO;

final class OrderRepository
{
    public function __construct(private PDO $pdo) {}

    public function forCustomer(int $customerId): array
    {
        $st = $this->pdo->prepare('SELECT id, notes FROM orders WHERE customer_id = :cid'); // pf-ref: orders.notes=sql orders.customer_id=sql
        $st->execute(['cid' => $customerId]);
        return $st->fetchAll(PDO::FETCH_ASSOC);
    }

    public function create(int $customerId, ?string $notes): int
    {
        error_log("order for customer_id $customerId"); // pf-decoy: orders.customer_id
        $st = $this->pdo->prepare("INSERT INTO orders (customer_id, notes, status) VALUES (?, ?, 'new') RETURNING id"); // pf-ref: insert:orders.region=ins orders.customer_id=sql orders.notes=sql
        $st->execute([$customerId, $notes]);
        return (int) $st->fetchColumn();
    }

    public function reassign(int $from, int $to): void
    {
        $sql = <<<SQL
            UPDATE orders
               SET customer_id = :to -- pf-ref: orders.customer_id=sql
             WHERE customer_id = :from -- pf-ref: orders.customer_id=sql
            SQL;
        $this->pdo->prepare($sql)->execute(['from' => $from, 'to' => $to]);
    }

    public function withNotes(string $status): array
    {
        $sql = <<<'SQL'
            SELECT o.id, o.notes -- pf-ref: orders.notes=sql
              FROM orders o
             WHERE o.status = ?
            SQL;
        $st = $this->pdo->prepare($sql);
        $st->execute([$status]);
        return $st->fetchAll();
    }

    public function search(string $q): array
    {
        $st = $this->pdo->query("SELECT id FROM orders WHERE notes ILIKE '%{$q}%'"); // pf-ref: orders.notes=sql
        return $st->fetchAll();
    }

    public function invoices(int $customerId): array
    {
        $st = $this->pdo->prepare('SELECT notes, customer_id FROM invoices WHERE customer_id = ?'); // pf-decoy: orders.notes orders.customer_id orders.customer_id
        $st->execute([$customerId]);
        return $st->fetchAll();
    }

    public function mismatched(): int
    {
        return (int) $this->pdo->query('SELECT count(*) FROM orders o JOIN invoices i ON i.order_id = o.id '
            . 'WHERE o.customer_id <> i.customer_id')->fetchColumn(); // pf-ref: orders.customer_id=sql pf-decoy: orders.customer_id
    }

    public function userByEmail(string $email): ?array // pf-decoy: users.email
    {
        $st = $this->pdo->prepare('SELECT id FROM users WHERE email = ?'); // pf-ref: users.email=sql
        $st->execute([$email]); // pf-decoy: users.email
        return $st->fetch() ?: null;
    }

    public function purgeCoupons(): void
    {
        $this->pdo->exec('DELETE FROM coupons WHERE expires_at < now()'); // pf-ref: coupons=sql
        echo "coupons purged\n"; // pf-decoy: coupons
    }

    /** @var string[] the CSV columns: customer_id, notes */ // pf-decoy: orders.customer_id orders.notes
    private const EXPORT = ['customer_id', 'notes']; // pf-decoy: orders.customer_id orders.notes
}
