"""SQLAlchemy models of the shop database."""
from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"

    id = Column(BigInteger, primary_key=True)
    name = Column(String(200), nullable=False)
    email = Column(String(320), nullable=False, unique=True)


class Order(Base):
    __tablename__ = "orders"

    id = Column(BigInteger, primary_key=True)
    customer_id = Column(BigInteger, ForeignKey("customers.id"), nullable=False)
    notes = Column(Text)
    created_at = Column(DateTime(timezone=True), nullable=False)
    total_cents = Column(Integer, nullable=False)
    status = Column(String(20), nullable=False, default="new")

    customer = relationship(Customer)


class Invoice(Base):
    __tablename__ = "invoices"

    id = Column(BigInteger, primary_key=True)
    # Not the column being renamed: invoices.customer_id stays.
    customer_id = Column(BigInteger, ForeignKey("customers.id"), nullable=False)
    order_id = Column(BigInteger, ForeignKey("orders.id"), nullable=False)
    amount_cents = Column(Integer, nullable=False)
