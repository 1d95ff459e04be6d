"""OCOP certificates of the demo: confirmed ones for the starred products (the badge shows only
through one), a few about to expire, and one a seller has sent that waits for the union.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile

from marketplace.catalogue.models import Product
from marketplace.demo.papers import pdf_bytes
from marketplace.demo.plan import DemoPlan
from producers.models import OcopCertificate
from producers.services.ocop import ocop_refresh_products

VALID_DAYS = 3 * 365  # an OCOP certificate is valid for 36 months
# Days left on the first certificate of these producers (Hà Nội, An Giang), so the staff's
# "expiring within 60 days" panel and the 60- and 14-day warnings have something to show.
EXPIRING_SOON = {"htx-gom-su-phu-nu-bat-trang": 10, "hkd-lua-van-phuc-ba-hang": 45, "htx-nuoc-mam-phu-nu-phu-quoc": 30}
PENDING_PRODUCER, PENDING_NUMBER = "htx-may-tre-dan-phu-vinh", 900  # a Hà Nội certificate awaiting confirmation


def certificate_number(province_code: int, index: int) -> str:
    return f"{index:03d}/QĐ-OCOP-{province_code:02d}"


def ensure_certificates(plan: DemoPlan, *, producers: dict, today: date, now: datetime) -> int:
    """One certificate per producer and star rating, covering her products planned with those stars."""
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for product in plan.products:
        if product.ocop_stars:
            groups[(product.producer.spec.slug, product.ocop_stars)].append(product.slug)
    existing = set(OcopCertificate.objects.values_list("issuing_level", "number"))
    ids = dict(Product.objects.filter(slug__in=[s for slugs in groups.values() for s in slugs])
               .values_list("slug", "id"))
    covered, created, seen = [], 0, set()
    for index, ((producer_slug, stars), slugs) in enumerate(sorted(groups.items()), start=1):
        producer = producers[producer_slug]
        days_left = EXPIRING_SOON.get(producer_slug) if producer_slug not in seen else None
        seen.add(producer_slug)
        level = OcopCertificate.Level.CENTRAL if stars == 5 else OcopCertificate.Level.PROVINCE
        number = certificate_number(producer.province_code, index)
        if (level, number) in existing:
            continue
        if days_left is None:
            issued_on = today - timedelta(days=30 + (index * 53) % 700)
        else:
            issued_on = today - timedelta(days=VALID_DAYS - days_left)
        certificate = OcopCertificate.objects.create(
            producer=producer, stars=stars, number=number, issuing_level=level, issued_on=issued_on,
            expires_on=issued_on + timedelta(days=VALID_DAYS), status=OcopCertificate.Status.CONFIRMED,
            confirmed_at=now,
        )
        product_ids = [ids[slug] for slug in slugs if slug in ids]
        certificate.products.set(product_ids)
        covered += product_ids
        created += 1
    if covered:
        ocop_refresh_products(covered)
    return created


def ensure_pending_certificate(plan: DemoPlan, *, producers: dict, today: date) -> int:
    """A 3-star certificate with its scan, sent by a Hà Nội seller for a product without stars yet."""
    producer = producers[PENDING_PRODUCER]
    number = certificate_number(producer.province_code, PENDING_NUMBER)
    if OcopCertificate.objects.filter(issuing_level=OcopCertificate.Level.PROVINCE, number=number).exists():
        return 0
    slugs = [p.slug for p in plan.products
             if p.producer.spec.slug == PENDING_PRODUCER and not p.ocop_stars and p.status == "published"]
    product = Product.objects.filter(slug__in=slugs[:1]).first()
    issued_on = today - timedelta(days=12)
    certificate = OcopCertificate(
        producer=producer, stars=3, number=number, issuing_level=OcopCertificate.Level.PROVINCE,
        issued_on=issued_on, expires_on=issued_on + timedelta(days=VALID_DAYS),
        status=OcopCertificate.Status.PENDING,
    )
    scan = pdf_bytes("Giấy chứng nhận sản phẩm OCOP", [
        f"Số: {number}", f"Sản phẩm: {product.name if product else producer.name}", "Hạng: 3 sao",
        f"Chủ thể: {producer.name}", f"Ngày cấp: {issued_on:%d/%m/%Y}",
    ])
    certificate.scan.save("chung-nhan-ocop.pdf", ContentFile(scan), save=False)
    certificate.save()
    if product:
        certificate.products.set([product])
    return 1


def certificates_by_producer_and_stars() -> dict[tuple[int, int], int]:
    """(producer id, stars) -> id of a valid certificate, for bulk products to join."""
    return {
        (producer_id, stars): certificate_id
        for certificate_id, producer_id, stars in OcopCertificate.objects.valid().values_list("id", "producer_id", "stars")
    }
