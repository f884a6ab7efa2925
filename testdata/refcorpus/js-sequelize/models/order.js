const { DataTypes, Model } = require("sequelize");
const sequelize = require("../db");

class Order extends Model {}

Order.init(  // pf-ref: insert:orders.region=ins
  {
    customerId: { type: DataTypes.BIGINT, allowNull: false, field: "customer_id" }, // pf-ref: orders.customer_id=orm
    status: DataTypes.STRING,
    notes: DataTypes.TEXT, // pf-ref: orders.notes=orm
  },
  { sequelize, tableName: "orders", underscored: true }
);

class Invoice extends Model {}

Invoice.init(  // pf-decoy: insert:orders.region
  {
    customerId: { type: DataTypes.BIGINT, field: "customer_id" }, // pf-decoy: orders.customer_id
    notes: DataTypes.TEXT, // pf-decoy: orders.notes
  },
  { sequelize, tableName: "invoices" }
);

const User = sequelize.define(
  "User",
  {
    email: { type: DataTypes.STRING, unique: true }, // pf-ref: users.email=orm
    name: DataTypes.STRING,
  },
  { tableName: "users" }
);

module.exports = { Order, Invoice, User };
