"""Emails to sellers. Each renders a template pair (subject, body) in Vietnamese."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from producers.models import OcopCertificate, ProducerInvitation, ProducerMember, VerificationRequest


class TemporaryFailure(Exception):
    """The mail server could not take the message now; the task retries."""


def _send(template: str, context: dict, recipients: list[str]) -> int:
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "site_url": absolute_url()}
        subject, body = email_render(f"producers/email/{template}", context)
    try:
        return send_mail(subject, body, None, recipients)
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error)) from error


def _member_emails(producer_id: int) -> list[str]:
    return list(
        ProducerMember.objects.filter(producer_id=producer_id, user__email__isnull=False)
        .values_list("user__email", flat=True)
    )


def verification_decision_email(request_id: int) -> int:
    request = VerificationRequest.objects.select_related("producer").get(pk=request_id)
    return _send("verification_decision", {"request": request, "producer": request.producer},
                 _member_emails(request.producer_id))


def ocop_expiry_email(certificate_id: int, days_left: int) -> int:
    certificate = OcopCertificate.objects.select_related("producer").get(pk=certificate_id)
    return _send("ocop_expiry", {"certificate": certificate, "days_left": days_left},
                 _member_emails(certificate.producer_id))


def helper_invitation_email(invitation_id: int) -> int:
    invitation = ProducerInvitation.objects.select_related("producer").get(pk=invitation_id)
    return _send("helper_invitation", {"invitation": invitation}, [invitation.email])
