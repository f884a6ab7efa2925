import { DataSource, Repository } from "typeorm";
import { Invoice } from "../entity/Customer";
import { Order } from "../entity/Order";

export class OrderService {
  constructor(private readonly db: DataSource) {}

  async forCustomer(customerId: number) { // pf-decoy: orders.customer_id
    return this.db.query(
      `SELECT id, notes FROM orders WHERE customer_id = $1`, // pf-ref: orders.notes=sql orders.customer_id=sql
      [customerId]
    );
  }

  async withNotes() {
    return this.db
      .getRepository(Order)
      .createQueryBuilder("o")
      .where("o.notes IS NOT NULL") // pf-ref: orders.notes=qb
      .getMany();
  }

  async invoiceOwners() {
    return this.db.query(
      "SELECT i.customer_id, i.notes FROM invoices i" // pf-decoy: orders.customer_id orders.notes
    );
  }

  async annotate(id: number, notes: string) { // pf-decoy: orders.notes
    await this.db.query("UPDATE orders SET notes = $1 WHERE id = $2", [notes, id]); // pf-ref: orders.notes=sql pf-decoy: orders.notes
  }

  async userEmails(): Promise<string[]> {
    const rows = await this.db.query(`SELECT email FROM users ORDER BY email`); // pf-ref: users.email=sql users.email=sql
    return rows.map((r: { email: string }) => r.email); // pf-decoy: users.email users.email
  }

  async expiredCoupons() {
    return this.db.query("SELECT code FROM coupons WHERE expires_at < now()"); // pf-ref: coupons=sql
  }
}

// The form field is called customer_id too.  pf-decoy: orders.customer_id
export const FORM_FIELDS = { customer_id: "Customer", notes: "Notes", email: "E-mail" }; // pf-decoy: orders.customer_id orders.notes users.email

export class OrderQueries {
  constructor(private readonly db: DataSource) {}

  async ownersWithNotes() {
    return this.db
      .getRepository(Order)
      .createQueryBuilder("o")
      .select(["o.id", "o.notes"]) // pf-ref: orders.notes=qb
      .where("o.customer = :cid", { cid: 1 }) // pf-ref: orders.customer_id=qb
      .orderBy("o.notes") // pf-ref: orders.notes=qb
      .getMany();
  }

  async invoiceOwners() {
    return this.db
      .getRepository(Invoice)
      .createQueryBuilder("i")
      .where("i.customerId = :cid AND i.notes IS NOT NULL", { cid: 1 }) // pf-decoy: orders.customer_id orders.notes
      .getMany();
  }

  async place() {
    return this.db.getRepository(Order).save({ totalCents: 0 }); // pf-ref: insert:orders.region=ins
  }

  async draft() {
    const order = new Order(); // pf-ref: insert:orders.region=ins
    order.totalCents = 0;
    return this.db.manager.save(order);
  }

  async draftWith(repo: Repository<Order>) {
    const order = repo.create({ totalCents: 0 }); // pf-ref: insert:orders.region=ins
    return repo.save(order);
  }

  async billWith(repo: Repository<Invoice>) {
    const invoice = repo.create({ id: 3 }); // pf-decoy: insert:orders.region
    return repo.save(invoice);
  }

  async reprice(id: number) {
    const order = await this.db.getRepository(Order).findOneByOrFail({ id }); // pf-decoy: insert:orders.region
    order.totalCents = 0;
    return this.db.manager.save(order);
  }

  async billLater() {
    const invoice = this.db.getRepository(Invoice).create({ id: 2 }); // pf-decoy: insert:orders.region
    return this.db.manager.save(invoice);
  }

  async bill() {
    return this.db.getRepository(Invoice).save({ id: 1 }); // pf-decoy: insert:orders.region
  }
}
