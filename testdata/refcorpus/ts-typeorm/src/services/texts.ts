// UI strings and logging; nothing here reads the database.
export const LABELS: Record<string, string> = {
  customer_id: "Customer", // pf-decoy: orders.customer_id
  notes: "Notes", // pf-decoy: orders.notes
  email: "E-mail", // pf-decoy: users.email
  coupons: "Coupons", // pf-decoy: coupons
};

export function describe(invoice: { customer_id: number; notes?: string }): string { // pf-decoy: orders.customer_id orders.notes
  console.log("describing invoice for customer_id", invoice.customer_id); // pf-decoy: orders.customer_id orders.customer_id
  return `${invoice.customer_id}: ${invoice.notes ?? ""}`; // pf-decoy: orders.customer_id orders.notes
}

export function mailto(email: string): string { // pf-decoy: users.email
  return `mailto:${email}`; // pf-decoy: users.email
}

export const HELP = "Select notes from the list, then the customer_id."; // pf-decoy: orders.notes orders.customer_id
