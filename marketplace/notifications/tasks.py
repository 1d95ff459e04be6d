"""Thin Celery wrappers around the delivery services."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_delivery(delivery_id: int) -> str:
    from marketplace.notifications.services import delivery_send

    return delivery_send(delivery_id)


@shared_task
def send_due_deliveries() -> int:
    # Beat every minute: retries are due rows sent when due, never long countdowns (DESIGN.md).
    from marketplace.notifications.services import deliveries_send_due

    return deliveries_send_due()
