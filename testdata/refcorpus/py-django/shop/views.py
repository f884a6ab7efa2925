import logging

from django.db.models import F
from django.http import JsonResponse

from .models import Coupon, Invoice, Order, Shipment, User

log = logging.getLogger(__name__)


def customer_orders(request, customer_id):  # pf-decoy: orders.customer_id
    orders = Order.objects.filter(customer_id=customer_id).order_by("-created_at")  # pf-ref: orders.customer_id=qb pf-decoy: orders.customer_id
    return JsonResponse({"orders": list(orders.values("id", "notes"))})  # pf-decoy: orders.notes


def order_notes(request):
    rows = Order.objects.values("id", "customer", "notes")  # pf-ref: orders.customer_id=qb orders.notes=qb
    return JsonResponse({"rows": list(rows)})


def by_customer(request, customer):
    qs = Order.objects.filter(customer=customer, status="open")  # pf-ref: orders.customer_id=qb
    log.info("orders for customer %s: notes hidden", customer)  # pf-decoy: orders.notes
    return JsonResponse({"n": qs.count()})


def invoices_for(request, customer_id):  # pf-decoy: orders.customer_id
    qs = Invoice.objects.filter(customer_id=customer_id).exclude(notes="")  # pf-decoy: orders.customer_id orders.notes
    return JsonResponse({"n": qs.count()})


def shipments_for(request, customer_id):  # pf-decoy: orders.customer_id
    qs = Shipment.objects.filter(client=customer_id).values("notes")  # pf-decoy: orders.customer_id orders.notes
    return JsonResponse({"rows": list(qs)})


def copy_notes(request, order_id):
    Order.objects.filter(id=order_id).update(notes=F("status"))  # pf-ref: orders.notes=qb


def recent_customers(request):
    ids = Order.objects.order_by("customer_id").values_list("customer_id", flat=True)  # pf-ref: orders.customer_id=qb orders.customer_id=qb
    return JsonResponse({"ids": list(ids)})


def add_note(request, order_id):
    note = request.POST["notes"]  # pf-decoy: orders.notes
    Order.objects.filter(pk=order_id).update(notes=note)  # pf-ref: orders.notes=qb
    return JsonResponse({"ok": True})


def new_order(request):
    order = Order.objects.create(customer_id=request.POST["customer_id"], total_cents=0)  # pf-ref: insert:orders.region=ins orders.customer_id=qb pf-decoy: orders.customer_id
    return JsonResponse({"id": order.id})


def user_by_email(request):
    user = User.objects.get(email=request.GET["email"])  # pf-ref: users.email=qb pf-decoy: users.email
    return JsonResponse({"id": user.id})


def users_export(request):
    return JsonResponse({"emails": list(User.objects.values_list("email", flat=True))})  # pf-ref: users.email=qb


def coupon(request, code):
    c = Coupon.objects.filter(code=code).first()  # pf-ref: coupons=qb
    return JsonResponse({"off": c.percent_off if c else 0})


def notes_field_label():
    return {"notes": "Notes", "customer_id": "Customer"}  # pf-decoy: orders.notes orders.customer_id


def raw_report(request):
    rows = Order.objects.raw("SELECT id, customer_id FROM orders WHERE notes IS NOT NULL")  # pf-ref: orders.customer_id=sql orders.notes=sql
    return JsonResponse({"n": len(list(rows))})


def open_or_annotated(request, cid):
    from django.db.models import Count, Q

    qs = Order.objects.filter(Q(customer_id=cid) | Q(notes__isnull=False))  # pf-ref: orders.customer_id=qb orders.notes=qb
    per_customer = Order.objects.values("customer").annotate(n=Count("id"))  # pf-ref: orders.customer_id=qb
    busy = Order.objects.aggregate(owners=Count("customer", distinct=True))  # pf-ref: orders.customer_id=qb
    with_customer = Order.objects.select_related("customer").filter(status="open")  # pf-ref: orders.customer_id=qb
    invoices = Invoice.objects.filter(Q(customer_id=cid) | Q(notes=""))  # pf-decoy: orders.customer_id orders.notes
    return JsonResponse({"n": qs.count(), "c": list(per_customer), "b": busy, "w": with_customer.count(), "i": invoices.count()})


def same_owner(request):
    from django.db.models import OuterRef, Subquery

    newest = Order.objects.filter(customer=OuterRef("customer")).order_by("-created_at")  # pf-ref: orders.customer_id=qb orders.customer_id=qb
    return JsonResponse({"n": Order.objects.filter(id=Subquery(newest.values("id")[:1])).count()})


def import_orders(batch):
    Order.objects.bulk_create(batch)  # pf-ref: insert:orders.region=ins


def bill(order_id):
    Invoice.objects.create(order_id=order_id, amount_cents=0)  # pf-decoy: insert:orders.region


def draft(request):
    order = Order(total_cents=0)  # pf-ref: insert:orders.region=ins
    order.status = "draft"
    order.save()
    return JsonResponse({"id": order.id})


def reopen(order_id):
    order = Order.objects.get(id=order_id)  # pf-decoy: insert:orders.region
    order.status = "open"
    order.save()


def bill_later(order_id):
    invoice = Invoice(order_id=order_id, amount_cents=0)  # pf-decoy: insert:orders.region
    invoice.save()


def preview(request):
    order = Order(total_cents=0)  # pf-decoy: insert:orders.region
    return JsonResponse({"total": order.total_cents})


def quick(request):
    Order(total_cents=0).save()  # pf-ref: insert:orders.region=ins
    Invoice(order_id=1, amount_cents=0).save()  # pf-decoy: insert:orders.region
    return JsonResponse({})
