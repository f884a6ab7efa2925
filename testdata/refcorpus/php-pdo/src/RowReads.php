<?php
// Reading rows by key.
class RowReads
{
    public function owner(PDO $pdo, int $id)
    {
        $stmt = $pdo->prepare("SELECT * FROM orders WHERE id = ?");
        $stmt->execute([$id]);
        $row = $stmt->fetch();
        return $row['customer_id']; // pf-ref: orders.customer_id=attr
    }

    public function notes(PDO $pdo): array
    {
        $out = [];
        foreach ($pdo->query("SELECT id, notes FROM orders") as $row) { // pf-ref: orders.notes=sql
            $out[] = $row['notes']; // pf-ref: orders.notes=attr
        }
        return $out;
    }

    public function invoiceNotes(PDO $pdo, int $id)
    {
        $stmt = $pdo->prepare("SELECT notes FROM invoices WHERE id = ?"); // pf-decoy: orders.notes
        $stmt->execute([$id]);
        $row = $stmt->fetch();
        return $row['notes']; // pf-decoy: orders.notes
    }

    public function hook(string $body)
    {
        $payload = json_decode($body, true);
        return $payload['customer_id']; // pf-decoy: orders.customer_id
    }
}
