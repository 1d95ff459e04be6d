"""Staff decide a verification request on its review page: approve, ask for changes, reject."""

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.core.models import AuditEvent
from producers.models import Producer, VerificationRequest

pytestmark = pytest.mark.django_db


def review_url(request) -> str:
    return reverse("verification_requests:inspect", args=[request.pk])


def decide(client, request, decision, reason="", capture=None):
    return client.post(review_url(request), {"decision": decision, "reason": reason})


def states(side):
    side.request.refresh_from_db()
    side.producer.refresh_from_db()
    return side.request.status, side.producer.verification_status


def test_review_page_shows_the_profile_documents_and_the_sellers_note(world, ha_noi_client):
    response = ha_noi_client.get(review_url(world.ha_noi.request))

    text = response.content.decode()
    assert response.status_code == 200
    assert "HTX Rau sạch Ba Đình" in text and "Mong Hội xem giúp hồ sơ." in text
    assert reverse("producers_admin_document", args=[world.ha_noi.document.pk]) in text
    assert 'value="approved"' in text and 'value="changes"' in text and 'value="rejected"' in text


def test_approving_verifies_the_producer_records_who_when_why_and_emails_the_seller(
    world, ha_noi_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(ha_noi_client, world.ha_noi.request, "approved", "Hồ sơ đầy đủ.")

    assert response.status_code == 302 and response["Location"] == reverse("verification_requests:index")
    assert states(world.ha_noi) == (VerificationRequest.Status.APPROVED, Producer.Verification.VERIFIED)
    assert world.ha_noi.request.decided_by == world.ha_noi_staff and world.ha_noi.request.decided_at
    event = AuditEvent.objects.get(action="verification_approved")
    assert (event.actor, event.reason, event.from_state, event.to_state) == (
        world.ha_noi_staff, "Hồ sơ đầy đủ.", "submitted", "verified")
    assert event.object_id == str(world.ha_noi.producer.pk) and event.created_at
    assert [message.to for message in mail.outbox] == [[world.ha_noi.owner.email]]


@pytest.mark.parametrize("decision,status,producer_status", [
    ("changes", VerificationRequest.Status.CHANGES_REQUESTED, Producer.Verification.CHANGES_REQUESTED),
    ("rejected", VerificationRequest.Status.REJECTED, Producer.Verification.REJECTED),
])
def test_changes_and_rejection_carry_the_reason(
    world, ha_noi_client, django_capture_on_commit_callbacks, decision, status, producer_status
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(ha_noi_client, world.ha_noi.request, decision, "Thiếu căn cước của người đại diện.")

    assert states(world.ha_noi) == (status, producer_status)
    assert world.ha_noi.request.reason == "Thiếu căn cước của người đại diện."
    assert AuditEvent.objects.get(action=f"verification_{decision}").reason == "Thiếu căn cước của người đại diện."
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("decision", ["changes", "rejected"])
@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_changes_or_rejection_without_a_reason_changes_nothing(
    world, ha_noi_client, django_capture_on_commit_callbacks, decision, reason
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(ha_noi_client, world.ha_noi.request, decision, reason)

    assert response.status_code == 400
    assert "Hãy ghi lý do" in response.content.decode()
    assert states(world.ha_noi) == (VerificationRequest.Status.PENDING, Producer.Verification.SUBMITTED)
    assert not AuditEvent.objects.exists() and not mail.outbox


def test_deciding_twice_is_refused(world, ha_noi_client, central_client):
    decide(ha_noi_client, world.ha_noi.request, "approved")

    response = decide(central_client, world.ha_noi.request, "rejected", "Đổi ý")

    assert response.status_code == 400
    assert "Yêu cầu này đã được xử lý." in response.content.decode()
    assert states(world.ha_noi) == (VerificationRequest.Status.APPROVED, Producer.Verification.VERIFIED)
    assert AuditEvent.objects.filter(action__startswith="verification_").count() == 1


def test_a_5000_character_reason_is_refused_with_a_message(world, ha_noi_client):
    response = decide(ha_noi_client, world.ha_noi.request, "rejected", "x" * 5001)

    assert response.status_code == 400
    assert "Lý do dài tối đa 2000 ký tự" in response.content.decode()
    assert states(world.ha_noi) == (VerificationRequest.Status.PENDING, Producer.Verification.SUBMITTED)


def test_an_unknown_decision_is_refused(world, ha_noi_client):
    response = decide(ha_noi_client, world.ha_noi.request, "verified", "")

    assert response.status_code == 400
    assert states(world.ha_noi) == (VerificationRequest.Status.PENDING, Producer.Verification.SUBMITTED)


def test_unknown_request_id_is_404(world, ha_noi_client):
    assert ha_noi_client.get(reverse("verification_requests:inspect", args=[999999])).status_code == 404
    assert ha_noi_client.post(reverse("verification_requests:inspect", args=[999999]),
                              {"decision": "approved"}).status_code == 404


def test_central_officer_decides_for_any_province(world, central_client):
    decide(central_client, world.hue.request, "approved")

    assert states(world.hue) == (VerificationRequest.Status.APPROVED, Producer.Verification.VERIFIED)


def test_queue_lists_pending_first(world, ha_noi_client):
    pending = world.ha_noi.request
    decided = VerificationRequest.objects.create(producer=world.ha_noi.producer,
                                                 status=VerificationRequest.Status.REJECTED, reason="Cũ")
    assert decided.submitted_at > pending.submitted_at

    response = ha_noi_client.get(reverse("verification_requests:index"))

    assert list(response.context["object_list"]) == [pending, decided]


def test_a_decided_request_shows_no_decision_buttons(world, ha_noi_client):
    decide(ha_noi_client, world.ha_noi.request, "approved")

    text = ha_noi_client.get(review_url(world.ha_noi.request)).content.decode()

    assert 'value="approved"' not in text and "Yêu cầu này đã được xử lý." in text
