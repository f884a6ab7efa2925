from sqlalchemy import select

from .models import Order


def order_memo(session, order_id):  # the model alone maps memo
    return session.execute(select(Order.memo).where(Order.id == order_id)).scalar()


def latest(session):
    return session.execute("SELECT notes FROM orders ORDER BY id DESC").first()
