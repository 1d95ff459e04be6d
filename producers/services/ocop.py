"""OCOP certificates: sellers declare them, staff confirm them; the product badge follows confirmed,
unexpired ones only."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import cache_version
from marketplace.core.audit import audit_record
from marketplace.core.uploads import UploadRejected, clean_document
from producers import selectors
from producers.models import OcopCertificate, Producer
from producers.services.errors import ProducerError

WARNING_DAYS = (60, 14)
NUMBER_MAX_LENGTH = OcopCertificate._meta.get_field("number").max_length


def _product_model():
    # The certificate's own relation names the product model: the producers domain lies below the
    # catalogue and does not import it.
    return OcopCertificate._meta.get_field("products").related_model


class CertificateInvalid(ProducerError):
    """A declaration refused; `field` names the form field the message belongs to (None: the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check_declaration(*, producer, stars, number: str, issuing_level, issued_on, expires_on, products) -> list:
    """The declaration's products (hers, not deleted), or CertificateInvalid for the first rule it breaks."""
    Product = _product_model()

    if stars not in (3, 4, 5):
        raise CertificateInvalid(_("Chứng nhận OCOP có từ 3 đến 5 sao."), field="stars")
    if not number:
        raise CertificateInvalid(_("Hãy nhập số chứng nhận."), field="number")
    if len(number) > NUMBER_MAX_LENGTH:
        raise CertificateInvalid(_("Số chứng nhận dài quá (tối đa %(limit)d ký tự).") % {"limit": NUMBER_MAX_LENGTH},
                                 field="number")
    if issuing_level not in OcopCertificate.Level.values:
        raise CertificateInvalid(_("Hãy chọn cấp công nhận."), field="issuing_level")
    if not isinstance(issued_on, date) or not isinstance(expires_on, date):
        raise CertificateInvalid(_("Hãy nhập ngày cấp và ngày hết hạn."), field="expires_on")
    today = timezone.localdate()
    if issued_on > today:
        raise CertificateInvalid(_("Ngày cấp không thể sau hôm nay."), field="issued_on")
    if expires_on <= issued_on:
        raise CertificateInvalid(_("Ngày hết hạn phải sau ngày cấp."), field="expires_on")
    if expires_on < today:
        raise CertificateInvalid(_("Chứng nhận này đã hết hạn, không khai báo được."), field="expires_on")
    if OcopCertificate.objects.filter(issuing_level=issuing_level, number__iexact=number).exists():
        raise CertificateInvalid(_("Số chứng nhận này đã được khai báo."), field="number")
    wanted = {getattr(product, "pk", product) for product in products}
    own = list(Product.objects.filter(pk__in=wanted, producer=producer, deleted_at__isnull=True))
    if len(own) != len(wanted):
        raise CertificateInvalid(_("Chỉ chọn được sản phẩm của cơ sở mình."), field="products")
    return own


def _check_member(user, producer_id: int) -> None:
    membership = selectors.membership_of(user)
    if membership is None or membership.producer_id != producer_id:
        raise ProducerError(_("Chị không thuộc cơ sở này."))


def certificate_submit(*, producer: Producer, by, stars: int, number: str, issuing_level: str, issued_on: date,
                       expires_on: date, scan, products) -> OcopCertificate:
    """A seller declares a certificate: stored as pending with its scan; the badge waits for staff."""
    _check_member(by, producer.pk)
    number = " ".join((number or "").split())
    products = _check_declaration(producer=producer, stars=stars, number=number, issuing_level=issuing_level,
                                  issued_on=issued_on, expires_on=expires_on, products=products)
    if not scan:
        raise UploadRejected(_("Hãy chọn bản chụp hoặc tệp PDF của giấy chứng nhận."))
    scan, _content_type, extension = clean_document(scan, name_stem="chung-nhan")
    certificate = OcopCertificate(producer=producer, stars=stars, number=number, issuing_level=issuing_level,
                                  issued_on=issued_on, expires_on=expires_on, status=OcopCertificate.Status.PENDING)
    certificate.scan.save(f"chung-nhan.{extension}", scan, save=False)  # named by its bytes, not the upload
    try:
        with transaction.atomic():
            certificate.save()
            certificate.products.set(products)
            audit_record(subject=certificate, action="ocop_submitted", actor=by, to_state=certificate.status)
    except IntegrityError:
        # Someone declared the same number between the check and the save.
        certificate.scan.delete(save=False)
        raise CertificateInvalid(_("Số chứng nhận này đã được khai báo."), field="number") from None
    except BaseException:
        certificate.scan.delete(save=False)
        raise
    return certificate


@transaction.atomic
def certificate_withdraw(*, certificate: OcopCertificate, by) -> None:
    """The seller takes back a certificate staff have not confirmed; its scan goes with it."""
    _check_member(by, certificate.producer_id)
    certificate = OcopCertificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == OcopCertificate.Status.CONFIRMED:
        raise ProducerError(_("Chứng nhận đã được cán bộ Hội xác nhận, chị không rút lại được."))
    audit_record(subject=certificate, action="ocop_withdrawn", actor=by, from_state=certificate.status,
                 to_state="withdrawn")
    scan, storage = certificate.scan.name, certificate.scan.storage
    certificate.delete()
    if scan:
        transaction.on_commit(lambda: storage.delete(scan))  # a rolled-back withdrawal keeps its scan


def ocop_refresh_products(product_ids, *, on=None) -> None:
    """Set each product's ocop_stars to the best certificate covering it that is valid `on` (default today)."""
    Product = _product_model()

    product_ids = list(product_ids)
    best = dict(
        OcopCertificate.objects.valid(on=on).filter(products__in=product_ids)
        .values_list("products").annotate(stars=Max("stars"))
    )
    for product in Product.objects.filter(pk__in=product_ids).only("pk", "ocop_stars"):
        stars = best.get(product.pk)
        if product.ocop_stars != stars:
            Product.objects.filter(pk=product.pk).update(ocop_stars=stars)
    cache_version.bump()


@transaction.atomic
def certificate_decide(*, certificate: OcopCertificate, by, confirm: bool, reason: str = "") -> OcopCertificate:
    if not selectors.certificates_for_staff(by).filter(pk=certificate.pk).exists():
        raise ProducerError(_("Chứng nhận này không thuộc đơn vị của bạn."))
    if not confirm and not reason.strip():
        raise ProducerError(_("Hãy ghi lý do chứng nhận không hợp lệ."))
    certificate = OcopCertificate.objects.select_for_update().get(pk=certificate.pk)
    previous = certificate.status
    certificate.status = OcopCertificate.Status.CONFIRMED if confirm else OcopCertificate.Status.REJECTED
    certificate.confirmed_by, certificate.confirmed_at = (by, timezone.now()) if confirm else (None, None)
    certificate.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit_record(subject=certificate, action="ocop_confirmed" if confirm else "ocop_rejected", actor=by,
                 from_state=previous, to_state=certificate.status, reason=reason.strip())
    ocop_refresh_products(certificate.products.values_list("pk", flat=True))
    return certificate


@transaction.atomic
def certificate_set_products(*, certificate: OcopCertificate, products) -> None:
    before = set(certificate.products.values_list("pk", flat=True))
    products = [p for p in products if p.producer_id == certificate.producer_id]  # never another producer's
    certificate.products.set(products)
    ocop_refresh_products(before | {p.pk for p in products})


def ocop_expiry_check(*, today=None) -> dict[str, int]:
    """Daily: warn producers 60 and 14 days before expiry (once each), remove badges after it."""
    from producers.tasks import send_ocop_expiry_warning

    today = today or timezone.localdate()
    counts = {"warned_60": 0, "warned_14": 0, "expired": 0}
    confirmed = OcopCertificate.objects.filter(status=OcopCertificate.Status.CONFIRMED)
    soon = confirmed.filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=max(WARNING_DAYS)))
    for certificate in soon:
        days_left = (certificate.expires_on - today).days
        level = min(d for d in WARNING_DAYS if days_left <= d)
        field = f"warned_{level}_at"
        # One message per level: a certificate first seen 10 days out gets the 14-day one only.
        updates = {f"warned_{d}_at": timezone.now() for d in WARNING_DAYS if d >= level
                   and getattr(certificate, f"warned_{d}_at") is None}
        # The conditional UPDATE is the guard: a second beat or a retry finds nothing to mark.
        if field in updates and OcopCertificate.objects.filter(
            pk=certificate.pk, **{f"{field}__isnull": True}
        ).update(**updates):
            transaction.on_commit(
                lambda cid=certificate.pk, left=days_left: send_ocop_expiry_warning.delay(cid, left), robust=True
            )
            counts[f"warned_{level}"] += 1
    expired = confirmed.filter(expires_on__lt=today, expiry_applied_at__isnull=True)
    for certificate in expired:
        with transaction.atomic():
            OcopCertificate.objects.filter(pk=certificate.pk).update(expiry_applied_at=timezone.now())
            ocop_refresh_products(certificate.products.values_list("pk", flat=True), on=today)
            audit_record(subject=certificate, action="ocop_expired", from_state="confirmed", to_state="expired")
        counts["expired"] += 1
    return counts
