<?php

namespace Shop;

/** Labels and log lines; nothing here is a query. */
final class Texts
{
    public const LABELS = ['customer_id' => 'Customer', 'notes' => 'Notes', 'email' => 'E-mail']; // pf-decoy: orders.customer_id orders.notes users.email

    public static function describe(array $invoice): string
    {
        return sprintf('%d: %s', $invoice['customer_id'], $invoice['notes']); // pf-decoy: orders.customer_id orders.notes
    }

    public static function logInvoice(object $invoice): void
    {
        error_log("invoice for customer_id {$invoice->customer_id}"); // pf-decoy: orders.customer_id orders.customer_id
    }

    public static function mailto(string $email): string // pf-decoy: users.email
    {
        return "mailto:$email"; // pf-decoy: users.email
    }

    public static function coupons(array $coupons): int // pf-decoy: coupons coupons
    {
        return count($coupons); // pf-decoy: coupons
    }
}
