@Entity("orders")
export class Order extends BaseEntity {
  @PrimaryGeneratedColumn() id!: number;
}
@Entity("invoices")
export class Invoice {
  @PrimaryGeneratedColumn() id!: number;
}
export async function a(repo, manager, ds) {
  const o = new Order();
  o.status = "new";
  await repo.save(o);
  const p = ds.getRepository(Order).create({ id: 1 });
  await manager.save(p);
  const q = manager.create(Order, { id: 2 });
  await q.save();
  const i = new Invoice();
  await repo.save(i);
  const r = new Order();
  await ds.getRepository(Order).save(r);
  const s = await repo.findOne({ where: { id: 1 } });
  await repo.save(s);
  let t = new Order();
  t = await repo.findOne({ where: { id: 2 } });
  await repo.save(t);
  const u = new Order();
  return u;
}
