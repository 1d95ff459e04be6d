"""Thin Celery wrappers: one message or one service each."""

from celery import shared_task

from programmes import notifications


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_place_freed(self, registration_id: int) -> None:
    try:
        notifications.place_freed_email(registration_id)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_training_reminder(self, registration_id: int) -> None:
    try:
        notifications.training_reminder_email(registration_id)
    except notifications.TemporaryFailure as error:
        raise self.retry(exc=error) from error


@shared_task
def training_reminders() -> int:
    from programmes.services.trainings import reminders_due

    return reminders_due()


@shared_task
def mentoring_goals_measure() -> int:
    """Daily: goals of active pairs measured even if nobody opened their pages."""
    from programmes.goals import goals_measure
    from programmes.models import MentoringPair

    return sum(goals_measure(pair) for pair in MentoringPair.objects.filter(status=MentoringPair.Status.ACTIVE))
