"""Thin Celery wrappers: load by id, call one service or send one message."""

from celery import shared_task

from producers import follow_notifications, notifications
from producers.follow_news import follow_news_send
from producers.follows import follow_confirmation_send


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


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_follow_confirmation(self, follow_id: int) -> None:
    try:
        follow_confirmation_send(follow_id)
    except follow_notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


# Safe to run twice (each address is claimed before its email goes), so it may be acknowledged late.
@shared_task(bind=True, max_retries=8, default_retry_delay=120, acks_late=True, reject_on_worker_lost=True)
def send_follow_news(self, news_id: int) -> int:
    try:
        return follow_news_send(news_id)
    except follow_notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error
