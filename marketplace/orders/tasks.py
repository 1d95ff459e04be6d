"""Thin Celery wrappers around the orders services."""

from celery import shared_task


@shared_task
def expire_unpaid_orders() -> int:
    # Run by beat every minute: expiry is a due row applied when due, never a long countdown (DESIGN.md).
    from marketplace.orders.transitions import orders_expire_unpaid

    return orders_expire_unpaid()


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True, reject_on_worker_lost=True)
def order_notify(self, order_id: int, event: str) -> int:
    from marketplace.orders import notifications

    try:
        return notifications.order_notify_send(order_id, event)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


@shared_task
def remind_sellers_to_ship() -> int:
    # Beat every 15 minutes; the order row says whether the reminder went already.
    from marketplace.orders.timers import orders_remind_to_ship

    return orders_remind_to_ship()


@shared_task
def complete_delivered_orders() -> int:
    from marketplace.orders.timers import orders_complete_delivered

    return orders_complete_delivered()
