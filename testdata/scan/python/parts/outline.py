"""Statements parsed in parts (lib/codescan/pyparts.c): the outline of this
file has every kind of logical line, header and clause around customer_id."""
# A comment on a line of its own that names customer_id says nothing.
import functools

from django.db import models
from sqlalchemy import Column, Integer, MetaData, Table

metadata = MetaData()
orders_table = Table("orders", metadata, Column("customer_id", Integer))  # pf: high


class Buyer(models.Model):
    name = models.CharField(max_length=100)


class Purchase(models.Model):
    customer = models.ForeignKey(Buyer, on_delete=models.CASCADE)  # pf: high
    notes = models.TextField()

    class Meta:
        db_table = "orders"


class CustomerIdMixin:
    """A header that holds a candidate (CustomerId)."""

    label = "customer"


def by_customer(customer_id):
    """Look orders up by customer; customer_id is checked first."""
    if customer_id is None:
        return []
    elif Purchase.objects.filter(customer_id=customer_id).exists():  # pf: high
        return list(Purchase.objects.filter(customer_id=customer_id))  # pf: high
    else:
        return None


def one_liners(x):
    if x: return Purchase.objects.filter(customer_id=x)  # pf: high
    for o in Purchase.objects.values("customer_id"): print(o)  # pf: high
    while False: pass
    else: x = Purchase.objects.filter(customer_id=x)  # pf: high
    return x


def raw(cur, oid):
    cur.execute("SELECT customer_id FROM orders WHERE id = %s", [oid])  # pf: high
    row = cur.fetchone()
    cur.execute(f"SELECT customer_id FROM orders WHERE id = {oid}")  # pf: high
    return row["customer_id"]  # pf: medium


def docstrings():
    """SELECT customer_id FROM orders -- pf: high"""
    ("SEL" "ECT customer_id FROM orders -- pf: high")
    "\SELECT customer_id FROM orders -- pf: high"
    "customer_id is not SQL here"
    r"""
    customer_id, in words only
    """


@functools.lru_cache(maxsize=None)
# A comment between the decorator and the function.
def cached(customer_id=None):
    try:
        return Purchase.objects.get(pk=1)
    except Purchase.DoesNotExist:
        return Purchase.objects.filter(customer_id=customer_id).first()  # pf: high
    finally:
        pass


def continued():
    q = Purchase.objects \
        .filter(customer_id=3)  # pf: high
    return (q,
            # customer_id in a comment inside brackets
            1)


def nested_model():
    class Local(models.Model):
        customer_id = models.IntegerField()  # pf: high

        class Meta:
            db_table = "orders"

    return Local


def core():
    return orders_table.c.customer_id  # pf: high


async def streamed(customer_id):
    async with lock:
        async for o in Purchase.objects.filter(customer_id=customer_id):  # pf: high
            yield o


def tabs():
	if True:
		return Purchase.objects.filter(customer_id=4)  # pf: high
