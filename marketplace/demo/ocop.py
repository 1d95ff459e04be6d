"""Confirmed OCOP certificates for the demo's starred products: the badge shows only through one."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from marketplace.catalogue.models import Product
from marketplace.demo.plan import DemoPlan
from producers.models import OcopCertificate
from producers.services.ocop import ocop_refresh_products

VALID_DAYS = 3 * 365  # an OCOP certificate is valid for 36 months


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
    covered, created = [], 0
    for index, ((producer_slug, stars), slugs) in enumerate(sorted(groups.items()), start=1):
        producer = producers[producer_slug]
        level = OcopCertificate.Level.CENTRAL if stars == 5 else OcopCertificate.Level.PROVINCE
        number = certificate_number(producer.province_code, index)
        if (level, number) in existing:
            continue
        issued_on = today - timedelta(days=30 + (index * 53) % 700)
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


def certificates_by_producer_and_stars() -> dict[tuple[int, int], int]:
    """(producer id, stars) -> id of a valid certificate, for bulk products to join."""
    return {
        (producer_id, stars): certificate_id
        for certificate_id, producer_id, stars in OcopCertificate.objects.valid().values_list("id", "producer_id", "stars")
    }
