"""Strings shown in the admin; none of these is a query."""

HELP = {
    "customer_id": "The customer who placed the order.",  # pf-decoy: orders.customer_id
    "notes": "Free text, shown to the warehouse.",  # pf-decoy: orders.notes
    "email": "Where receipts go.",  # pf-decoy: users.email
}

# select notes from the dropdown to filter  pf-decoy: orders.notes
MESSAGE = "Select the customer_id first"  # pf-decoy: orders.customer_id
EMAIL_SUBJECT = "Your email was changed"  # pf-decoy: users.email


def describe(order):
    customer_id = order.customer_id  # pf-ref: orders.customer_id=attr pf-decoy: orders.customer_id
    return f"order {order.id} for customer {customer_id}"  # pf-decoy: orders.customer_id
