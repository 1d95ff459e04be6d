"""Where each demo producer stands with the union: her papers, and a request approved, waiting or sent back.

A verified producer gets a request approved by the officer of her province (or the central one), a
submitted one a request in the staff's queue, and CHANGES_REQUESTED's applicant one sent back with
its reason. The papers go through the real upload service onto the private storage; the history is
written with the audit log, dated back to when it happened. A producer with any request is done.
"""

import hashlib
from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.core.audit import audit_record
from marketplace.core.models import AuditEvent
from marketplace.demo.data_applicants import CHANGES_REQUESTED
from marketplace.demo.papers import card_jpeg, pdf_bytes
from marketplace.demo.plan import DemoPlan
from marketplace.demo.staff import officer_for
from marketplace.demo.timestamps import explicit_created_at
from producers.models import Producer, VerificationDocument, VerificationRequest
from producers.services.documents import document_upload

Kind = VerificationDocument.Kind
Status = VerificationRequest.Status
REGISTRATION_TITLES = {
    "htx": "Giấy chứng nhận đăng ký hợp tác xã",
    "dn": "Giấy chứng nhận đăng ký doanh nghiệp",
    "hkd": "Giấy chứng nhận đăng ký hộ kinh doanh",
}
SUBMIT_NOTE = "Nhờ Hội xác minh giúp để gian hàng được mở bán ạ."


def _digits(key: str, count: int) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10**count


def papers_for(producer: Producer) -> list[tuple[str, str, bytes, str]]:
    """(kind, file name, bytes, content type) of the two papers a producer of her kind uploads."""
    place = f"{producer.ward_name}, {producer.province_name}"
    id_number = f"{producer.province_code:03d}1{80 + _digits(producer.slug, 1)}{_digits('cccd' + producer.slug, 6):06d}"
    card = card_jpeg("Căn cước", [f"Họ và tên: {producer.representative_name}", f"Số: {id_number}",
                                  f"Nơi cư trú: {producer.ward_name}", producer.province_name])
    if producer.kind in REGISTRATION_TITLES:
        paper = (Kind.BUSINESS_REGISTRATION, "giay-dang-ky-kinh-doanh.pdf", pdf_bytes(
            REGISTRATION_TITLES[producer.kind],
            [f"Tên: {producer.name}", f"Mã số: {producer.registration_number}", f"Địa chỉ: {place}",
             f"Người đại diện: {producer.representative_name}"],
        ))
    else:
        paper = (Kind.OTHER, "giay-xac-nhan-cua-hoi-phu-nu.pdf", pdf_bytes(
            "Giấy xác nhận của Hội Phụ nữ",
            [f"Hội LHPN {producer.ward_name} xác nhận: {producer.name}", f"đang sản xuất, kinh doanh tại {place}.",
             f"Người đại diện: {producer.representative_name}"],
        ))
    return [(*paper, "application/pdf"), (Kind.REPRESENTATIVE_ID, "can-cuoc-nguoi-dai-dien.jpg", card, "image/jpeg")]


def ensure_verification(*, plan: DemoPlan, producers: dict, owners: dict, staff: dict, now: datetime) -> int:
    """Give each demo producer without a verification request her papers and request; how many were new."""
    done = set(VerificationRequest.objects.filter(producer__slug__in=list(producers))
               .values_list("producer__slug", flat=True))
    created = 0
    for planned in plan.every_producer:
        slug = planned.spec.slug
        if slug in done:
            continue
        producer, owner = producers[slug], owners[slug]
        _upload_papers(producer, owner)
        _request(producer, owner, officer_for(staff, producer.province_code), now)
        created += 1
    return created


def _upload_papers(producer: Producer, owner) -> None:
    for kind, name, data, content_type in papers_for(producer):
        document_upload(producer=producer, kind=kind, uploaded=SimpleUploadedFile(name, data, content_type), by=owner)


def _request(producer: Producer, owner, officer, now: datetime) -> VerificationRequest:
    if producer.is_verified:
        status, reason = Status.APPROVED, ""
        submitted = producer.created_at + timedelta(days=1, hours=_digits(producer.slug, 1))
        decided = submitted + timedelta(days=1 + _digits("xet-" + producer.slug, 1) % 6, hours=3)
    else:
        reason = CHANGES_REQUESTED.get(producer.slug, "")
        status = Status.CHANGES_REQUESTED if reason else Status.PENDING
        waited = timedelta(days=8 if reason else 1 + _digits(producer.slug, 2) % 12, hours=_digits(producer.slug, 1))
        submitted = max(producer.created_at + timedelta(hours=20), now - waited)
        decided = submitted + timedelta(days=2) if reason else None
    with explicit_created_at(VerificationRequest, field="submitted_at"):
        request = VerificationRequest.objects.create(
            producer=producer, submitted_by=owner, submitted_at=submitted, note=SUBMIT_NOTE, status=status,
            decided_by=officer if decided else None, decided_at=decided, reason=reason,
        )
    VerificationDocument.objects.filter(producer=producer).update(uploaded_at=submitted - timedelta(hours=2))
    _history(producer, owner, submitted, Producer.Verification.SUBMITTED, "verification_submitted", SUBMIT_NOTE)
    final = {Status.APPROVED: Producer.Verification.VERIFIED, Status.CHANGES_REQUESTED:
             Producer.Verification.CHANGES_REQUESTED}.get(status, Producer.Verification.SUBMITTED)
    if decided:
        _history(producer, officer, decided, final, f"verification_{status}", reason,
                 from_state=Producer.Verification.SUBMITTED)
    if producer.verification_status != final:
        producer.verification_status = final
        producer.save(update_fields=["verification_status", "updated_at"])
    return request


def _history(producer, actor, when: datetime, to_state: str, action: str, reason: str,
             from_state: str = Producer.Verification.DRAFT) -> None:
    event = audit_record(subject=producer, action=action, actor=actor, from_state=from_state, to_state=to_state,
                         reason=reason)
    AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
