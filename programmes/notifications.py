"""Emails about trainings. A woman without an email address is not written to here (SMS and Zalo
messages come with the notifications issue); the officer's list shows her phone to call instead."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation

from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from programmes.models import TrainingRegistration


class TemporaryFailure(Exception):
    """The mail server could not take the message now; the task retries."""


def _send(template: str, registration_id: int) -> int:
    registration = TrainingRegistration.objects.select_related("training", "user", "training__unit").get(
        pk=registration_id)
    if not registration.user.email or registration.status != TrainingRegistration.Status.REGISTERED:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"registration": registration, "training": registration.training, "site_url": absolute_url(),
                   "training_url": absolute_url(reverse("seller:training_detail", args=[registration.training_id]))}
        subject, body = email_render(f"programmes/email/{template}", context)
    try:
        return send_mail(subject, body, None, [registration.user.email])
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error)) from error


def place_freed_email(registration_id: int) -> int:
    return _send("place_freed", registration_id)


def training_reminder_email(registration_id: int) -> int:
    return _send("training_reminder", registration_id)
