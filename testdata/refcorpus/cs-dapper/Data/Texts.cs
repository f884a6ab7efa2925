namespace Shop.Data;

/// <summary>UI texts; no query here.</summary>
public static class Texts
{
    public const string CustomerIdLabel = "customer_id"; // pf-decoy: orders.customer_id
    public const string NotesLabel = "notes"; // pf-decoy: orders.notes
    public const string EmailLabel = "email"; // pf-decoy: users.email

    public static string Mailto(string email) => $"mailto:{email}"; // pf-decoy: users.email users.email

    // coupons are shown in the basket  pf-decoy: coupons
    public static string Coupons(int coupons) => $"{coupons} coupons"; // pf-decoy: coupons coupons coupons
}
