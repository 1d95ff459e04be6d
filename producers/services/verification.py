"""Verification of producers: the seller submits, union staff of the producer's unit decide.

check_* validates, do-style functions write under a row lock (Zulip's pattern), and every decision
is recorded in the audit log and told to the seller by email after the commit.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import cache_version
from marketplace.core.audit import audit_record
from producers import selectors
from producers.models import Producer, VerificationDocument, VerificationRequest
from producers.services.errors import ProducerError

SUBMITTABLE = {Producer.Verification.DRAFT, Producer.Verification.CHANGES_REQUESTED, Producer.Verification.REJECTED}
REQUIRED_FIELDS = ("name", "representative_name", "province_code", "ward_code", "story")


def check_can_submit(producer: Producer) -> list[str]:
    """What is still missing before the seller may submit (empty: ready)."""
    missing = []
    if producer.verification_status not in SUBMITTABLE:
        missing.append(_("Hồ sơ đang chờ xác minh hoặc đã được xác minh."))
    labels = {f: str(Producer._meta.get_field(f).verbose_name) for f in REQUIRED_FIELDS}
    missing += [_("Thiếu: %(field)s.") % {"field": labels[f]} for f in REQUIRED_FIELDS if not getattr(producer, f)]
    kinds = set(producer.documents.values_list("kind", flat=True))
    if producer.kind in ("htx", "dn", "hkd") and VerificationDocument.Kind.BUSINESS_REGISTRATION not in kinds:
        missing.append(_("Cần tải lên giấy đăng ký kinh doanh."))
    if VerificationDocument.Kind.REPRESENTATIVE_ID not in kinds:
        missing.append(_("Cần tải lên căn cước của người đại diện."))
    return missing


@transaction.atomic
def producer_submit_for_verification(*, producer: Producer, by, note: str = "") -> VerificationRequest:
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    missing = check_can_submit(producer)
    if missing:
        raise ProducerError(" ".join(missing))
    previous = producer.verification_status
    producer.verification_status = Producer.Verification.SUBMITTED
    producer.save(update_fields=["verification_status", "updated_at"])
    request = VerificationRequest.objects.create(producer=producer, submitted_by=by, note=note[:2000])
    audit_record(subject=producer, action="verification_submitted", actor=by, from_state=previous,
                 to_state=producer.verification_status, reason=note[:2000])
    return request


DECISIONS = {
    VerificationRequest.Status.APPROVED: Producer.Verification.VERIFIED,
    VerificationRequest.Status.CHANGES_REQUESTED: Producer.Verification.CHANGES_REQUESTED,
    VerificationRequest.Status.REJECTED: Producer.Verification.REJECTED,
}


@transaction.atomic
def verification_decide(*, request: VerificationRequest, by, decision: str, reason: str = "") -> VerificationRequest:
    """Approve, ask for changes or reject. Only staff whose scope covers the producer may decide."""
    if decision not in DECISIONS:
        raise ProducerError(_("Quyết định không hợp lệ."))
    reason = (reason or "").strip()
    if decision != VerificationRequest.Status.APPROVED and not reason:
        raise ProducerError(_("Hãy ghi lý do để người bán biết cần làm gì."))
    if not selectors.verification_requests_for_staff(by).filter(pk=request.pk).exists():
        raise ProducerError(_("Hồ sơ này không thuộc đơn vị của bạn."))
    request = VerificationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != VerificationRequest.Status.PENDING:
        raise ProducerError(_("Yêu cầu này đã được xử lý."))
    producer = Producer.objects.select_for_update().get(pk=request.producer_id)
    previous = producer.verification_status
    request.status, request.decided_by, request.decided_at, request.reason = decision, by, timezone.now(), reason
    request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    producer.verification_status = DECISIONS[decision]
    producer.save(update_fields=["verification_status", "updated_at"])
    cache_version.bump()  # the producer's products appear on (or leave) the storefront
    audit_record(subject=producer, action=f"verification_{decision}", actor=by, from_state=previous,
                 to_state=producer.verification_status, reason=reason)
    from producers.tasks import notify_verification_decision

    # robust: a mail or broker failure is logged; it must not undo the answer to a decision already saved.
    transaction.on_commit(lambda: notify_verification_decision.delay(request.pk), robust=True)
    return request
