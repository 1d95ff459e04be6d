"""Emails to sellers. Each renders a template pair (subject, body) in Vietnamese."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.core.emails import email_render
from marketplace.core.links import absolute_url
from marketplace.notifications.services import Texts, notify
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
    """Tell every member the decision: in the app, by email as before, by Zalo/SMS to a phone-only member.

    Runs in the task after the decision's commit, so it sends at once; returns how many messages went out.
    """
    request = VerificationRequest.objects.select_related("producer").get(pk=request_id)
    producer = request.producer
    with translation.override(settings.LANGUAGE_CODE):
        context = {"request": request, "producer": producer, "site_url": absolute_url()}
        subject, body = email_render("producers/email/verification_decision", context)
        short = {
            VerificationRequest.Status.APPROVED: _("Hồ sơ đã được xác minh."),
            VerificationRequest.Status.CHANGES_REQUESTED: _("Hồ sơ cần bổ sung."),
        }.get(request.status, _("Hồ sơ chưa được duyệt."))
        texts = Texts(
            title=subject, body=f"{short} {request.reason}".strip(), link=reverse("seller:dashboard"),
            email_subject=subject, email_body=body,
            sms=_("Cho Phu nu: %(name)s - %(result)s Xem: %(url)s") % {
                "name": producer.name[:40], "result": short, "url": absolute_url() + "/seller/"},
            zalo_params={"shop_name": producer.name[:30], "result": short[:30], "reason": request.reason[:200]},
        )
    members = ProducerMember.objects.filter(producer_id=producer.pk).select_related("user")
    return sum(
        notify(key=f"verification_decision:{request.pk}", kind="verification_decision", texts=texts,
               user=member.user, send_now=True).sent
        for member in members
    )


def ocop_expiry_email(certificate_id: int, days_left: int) -> int:
    certificate = OcopCertificate.objects.select_related("producer").get(pk=certificate_id)
    return _send("ocop_expiry", {"certificate": certificate, "days_left": days_left},
                 _member_emails(certificate.producer_id))


def helper_invitation_email(invitation_id: int) -> int:
    invitation = ProducerInvitation.objects.select_related("producer").get(pk=invitation_id)
    return _send("helper_invitation", {"invitation": invitation}, [invitation.email])
