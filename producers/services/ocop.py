"""OCOP certificates: staff confirm them; the product badge follows confirmed, unexpired ones only."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalogue import cache_version
from marketplace.core.audit import audit_record
from producers import selectors
from producers.models import OcopCertificate
from producers.services.errors import ProducerError

WARNING_DAYS = (60, 14)


def ocop_refresh_products(product_ids, *, on=None) -> None:
    """Set each product's ocop_stars to the best certificate covering it that is valid `on` (default today)."""
    from marketplace.catalogue.models import Product

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
