from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField()  # pf-decoy: users.email

    class Meta:
        db_table = "customers"


class User(models.Model):
    email = models.EmailField(unique=True)  # pf-ref: users.email=orm
    name = models.CharField(max_length=200)

    class Meta:
        db_table = "users"


class Order(models.Model):  # pf-ref: insert:orders.region=ins
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT)  # pf-ref: orders.customer_id=orm
    status = models.CharField(max_length=20)
    total_cents = models.BigIntegerField()
    notes = models.TextField(null=True)  # pf-ref: orders.notes=orm
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "orders"


class Invoice(models.Model):  # pf-decoy: insert:orders.region
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT)  # pf-decoy: orders.customer_id
    amount_cents = models.BigIntegerField()
    notes = models.TextField(null=True)  # pf-decoy: orders.notes

    class Meta:
        db_table = "invoices"


class Shipment(models.Model):  # pf-decoy: insert:orders.region
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    client = models.ForeignKey(Customer, db_column="customer_id", on_delete=models.PROTECT)  # pf-decoy: orders.customer_id
    notes = models.TextField(blank=True)  # pf-decoy: orders.notes

    class Meta:
        db_table = "shipments"


class Coupon(models.Model):
    code = models.CharField(max_length=40)
    percent_off = models.IntegerField()

    class Meta:
        db_table = "coupons"  # pf-ref: coupons=orm
