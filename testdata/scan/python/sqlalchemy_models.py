"""SQLAlchemy declarative models, 1.x and 2.0 styles."""
from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import Mapped, mapped_column


class OrderRow(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    customer = Column("customer_id", Integer, ForeignKey("customers.id"))  # pf: high


class OrderV2(Base):
    __tablename__ = "orders"
    __table_args__ = {"extend_existing": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))  # pf: high


class InvoiceRow(Base):
    __tablename__ = "invoices"

    customer_id = Column(Integer)


class NotAModel:
    customer_id = Column(Integer)


def query(session, cid):
    session.query(OrderRow).filter(OrderRow.customer == cid)  # pf: high
    session.query(InvoiceRow).filter(InvoiceRow.customer_id == cid)
    return session.query(OrderV2).filter_by(customer_id=cid).first()  # pf: high
