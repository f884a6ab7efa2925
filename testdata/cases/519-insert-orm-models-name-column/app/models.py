from django.db import models
from sqlalchemy import Column, Text
from sqlalchemy.orm import Mapped, mapped_column


class Order(models.Model):
    region = models.TextField(default="eu")  # a default fills it

    class Meta:
        db_table = "orders"


class Shipment(models.Model):
    area = models.CharField(max_length=8, db_column="region")

    class Meta:
        db_table = "orders"


class OrderRow(Base):
    __tablename__ = "orders"
    region: Mapped[str] = mapped_column(Text)  # required in the model


class OrderLazy(Base):
    __tablename__ = "orders"
    area = deferred(Column("region", Text, nullable=False))


class Invoice(models.Model):  # another table has no region: fine
    class Meta:
        db_table = "invoices"


def place(cur):
    Order.objects.create()
    Invoice.objects.create()
    cur.execute("INSERT INTO orders (customer_id, region) VALUES (%s, %s)", (1, "eu"))
    cur.copy_expert("COPY orders (customer_id, region) FROM STDIN", None)
