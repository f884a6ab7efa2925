const { DataTypes, Model } = require("sequelize");

class Sale extends Model {}
Sale.init(
  { customerId: { type: DataTypes.BIGINT, field: "customer_id" } },
  { sequelize, tableName: "orders" },
);

const Crate = sequelize.define(
  "Crate",
  { area: { type: DataTypes.TEXT, field: "region", allowNull: false } },
  { tableName: "orders" },
);

async function place(customerId) {
  await Sale.create({ customerId });
  await Crate.create({ area: "eu" });
  await prisma.order.create({ data: { customerId } });
  await prisma.invoice.create({ data: { amount: 1 } });
}

module.exports = { place };
