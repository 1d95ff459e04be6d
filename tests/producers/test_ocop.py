"""OCOP certificates: staff confirm them, the badge follows the best valid one, expiry is watched daily."""

import datetime

import pytest
from django.core import mail
from django.http import QueryDict
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.catalogue.selectors import filtered_products
from marketplace.core.audit import audit_history
from marketplace.core.models import AuditEvent
from producers.models import OcopCertificate
from producers.services.errors import ProducerError
from producers.services.ocop import (
    certificate_decide,
    certificate_set_products,
    ocop_expiry_check,
    ocop_refresh_products,
)
from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import HA_NOI_WARD, member_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOTHING = {"warned_60": 0, "warned_14": 0, "expired": 0}


@pytest.fixture
def producer(tree):
    return ProducerFactory(name="HTX Nước mắm Cát Hải", union_unit=tree.ha_noi_ward, ward_code=HA_NOI_WARD)


@pytest.fixture
def owner(producer):
    return member_of(producer, email="chu.htx@example.vn")


def _certificate(producer, products=(), *, stars=4, expires_on=None, status=OcopCertificate.Status.PENDING,
                 number=None):
    expires_on = expires_on or TODAY + datetime.timedelta(days=365)
    certificate = OcopCertificate.objects.create(
        producer=producer, stars=stars, number=number or f"OCOP-{stars}-{expires_on:%Y%m%d}",
        issued_on=expires_on - datetime.timedelta(days=3 * 365), expires_on=expires_on, status=status,
    )
    certificate.products.set(products)
    return certificate


def _stars(*products) -> list[int | None]:
    return [Product.objects.get(pk=product.pk).ocop_stars for product in products]


def _ocop_4_listing() -> list[Product]:
    _filterset, queryset, _sort = filtered_products(params=QueryDict("ocop=4"))
    return list(queryset)


def _check(on, capture) -> dict[str, int]:
    with capture(execute=True):
        return ocop_expiry_check(today=on)


def test_confirming_gives_each_product_its_best_valid_certificate(producer, ha_noi_staff):
    sauce, paste, plain = ProductFactory(producer=producer), ProductFactory(producer=producer), ProductFactory(
        producer=producer)
    four = _certificate(producer, [sauce, paste], stars=4)
    five = _certificate(producer, [paste], stars=5)
    _certificate(producer, [sauce], stars=5, status=OcopCertificate.Status.CONFIRMED,
                 expires_on=TODAY - datetime.timedelta(days=1))

    certificate_decide(certificate=four, by=ha_noi_staff, confirm=True)
    assert _stars(sauce, paste, plain) == [4, 4, None]

    certificate_decide(certificate=five, by=ha_noi_staff, confirm=True)

    assert _stars(sauce, paste, plain) == [4, 5, None]
    four.refresh_from_db()
    assert (four.status, four.confirmed_by) == (OcopCertificate.Status.CONFIRMED, ha_noi_staff)
    event = audit_history(four).get()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "ocop_confirmed", ha_noi_staff, "pending", "confirmed"
    )


def test_rejecting_needs_a_reason_and_takes_the_badge_away(producer, ha_noi_staff):
    sauce = ProductFactory(producer=producer)
    certificate = _certificate(producer, [sauce], stars=4)
    certificate_decide(certificate=certificate, by=ha_noi_staff, confirm=True)

    with pytest.raises(ProducerError) as error:
        certificate_decide(certificate=certificate, by=ha_noi_staff, confirm=False, reason="  ")
    assert error.value.message == "Hãy ghi lý do chứng nhận không hợp lệ."
    assert _stars(sauce) == [4]

    certificate_decide(certificate=certificate, by=ha_noi_staff, confirm=False, reason="Số chứng nhận không khớp.")

    certificate.refresh_from_db()
    assert (certificate.status, certificate.confirmed_by) == (OcopCertificate.Status.REJECTED, None)
    assert _stars(sauce) == [None]
    assert audit_history(certificate).first().reason == "Số chứng nhận không khớp."


def test_staff_out_of_scope_cannot_decide(producer, hue_staff):
    sauce = ProductFactory(producer=producer)
    certificate = _certificate(producer, [sauce], stars=4)

    with pytest.raises(ProducerError) as error:
        certificate_decide(certificate=certificate, by=hue_staff, confirm=True)

    assert error.value.message == "Chứng nhận này không thuộc đơn vị của bạn."
    certificate.refresh_from_db()
    assert certificate.status == OcopCertificate.Status.PENDING
    assert _stars(sauce) == [None]
    assert not AuditEvent.objects.exists()


def test_changing_the_products_of_a_certificate_updates_removed_and_added_ones(producer, ha_noi_staff):
    sauce, paste = ProductFactory(producer=producer), ProductFactory(producer=producer)
    certificate = _certificate(producer, [sauce], stars=4)
    certificate_decide(certificate=certificate, by=ha_noi_staff, confirm=True)

    certificate_set_products(certificate=certificate, products=[paste])

    assert _stars(sauce, paste) == [None, 4]
    assert list(certificate.products.all()) == [paste]


def test_expiry_warnings_go_out_once_at_60_then_14_days_and_the_badge_goes_after_expiry(
    producer, owner, django_capture_on_commit_callbacks
):
    sauce = ProductFactory(producer=producer)
    expires = TODAY + datetime.timedelta(days=90)
    certificate = _certificate(producer, [sauce], stars=4, expires_on=expires, number="123/QĐ-UBND",
                               status=OcopCertificate.Status.CONFIRMED)
    _certificate(producer, [sauce], stars=3, expires_on=expires + datetime.timedelta(days=400),
                 status=OcopCertificate.Status.CONFIRMED)
    ocop_refresh_products([sauce.pk])
    assert _stars(sauce) == [4]
    assert _ocop_4_listing() == [sauce]

    def day(n):  # n days before (negative: after) the expiry date
        return _check(expires - datetime.timedelta(days=n), django_capture_on_commit_callbacks)

    assert day(61) == NOTHING
    assert day(60) == {**NOTHING, "warned_60": 1}
    assert day(60) == NOTHING
    assert day(30) == NOTHING
    assert day(14) == {**NOTHING, "warned_14": 1}
    assert day(13) == NOTHING
    assert day(0) == NOTHING
    assert _stars(sauce) == [4]

    assert [message.subject for message in mail.outbox] == [
        "Chứng nhận OCOP 123/QĐ-UBND hết hạn sau 60 ngày",
        "Chứng nhận OCOP 123/QĐ-UBND hết hạn sau 14 ngày",
    ]
    assert mail.outbox[0].to == ["chu.htx@example.vn"]
    assert f"hết hạn ngày {expires:%d/%m/%Y}" in mail.outbox[0].body

    assert day(-1) == {**NOTHING, "expired": 1}
    assert day(-2) == NOTHING

    assert _stars(sauce) == [3]
    assert len(mail.outbox) == 2
    event = audit_history(certificate).get()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "ocop_expired", None, "confirmed", "expired"
    )


def test_the_storefront_ocop_filter_drops_an_expired_badge(producer, django_capture_on_commit_callbacks):
    sauce = ProductFactory(producer=producer)
    expires = TODAY + datetime.timedelta(days=5)
    certificate = _certificate(producer, [sauce], stars=4, expires_on=expires, status=OcopCertificate.Status.CONFIRMED)
    certificate_set_products(certificate=certificate, products=[sauce])
    assert _ocop_4_listing() == [sauce]

    result = _check(expires + datetime.timedelta(days=1), django_capture_on_commit_callbacks)

    assert result["expired"] == 1
    assert _stars(sauce) == [None]
    assert _ocop_4_listing() == []


def test_a_certificate_first_seen_10_days_out_gets_only_the_14_day_warning(
    producer, owner, django_capture_on_commit_callbacks
):
    expires = TODAY + datetime.timedelta(days=200)
    certificate = _certificate(producer, stars=5, expires_on=expires, status=OcopCertificate.Status.CONFIRMED)
    ten_days_out = expires - datetime.timedelta(days=10)

    first = _check(ten_days_out, django_capture_on_commit_callbacks)
    second = _check(ten_days_out, django_capture_on_commit_callbacks)

    assert first == {**NOTHING, "warned_14": 1}
    assert second == NOTHING
    assert [message.subject for message in mail.outbox] == [f"Chứng nhận OCOP {certificate.number} hết hạn sau 10 ngày"]
    certificate.refresh_from_db()
    assert certificate.warned_60_at is not None and certificate.warned_14_at is not None


def test_pending_and_rejected_certificates_are_not_watched(producer, owner, django_capture_on_commit_callbacks):
    expires = TODAY + datetime.timedelta(days=30)
    _certificate(producer, stars=4, expires_on=expires)
    _certificate(producer, stars=5, expires_on=expires, status=OcopCertificate.Status.REJECTED)

    assert _check(expires - datetime.timedelta(days=14), django_capture_on_commit_callbacks) == NOTHING
    assert _check(expires + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == NOTHING
    assert mail.outbox == []
