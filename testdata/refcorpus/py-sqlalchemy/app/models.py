from sqlalchemy import BigInteger, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id = Column(BigInteger, primary_key=True)
    email = Column(String)  # pf-decoy: users.email


class Account(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login_email: Mapped[str] = mapped_column("email", String, unique=True)  # pf-ref: users.email=orm


class Order(Base):  # pf-ref: insert:orders.region=ins
    __tablename__ = "orders"
    id = Column(BigInteger, primary_key=True)
    customer_id = Column(BigInteger, ForeignKey("customers.id"), nullable=False)  # pf-ref: orders.customer_id=orm
    status = Column(String(20))
    memo = Column("notes", Text)  # pf-ref: orders.notes=orm


class Invoice(Base):  # pf-decoy: insert:orders.region
    __tablename__ = "invoices"
    id = Column(BigInteger, primary_key=True)
    customer_id = Column(BigInteger, ForeignKey("customers.id"))  # pf-decoy: orders.customer_id
    notes = Column(Text)  # pf-decoy: orders.notes


class Coupon(Base):
    __tablename__ = "coupons"  # pf-ref: coupons=orm
    id = Column(BigInteger, primary_key=True)
    code = Column(String)


class CouponCode(Base):
    __tablename__ = "coupon_codes"  # pf-decoy: coupons
    id = Column(BigInteger, primary_key=True)
    code = Column(String)
