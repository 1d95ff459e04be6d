"""Thin Celery wrappers around the reminders services; each is safe to run twice (rows are claimed)."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def live_tick() -> dict:
    # Beat, every minute: auto-end, "starting soon" rows, due sends. Idempotent: rows decide what acts.
    from marketplace.livestreams.reminders import live_tick as tick

    return tick()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_session_reminders(session_id: int, kind: str) -> int:
    # Queued on commit by deliveries_queue; a failure stays in its row for the next tick, never a task retry.
    from marketplace.livestreams.reminders import deliveries_send_due

    return deliveries_send_due(session_id=session_id, kind=kind)


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def send_subscription_confirmation(self, subscription_id: int) -> int:
    # Not acks_late: a second copy of the confirmation is harmless but not wanted after a crash mid-send.
    import smtplib

    from marketplace.livestreams.subscriptions import confirmation_send

    try:
        return confirmation_send(subscription_id)
    except (smtplib.SMTPException, OSError) as error:
        raise self.retry(exc=error) from error
