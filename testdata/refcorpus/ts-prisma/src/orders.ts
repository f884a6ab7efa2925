import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function ordersOf(customerId: bigint) { // pf-decoy: orders.customer_id
  return prisma.order.findMany({
    where: { customerId }, // pf-ref: orders.customer_id=qb
    select: { id: true, notes: true }, // pf-ref: orders.notes=qb
  });
}

export async function addOrder(customerId: bigint, notes?: string) { // pf-decoy: orders.notes
  return prisma.order.create({ data: { customerId, notes, status: "new" } }); // pf-ref: insert:orders.region=ins orders.customer_id=qb orders.notes=qb
}

export async function invoicesOf(customerId: bigint) {
  return prisma.invoice.findMany({ where: { customerId }, select: { notes: true } }); // pf-decoy: orders.customer_id orders.notes
}

export async function userByEmail(email: string) { // pf-decoy: users.email
  return prisma.user.findUnique({ where: { email } }); // pf-ref: users.email=qb
}

export async function customersWithEmail() {
  return prisma.customer.findMany({ where: { email: { not: null } } }); // pf-decoy: users.email
}

export async function perCustomer() {
  return prisma.order.groupBy({ by: ["customerId"], _count: { _all: true } }); // pf-ref: orders.customer_id=qb
}

export async function rawNotes() {
  return prisma.$queryRaw`SELECT id FROM orders WHERE notes IS NOT NULL`; // pf-ref: orders.notes=sql
}

export async function coupon(code: string) {
  return prisma.coupon.findFirst({ where: { code } }); // pf-ref: coupons=qb
}

export async function importOrders(rows: { status: string }[]) {
  await prisma.order.createMany({ data: rows }); // pf-ref: insert:orders.region=ins
  await prisma.invoice.create({ data: { orderId: 1n } }); // pf-decoy: insert:orders.region
}
