"""The seller submits her file; staff whose unit covers her producer approve, ask for changes or reject."""

import pytest
from django.core import mail

from marketplace.catalogue.selectors import products_visible
from marketplace.core.audit import audit_history
from marketplace.core.models import AuditEvent
from producers.models import Producer, ProducerMember, VerificationDocument, VerificationRequest
from producers.services.documents import document_upload
from producers.services.errors import ProducerError
from producers.services.verification import (
    check_can_submit,
    producer_submit_for_verification,
    verification_decide,
)
from tests.factories import ProductFactory
from tests.factories_producers import HA_NOI_WARD, PDF_BYTES, DraftProducerFactory, member_of, upload

pytestmark = pytest.mark.django_db

Kind = VerificationDocument.Kind


def _upload(producer, kind, by=None):
    return document_upload(producer=producer, kind=kind, uploaded=upload(PDF_BYTES, "giay-to.pdf"), by=by)


@pytest.fixture
def draft(tree):
    return DraftProducerFactory(name="HTX Rau sạch Ba Đình", union_unit=tree.ha_noi_ward, ward_code=HA_NOI_WARD,
                                representative_name="Nguyễn Thị Lan")


@pytest.fixture
def owner(draft):
    return member_of(draft, username="chi-lan", email="lan@example.vn")


@pytest.fixture
def ready(draft, owner):
    _upload(draft, Kind.BUSINESS_REGISTRATION, owner)
    _upload(draft, Kind.REPRESENTATIVE_ID, owner)
    return draft


@pytest.fixture
def pending(ready, owner):
    return producer_submit_for_verification(producer=ready, by=owner, note="Nhờ chị xem giúp.")


def test_check_can_submit_lists_everything_missing(tree):
    producer = DraftProducerFactory(union_unit=tree.ha_noi, kind=Producer.Kind.COOPERATIVE, representative_name="",
                                    ward_code=None, story="")

    missing = check_can_submit(producer)

    assert missing == [
        "Thiếu: người đại diện.",
        "Thiếu: phường/xã.",
        "Thiếu: câu chuyện.",
        "Cần tải lên giấy đăng ký kinh doanh.",
        "Cần tải lên căn cước của người đại diện.",
    ]


def test_documents_needed_depend_on_the_kind(draft):
    _upload(draft, Kind.REPRESENTATIVE_ID)
    assert check_can_submit(draft) == ["Cần tải lên giấy đăng ký kinh doanh."]

    draft.kind = Producer.Kind.INDIVIDUAL
    assert check_can_submit(draft) == []

    _upload(draft, Kind.BUSINESS_REGISTRATION)
    draft.kind = Producer.Kind.HOUSEHOLD
    assert check_can_submit(draft) == []


def test_submit_opens_a_request_and_records_it(ready, owner):
    request = producer_submit_for_verification(producer=ready, by=owner, note="Nhờ chị xem giúp.")

    ready.refresh_from_db()
    assert ready.verification_status == Producer.Verification.SUBMITTED
    assert (request.status, request.submitted_by, request.note) == (
        VerificationRequest.Status.PENDING, owner, "Nhờ chị xem giúp."
    )
    event = audit_history(ready).get()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "verification_submitted", owner, "draft", "submitted"
    )


def test_submitting_twice_is_refused(pending, ready, owner):
    with pytest.raises(ProducerError) as error:
        producer_submit_for_verification(producer=ready, by=owner)

    assert "Hồ sơ đang chờ xác minh hoặc đã được xác minh." in error.value.message
    assert VerificationRequest.objects.filter(producer=ready).count() == 1


def test_an_incomplete_file_cannot_be_submitted(draft, owner):
    with pytest.raises(ProducerError) as error:
        producer_submit_for_verification(producer=draft, by=owner)

    assert "Cần tải lên căn cước của người đại diện." in error.value.message
    draft.refresh_from_db()
    assert draft.verification_status == Producer.Verification.DRAFT
    assert not VerificationRequest.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("decision", "reason", "status", "subject"),
    [
        ("approved", "", Producer.Verification.VERIFIED, "HTX Rau sạch Ba Đình đã được Hội xác minh"),
        ("changes", "Ảnh căn cước bị mờ.", Producer.Verification.CHANGES_REQUESTED,
         "Hồ sơ HTX Rau sạch Ba Đình cần bổ sung"),
        ("rejected", "Không phải hộ do phụ nữ làm chủ.", Producer.Verification.REJECTED,
         "Hồ sơ HTX Rau sạch Ba Đình chưa được duyệt"),
    ],
)
def test_staff_decision_changes_the_status_records_it_and_emails_the_members(
    pending, ready, owner, ha_noi_staff, django_capture_on_commit_callbacks, decision, reason, status, subject
):
    member_of(ready, role=ProducerMember.Role.HELPER, email=None, phone="+84912000111")

    with django_capture_on_commit_callbacks(execute=True):
        request = verification_decide(request=pending, by=ha_noi_staff, decision=decision, reason=f"  {reason} ")

    ready.refresh_from_db()
    assert ready.verification_status == status
    assert (request.status, request.decided_by, request.reason) == (decision, ha_noi_staff, reason)
    assert request.decided_at is not None
    event = audit_history(ready).first()
    assert (event.action, event.actor, event.from_state, event.to_state, event.reason) == (
        f"verification_{decision}", ha_noi_staff, "submitted", status, reason
    )
    assert [message.to for message in mail.outbox] == [["lan@example.vn"]]
    assert mail.outbox[0].subject == subject
    assert reason in mail.outbox[0].body


@pytest.mark.parametrize("decision", ["changes", "rejected"])
def test_asking_for_changes_or_rejecting_needs_a_reason(pending, ready, ha_noi_staff, decision):
    with pytest.raises(ProducerError) as error:
        verification_decide(request=pending, by=ha_noi_staff, decision=decision, reason="   ")

    assert error.value.message == "Hãy ghi lý do để người bán biết cần làm gì."
    pending.refresh_from_db()
    assert pending.status == VerificationRequest.Status.PENDING


def test_an_unknown_decision_is_refused(pending, ha_noi_staff):
    with pytest.raises(ProducerError):
        verification_decide(request=pending, by=ha_noi_staff, decision="verified")


@pytest.mark.parametrize("who", ["hue_staff", "seller"])
def test_someone_outside_the_scope_cannot_decide_and_nothing_changes(
    pending, ready, owner, hue_staff, django_capture_on_commit_callbacks, who
):
    user = hue_staff if who == "hue_staff" else owner
    events_before = AuditEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ProducerError) as error:
        verification_decide(request=pending, by=user, decision="approved")

    assert error.value.message == "Hồ sơ này không thuộc đơn vị của bạn."
    ready.refresh_from_db()
    pending.refresh_from_db()
    assert ready.verification_status == Producer.Verification.SUBMITTED
    assert (pending.status, pending.decided_by) == (VerificationRequest.Status.PENDING, None)
    assert AuditEvent.objects.count() == events_before
    assert mail.outbox == []


def test_a_decided_request_cannot_be_decided_again(pending, ready, ha_noi_staff, central_staff):
    verification_decide(request=pending, by=ha_noi_staff, decision="changes", reason="Thiếu ảnh.")

    with pytest.raises(ProducerError) as error:
        verification_decide(request=pending, by=central_staff, decision="approved")

    assert error.value.message == "Yêu cầu này đã được xử lý."
    ready.refresh_from_db()
    assert ready.verification_status == Producer.Verification.CHANGES_REQUESTED


def test_after_changes_the_seller_may_submit_again(pending, ready, owner, ha_noi_staff):
    verification_decide(request=pending, by=ha_noi_staff, decision="changes", reason="Thiếu ảnh.")

    again = producer_submit_for_verification(producer=ready, by=owner)

    assert again.status == VerificationRequest.Status.PENDING
    assert VerificationRequest.objects.filter(producer=ready).count() == 2


def test_approval_puts_the_published_products_on_the_storefront(pending, ready, central_staff):
    published = ProductFactory(producer=ready)
    ProductFactory(producer=ready, status="draft")
    assert not products_visible().filter(producer=ready).exists()

    verification_decide(request=pending, by=central_staff, decision="approved")

    assert list(products_visible().filter(producer=ready)) == [published]
