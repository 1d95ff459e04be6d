"""Reads scoped to who asks: an officer sees her unit's subtree, the centre sees all, others nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from marketplace.catalogue.selectors import products_for_staff
from producers import selectors
from producers.models import OcopCertificate, ProducerMember, VerificationDocument, VerificationRequest
from tests.factories import ProductFactory
from tests.factories_producers import PDF_BYTES, UserFactory, member_of, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(ha_noi_producer, hue_producer):
    """One of each thing per producer: a request, a document, a certificate, a product."""
    for producer in (ha_noi_producer, hue_producer):
        VerificationRequest.objects.create(producer=producer)
        VerificationDocument.objects.create(
            producer=producer, kind=VerificationDocument.Kind.REPRESENTATIVE_ID, file="x.pdf",
            original_name="cccd.pdf", content_type="application/pdf", size=len(PDF_BYTES),
        )
        OcopCertificate.objects.create(
            producer=producer, stars=4, number=f"OCOP-{producer.pk}", issued_on=datetime.date(2024, 1, 1),
            expires_on=datetime.date(2027, 1, 1),
        )
        ProductFactory(producer=producer)
    return ha_noi_producer, hue_producer


def _producer_names(queryset, field="producer__name"):
    return sorted(queryset.values_list(field, flat=True))


def test_ha_noi_staff_see_only_ha_noi(both, ha_noi_staff, tree):
    ha_noi, _hue = both

    assert list(selectors.producers_for_staff(ha_noi_staff)) == [ha_noi]
    assert _producer_names(selectors.verification_requests_for_staff(ha_noi_staff)) == [ha_noi.name]
    assert _producer_names(selectors.documents_for_staff(ha_noi_staff)) == [ha_noi.name]
    assert _producer_names(selectors.certificates_for_staff(ha_noi_staff)) == [ha_noi.name]
    assert _producer_names(products_for_staff(ha_noi_staff)) == [ha_noi.name]
    assert set(selectors.units_for_staff(ha_noi_staff)) == {tree.ha_noi, tree.ha_noi_ward}


def test_ward_staff_do_not_see_their_province(both, tree):
    ward_officer = staff_user(tree.ha_noi_ward)

    assert list(selectors.producers_for_staff(ward_officer)) == [both[0]]
    assert set(selectors.units_for_staff(ward_officer)) == {tree.ha_noi_ward}


@pytest.mark.parametrize("who", ["central_staff", "superuser"])
def test_central_admin_and_superuser_see_everything(both, tree, central_staff, who):
    user = central_staff if who == "central_staff" else UserFactory(is_superuser=True, is_staff=True)

    assert selectors.is_central_admin(user)
    assert selectors.producers_for_staff(user).count() == 2
    assert selectors.verification_requests_for_staff(user).count() == 2
    assert selectors.documents_for_staff(user).count() == 2
    assert selectors.certificates_for_staff(user).count() == 2
    assert products_for_staff(user).count() == 2
    assert selectors.units_for_staff(user).count() == 5


@pytest.mark.parametrize("who", ["plain_user", "anonymous"])
def test_someone_who_is_not_staff_sees_nothing(both, who):
    user = UserFactory() if who == "plain_user" else AnonymousUser()

    assert selectors.staff_unit(user) is None
    assert not selectors.is_central_admin(user)
    assert not selectors.producers_for_staff(user).exists()
    assert not selectors.verification_requests_for_staff(user).exists()
    assert not selectors.documents_for_staff(user).exists()
    assert not selectors.certificates_for_staff(user).exists()
    assert not products_for_staff(user).exists()
    assert not selectors.units_for_staff(user).exists()


def test_a_member_of_a_producer_is_not_staff(both):
    seller = member_of(both[0])

    assert not selectors.producers_for_staff(seller).exists()


def test_producer_of_seller(ha_noi_producer):
    owner = member_of(ha_noi_producer)
    helper = member_of(ha_noi_producer, role=ProducerMember.Role.HELPER)

    assert selectors.producer_of_seller(owner) == ha_noi_producer
    assert selectors.producer_of_seller(helper) == ha_noi_producer
    assert selectors.membership_of(helper).role == ProducerMember.Role.HELPER
    assert selectors.producer_of_seller(UserFactory()) is None
    assert selectors.producer_of_seller(AnonymousUser()) is None


def test_document_for_viewer(both, ha_noi_staff, hue_staff, central_staff):
    ha_noi, hue = both
    document = ha_noi.documents.get()
    own_member = member_of(ha_noi, role=ProducerMember.Role.HELPER)
    other_member = member_of(hue)

    assert selectors.document_for_viewer(own_member, document.pk) == document
    assert selectors.document_for_viewer(other_member, document.pk) is None
    assert selectors.document_for_viewer(ha_noi_staff, document.pk) == document
    assert selectors.document_for_viewer(central_staff, document.pk) == document
    assert selectors.document_for_viewer(hue_staff, document.pk) is None
    assert selectors.document_for_viewer(UserFactory(), document.pk) is None
    assert selectors.document_for_viewer(AnonymousUser(), document.pk) is None


def test_certificate_scan_for_viewer(both, ha_noi_staff, hue_staff):
    ha_noi, hue = both
    certificate = ha_noi.ocop_certificates.get()

    assert selectors.certificate_scan_for_viewer(member_of(ha_noi), certificate.pk) == certificate
    assert selectors.certificate_scan_for_viewer(member_of(hue), certificate.pk) is None
    assert selectors.certificate_scan_for_viewer(ha_noi_staff, certificate.pk) == certificate
    assert selectors.certificate_scan_for_viewer(hue_staff, certificate.pk) is None


def test_certificates_expiring_within_60_days_in_scope(ha_noi_producer, hue_producer, ha_noi_staff):
    today = timezone.localdate()

    def certificate(producer, days, status=OcopCertificate.Status.CONFIRMED):
        return OcopCertificate.objects.create(
            producer=producer, stars=3, number=f"S-{producer.pk}-{days}-{status}", status=status,
            issued_on=today - datetime.timedelta(days=1000), expires_on=today + datetime.timedelta(days=days),
        )

    soon, last_day = certificate(ha_noi_producer, 10), certificate(ha_noi_producer, 60)
    certificate(ha_noi_producer, 61)
    certificate(ha_noi_producer, -1)
    certificate(ha_noi_producer, 5, status=OcopCertificate.Status.PENDING)
    certificate(hue_producer, 10)

    assert list(selectors.certificates_expiring(ha_noi_staff)) == [soon, last_day]
    assert list(selectors.certificates_expiring(ha_noi_staff, within_days=14)) == [soon]
