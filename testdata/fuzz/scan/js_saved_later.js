Order.init({ id: { type: DataTypes.BIGINT, primaryKey: true } },
  { sequelize, tableName: "orders" });
async function f() {
  const o = Order.build({ id: 1 });
  await o.save();
  const p = await Order.findByPk(1);
  await p.save();
  const q = Order.build({ id: 2 });
  return q;
}
