"""Reports built with the SQLAlchemy ORM."""
from sqlalchemy import func, select

from .models import Invoice, Order


def order_count_by_customer(session):
    stmt = select(Order.customer_id, func.count()).group_by(Order.customer_id)
    return session.execute(stmt).all()


def orders_of(session, customer_id):
    return session.query(Order).filter_by(customer_id=customer_id).all()


def invoices_of(session, customer_id):
    return session.query(Invoice).filter(Invoice.customer_id == customer_id).all()


def customer_from_webhook(payload):
    # A key of a JSON payload from the payment provider, not a column.
    return payload["customer_id"]
