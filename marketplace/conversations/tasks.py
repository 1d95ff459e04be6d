from celery import shared_task

from marketplace.conversations import notifications


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_message(self, message_id: int) -> None:
    try:
        notifications.message_email(message_id)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_complaint(self, complaint_id: int) -> None:
    try:
        notifications.complaint_email(complaint_id)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error
