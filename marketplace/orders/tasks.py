"""Thin Celery wrappers around the orders services."""

from celery import shared_task


@shared_task
def expire_unpaid_orders() -> int:
    # Run by beat every minute: expiry is a due row applied when due, never a long countdown (DESIGN.md).
    from marketplace.orders.transitions import orders_expire_unpaid

    return orders_expire_unpaid()
