"""The two signed codes of a training day.

- The door code (one per training) is printed or shown at the door; a woman scans it and checks
  herself in. It names the training and its start, so a code of another training, or of this one
  before it was moved to another day, is refused.
- The ticket code (one per registration) is on the woman's phone; an officer scans it.

Both are signed with the site's secret (django.core.signing) and are accepted only while the
training runs: from CHECK_IN_OPENS_MINUTES before the start to its end.
"""

from datetime import timedelta

from django.core import signing
from django.utils import timezone

from programmes.models import Training, TrainingRegistration

DOOR_SALT = "programmes.training.door"
TICKET_SALT = "programmes.training.ticket"
CHECK_IN_OPENS_MINUTES = 60


def door_code(training: Training) -> str:
    return signing.dumps([training.pk, int(training.starts_at.timestamp())], salt=DOOR_SALT, compress=True)


def ticket_code(registration: TrainingRegistration) -> str:
    return signing.dumps([registration.pk, registration.training_id], salt=TICKET_SALT, compress=True)


def door_code_matches(code: str, training: Training) -> bool:
    try:
        training_id, starts = signing.loads(code, salt=DOOR_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return training_id == training.pk and starts == int(training.starts_at.timestamp())


def ticket_registration_id(code: str) -> tuple[int, int] | None:
    """(registration id, training id) of a genuine ticket code, else None."""
    try:
        registration_id, training_id = signing.loads(code, salt=TICKET_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(registration_id, int) and isinstance(training_id, int)):
        return None
    return registration_id, training_id


def check_in_open(training: Training, now=None, until=None) -> bool:
    now = now or timezone.now()
    return training.starts_at - timedelta(minutes=CHECK_IN_OPENS_MINUTES) <= now <= (until or training.ends_at)
