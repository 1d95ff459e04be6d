"""Thin Celery wrappers: load by id, call one service or send one message."""

from celery import shared_task

from producers import notifications


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True, reject_on_worker_lost=True)
def notify_verification_decision(self, request_id: int) -> None:
    try:
        notifications.verification_decision_email(request_id)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_ocop_expiry_warning(self, certificate_id: int, days_left: int) -> None:
    try:
        notifications.ocop_expiry_email(certificate_id, days_left)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


@shared_task
def ocop_daily_check() -> dict:
    from producers.services.ocop import ocop_expiry_check

    return ocop_expiry_check()


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_helper_invitation(self, invitation_id: int) -> None:
    try:
        notifications.helper_invitation_email(invitation_id)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error
