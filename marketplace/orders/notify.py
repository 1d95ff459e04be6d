"""Queue an order email after the surrounding transaction commits."""

from functools import partial

from django.db import transaction

EVENTS = (
    "placed",
    "paid",
    "confirmed",
    "packed",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
    "refunded",
    "payment_expired",
)


def notify_order_change(order, event: str) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown order event {event!r}")
    from marketplace.orders.tasks import order_notify

    # robust: a broker outage must not turn a committed order into an error page.
    transaction.on_commit(partial(order_notify.delay, order.pk, event), robust=True)
