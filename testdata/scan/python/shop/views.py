"""Django views using the ORM."""
from .models import Invoice, Order


def orders_of(customer):
    a = Order.objects.filter(customer=customer)  # pf: high
    b = Order.objects.filter(customer_id=customer.id).order_by("-created_at")  # pf: high
    c = Order.objects.values("customer__name", "notes")  # pf: high
    d = Invoice.objects.filter(customer=customer)
    e = Order.objects.filter(notes__isnull=True)
    return a, b, c, d, e
