"""Emails to sellers: only to addresses we have; a mail server that is down never undoes a decision."""

import pytest
from celery.exceptions import Retry
from django.core import mail

from producers import notifications, tasks
from producers.models import Producer, ProducerInvitation, VerificationRequest
from producers.services.verification import verification_decide
from tests.factories_producers import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2


def test_members_without_an_email_get_nothing(ha_noi_producer):
    member_of(ha_noi_producer, email=None, phone="+84912000111")
    request = VerificationRequest.objects.create(producer=ha_noi_producer)

    assert notifications.verification_decision_email(request.pk) == 0
    assert mail.outbox == []


def test_a_mail_server_that_is_down_is_a_temporary_failure_the_task_retries(ha_noi_producer, mail_server_down):
    invitation = ProducerInvitation.objects.create(producer=ha_noi_producer, email="hoa@example.vn")

    with pytest.raises(notifications.TemporaryFailure):
        notifications.helper_invitation_email(invitation.pk)
    with pytest.raises(Retry):
        tasks.send_helper_invitation.delay(invitation.pk)


def test_a_decision_stands_when_its_email_cannot_be_sent(
    ha_noi_producer, ha_noi_staff, mail_server_down, django_capture_on_commit_callbacks
):
    member_of(ha_noi_producer, email="lan@example.vn")
    request = VerificationRequest.objects.create(producer=ha_noi_producer)

    with django_capture_on_commit_callbacks(execute=True):
        verification_decide(request=request, by=ha_noi_staff, decision="approved")

    ha_noi_producer.refresh_from_db()
    assert ha_noi_producer.verification_status == Producer.Verification.VERIFIED


def test_the_verification_email_links_to_the_sites_public_address(ha_noi_producer, settings):
    settings.SITE_URL = "https://chophunu.example.org"
    member_of(ha_noi_producer, email="hoa@example.vn")
    request = VerificationRequest.objects.create(producer=ha_noi_producer, status=VerificationRequest.Status.APPROVED)

    assert notifications.verification_decision_email(request.pk) == 1
    [message] = mail.outbox
    assert "https://chophunu.example.org/seller/" in message.body and "127.0.0.1" not in message.body
