"""Django and SQLAlchemy models of the shop."""
from django.db import models
from sqlalchemy import BigInteger, Column, Table, Text


class Order(models.Model):  # leaves region out of every create()
    customer_id = models.BigIntegerField()
    notes = models.TextField(null=True)

    class Meta:
        db_table = "orders"


class Shipment(models.Model):  # region mapped under another name: fine
    area = models.TextField(db_column="region")

    class Meta:
        db_table = "orders"


class Parcel(models.Model):  # nullable in the model: NULL when unset
    region = models.TextField(null=True)

    class Meta:
        db_table = "orders"


class Invoice(models.Model):  # another table
    notes = models.TextField()

    class Meta:
        db_table = "invoices"


class Archived(SoftDeleteMixin, models.Model):  # the mixin may declare it
    class Meta:
        db_table = "orders"


class OrderRow(Base):  # SQLAlchemy: no region mapped
    __tablename__ = "orders"
    id = Column(BigInteger, primary_key=True)


class OrderMemo(Base):  # SQLAlchemy: mapped as memo, NOT NULL
    __tablename__ = "orders"
    memo = Column("region", Text, nullable=False)


orders_table = Table("orders", metadata, Column("id", BigInteger))
reflected = Table("orders", metadata, autoload_with=engine)


def place(customer_id):
    Order.objects.create(customer_id=customer_id)
    Shipment.objects.create(area="eu")
    Invoice.objects.create(notes="")
