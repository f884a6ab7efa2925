const { Op } = require("sequelize");
const { Order, Invoice, User } = require("../models/order");

async function list(req, res) {
  const rows = await Order.findAll({ where: { customerId: req.params.customerId } }); // pf-ref: orders.customer_id=qb
  res.json(rows);
}

async function withNotes(req, res) {
  const rows = await Order.findAll({
    attributes: ["id", "notes"], // pf-ref: orders.notes=qb
    where: { notes: { [Op.ne]: null } }, // pf-ref: orders.notes=qb
    order: [["createdAt", "DESC"]],
  });
  res.json(rows);
}

async function create(req, res) {
  const { customerId, notes } = req.body; // pf-decoy: orders.customer_id orders.notes
  const order = await Order.create({ customerId, notes, status: "new" }); // pf-ref: insert:orders.region=ins orders.customer_id=qb orders.notes=qb
  res.json(order);
}

async function invoices(req, res) {
  const rows = await Invoice.findAll({ where: { customerId: req.params.id }, attributes: ["notes"] }); // pf-decoy: orders.customer_id orders.notes
  res.json(rows);
}

async function userByEmail(req, res) {
  const user = await User.findOne({ where: { email: req.query.email } }); // pf-ref: users.email=qb pf-decoy: users.email
  res.json(user);
}

async function reassign(req, res) {
  await Order.update({ customerId: req.body.to }, { where: { customerId: req.body.from } }); // pf-ref: orders.customer_id=qb orders.customer_id=qb
  res.sendStatus(204);
}

async function report(req, res) {
  const [rows] = await Order.sequelize.query(
    "SELECT customer_id, count(*) AS n FROM orders WHERE notes IS NULL GROUP BY 1" // pf-ref: orders.customer_id=sql orders.notes=sql
  );
  console.log("customer_id report done"); // pf-decoy: orders.customer_id
  res.json(rows);
}

async function importOrders(rows) {
  await Order.bulkCreate(rows); // pf-ref: insert:orders.region=ins
  await Invoice.create({ amountCents: 0 }); // pf-decoy: insert:orders.region
}

async function draft(req, res) {
  const order = Order.build({ status: "draft" }); // pf-ref: insert:orders.region=ins
  await order.save();
  res.json(order);
}

async function close(req, res) {
  const order = await Order.findByPk(req.params.id); // pf-decoy: insert:orders.region
  order.status = "closed";
  await order.save();
  res.json(order);
}

async function preview(req, res) {
  const order = Order.build({ status: "preview" }); // pf-decoy: insert:orders.region
  res.json(order);
}

module.exports = { list, withNotes, create, invoices, userByEmail, reassign, report };
