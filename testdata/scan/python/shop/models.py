"""Django models: the app label is the folder name ("shop")."""
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=200)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)  # pf: high
    notes = models.TextField(null=True)

    class Meta:
        db_table = "orders"


class Invoice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    order = models.ForeignKey(Order, on_delete=models.CASCADE)

    class Meta:
        db_table = "invoices"


class LegacyOrder(models.Model):
    buyer = models.IntegerField(db_column="customer_id")

    class Meta:
        db_table = "orders_archive"
