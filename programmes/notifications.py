"""Messages about trainings, through marketplace.notifications: in the app, by email as before, and by
Zalo or SMS to a woman with a phone number only (her channel choice decides)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _lazy

from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from marketplace.notifications.services import Texts, notify
from programmes.models import TrainingRegistration


class TemporaryFailure(Exception):
    """The mail server could not take the message now; the task retries."""


KINDS = {"place_freed": "training_place_freed", "training_reminder": "training_tomorrow"}
SMS = {
    "place_freed": _lazy("Chợ Phụ nữ: lớp %(title)s có chỗ trống, chị đăng ký ngay: %(url)s"),
    "training_reminder": _lazy("Chợ Phụ nữ: nhắc chị lớp %(title)s lúc %(time)s ngày %(date)s tại %(place)s."),
}


def _send(template: str, registration_id: int) -> int:
    """Runs in its task after the commit: sends at once; a mail failure is retried by the notifications beat."""
    registration = TrainingRegistration.objects.select_related("training", "user", "training__unit").get(
        pk=registration_id)
    if registration.status != TrainingRegistration.Status.REGISTERED:
        return 0
    training = registration.training
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("seller:training_detail", args=[registration.training_id])
        context = {"registration": registration, "training": training, "site_url": absolute_url(),
                   "training_url": absolute_url(path)}
        subject, body = email_render(f"programmes/email/{template}", context)
        starts = timezone.localtime(training.starts_at)
        values = {"title": training.title[:50], "url": absolute_url(path), "time": starts.strftime("%H:%M"),
                  "date": starts.strftime("%d/%m"), "place": (training.place or "")[:40]}
        texts = Texts(title=subject, body=training.title, link=path, email_subject=subject, email_body=body,
                      sms=str(SMS[template]) % values,
                      zalo_params={"training": training.title[:100], "time": f"{values['time']} {values['date']}",
                                   "place": values["place"]})
    return notify(key=f"{template}:{registration.pk}", kind=KINDS[template], texts=texts, user=registration.user,
                  send_now=True).sent


def place_freed_email(registration_id: int) -> int:
    return _send("place_freed", registration_id)


def training_reminder_email(registration_id: int) -> int:
    return _send("training_reminder", registration_id)
