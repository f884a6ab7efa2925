from sqlalchemy import select, text, update

from .models import Account, Coupon, Invoice, Order


def orders_of(session, customer_id):  # pf-decoy: orders.customer_id
    stmt = select(Order).where(Order.customer_id == customer_id)  # pf-ref: orders.customer_id=attr pf-decoy: orders.customer_id
    return session.scalars(stmt).all()


def memo_of(session, order_id):
    return session.execute(select(Order.memo).where(Order.id == order_id)).scalar()  # pf-ref: orders.notes=attr


def set_memo(session, order_id, memo):
    session.execute(update(Order).where(Order.id == order_id).values(memo=memo))  # pf-ref: orders.notes=qb


def by_customer(session, cid):
    return session.query(Order).filter_by(customer_id=cid).all()  # pf-ref: orders.customer_id=qb


def invoice_owner(session, invoice_id):
    inv = session.get(Invoice, invoice_id)
    return inv.customer_id  # pf-decoy: orders.customer_id


def invoices_by_customer(session, cid):
    return session.query(Invoice).filter(Invoice.customer_id == cid, Invoice.notes != None).all()  # pf-decoy: orders.customer_id orders.notes


def account(session, email):  # pf-decoy: users.email
    return session.query(Account).filter(Account.login_email == email).one()  # pf-ref: users.email=attr pf-decoy: users.email


def totals(session):
    return session.execute(
        text("SELECT customer_id, count(*) FROM orders GROUP BY customer_id")  # pf-ref: orders.customer_id=sql orders.customer_id=sql
    ).all()


def notes_search(session, q):
    return session.execute(
        text("SELECT id FROM orders WHERE notes ILIKE :q"), {"q": f"%{q}%"}  # pf-ref: orders.notes=sql
    ).all()


def coupon(session, code):
    return session.scalars(select(Coupon).where(Coupon.code == code)).first()  # pf-ref: coupons=attr


def customer_ids_label():
    return "customer_id"  # pf-decoy: orders.customer_id


# SQLAlchemy Core, for the reporting jobs.
from sqlalchemy import BigInteger, Column, MetaData, Table, Text

metadata = MetaData()
orders_t = Table(
    "orders",  # pf-ref: insert:orders.region=ins
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("customer_id", BigInteger),  # pf-ref: orders.customer_id=orm
    Column("notes", Text),  # pf-ref: orders.notes=orm
)
invoices_t = Table(
    "invoices",  # pf-decoy: insert:orders.region
    metadata,
    Column("customer_id", BigInteger),  # pf-decoy: orders.customer_id
    Column("notes", Text),  # pf-decoy: orders.notes
)


def core_owners(conn, cid):
    stmt = select(orders_t.c.id).where(orders_t.c.customer_id == cid)  # pf-ref: orders.customer_id=attr
    return conn.execute(stmt).all()


def core_invoices(conn, cid):
    return conn.execute(select(invoices_t.c.notes).where(invoices_t.c.customer_id == cid)).all()  # pf-decoy: orders.notes orders.customer_id


def place(session):
    session.add(Order(status="new"))  # pf-ref: insert:orders.region=ins
    session.add(Invoice(id=1))  # pf-decoy: insert:orders.region


def place_later(session):
    order = Order(status="new")  # pf-ref: insert:orders.region=ins
    invoice = Invoice(id=2)  # pf-decoy: insert:orders.region
    session.add_all([order, invoice])


def refresh(session, order_id):
    order = session.get(Order, order_id)  # pf-decoy: insert:orders.region
    order.status = "seen"
    session.add(order)


def preview():
    order = Order(status="preview")  # pf-decoy: insert:orders.region
    return order
