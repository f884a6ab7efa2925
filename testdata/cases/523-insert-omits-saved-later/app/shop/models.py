from django.db import models


class Order(models.Model):
    customer_id = models.BigIntegerField()

    class Meta:
        db_table = "orders"


def place(customer_id):
    order = Order(customer_id=customer_id)  # saved below: an INSERT
    order.save()


def touch(order_id):
    order = Order.objects.get(id=order_id)  # fetched: save() updates
    order.save()
